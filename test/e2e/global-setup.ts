// Browser mode on a fresh, empty temp archive for the whole e2e run. The URL
// reaches the tests through the environment (Playwright passes it to workers).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from './serve';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'callscope-e2e-'));
  const serve = await startServe(join(dir, 'archive.sqlite'));
  process.env['CALLSCOPE_E2E_URL'] = serve.url;
  process.env['CALLSCOPE_E2E_ORIGIN'] = serve.origin;
  process.env['CALLSCOPE_E2E_TOKEN'] = serve.token;
  process.env['CALLSCOPE_E2E_DIR'] = dir;
  return async () => {
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
