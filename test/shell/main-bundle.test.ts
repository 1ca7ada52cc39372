// The BUILT Electron main process (out/main/index.js as electron-vite bundles it, built for the
// sources as they are by test/common/app-build.ts, so a stale out/ cannot fool it) started under
// Node with a stub `electron` (test/shell/main-bundle/):
// proves the bundle's own wiring where the Electron binary is missing — the
// preload and renderer paths it computes exist, app:// serves the built
// renderer with the CSP, IPC reaches a real SQLite archive through the handler
// map, and an import runs in a (stubbed) utility process on the bundled worker chunk. (Electron's ABI, native
// dialogs and the window itself remain for test/e2e/electron.spec.ts.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../src/main/store/archive';
import { csv, inboundRows, manyCalls } from '../archive/fixtures';
import { builtApp } from '../common/app-build';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'callscope-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let outDir = '';
const scenario = join(root, 'resources', 'samples', 'scenarios', 'callback-answered-1st.csv');
/** Bigger than one import chunk (7,500 rows): its calls are derived by the bundled derive worker. */
const BIG_CALLS = 2_500;
const big = join(dir, 'big.csv');
writeFileSync(big, csv(manyCalls(BIG_CALLS, 500_000).flatMap(inboundRows)));

let result: Record<string, unknown>;
let stderr = '';

beforeAll(() => {
  outDir = builtApp();
  const archive = join(dir, 'bundle.sqlite');
  // An empty archive for the built app to open (through the store: the API would start a read pool's four
  // worker threads only to close them).
  openArchive(archive, { create: true }).close();
  // Not the dev server, not a binding set by whoever runs the tests.
  const inherited = Object.entries(process.env).filter(
    ([k]) => k !== 'ELECTRON_RENDERER_URL' && k !== 'CALLSCOPE_SQLITE_BINDING',
  );
  const env: Record<string, string | undefined> = {
    ...Object.fromEntries(inherited),
    CALLSCOPE_USER_DATA: join(dir, 'profile'),
    CALLSCOPE_DATA_DIR: join(dir, 'data'),
    STUB_IMPORT_FILES: JSON.stringify([scenario, big]),
  };
  const r = spawnSync(
    process.execPath,
    ['--import', join(root, 'test', 'shell', 'main-bundle', 'register.mjs'), join(outDir, 'main', 'index.js'), archive],
    { cwd: root, env, encoding: 'utf8', timeout: 90_000 },
  );
  stderr = r.stderr;
  const line = r.stdout.split('\n').find((l) => l.startsWith('STUB-RESULT '));
  result = line
    ? (JSON.parse(line.slice('STUB-RESULT '.length)) as Record<string, unknown>)
    : { error: `no result: ${r.stdout} ${r.stderr}` };
}, 240_000);

describe('the built main process under a stub electron', () => {
  it('starts without an error', () => {
    expect(result['error'], stderr).toBeUndefined();
  });

  it('creates the window on app:// with the secure preferences and a preload that exists', () => {
    expect(result['url']).toBe('app://callscope/index.html');
    expect(result['preloadExists']).toBe(true);
    // A sandboxed preload is one classic script that may require only 'electron'.
    expect([...new Set(result['preloadRequires'] as string[])]).toEqual(['electron']);
    expect(result['sandboxAll']).toBe(true);
    expect(result['webPreferences']).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(result['schemes']).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the built renderer over app:// with the CSP', () => {
    expect(result['page']).toMatchObject({ status: 200, hasApp: true });
    expect((result['page'] as { csp: string }).csp).toMatch(/^default-src 'self'; script-src 'self'/);
    expect(result['script']).toMatchObject({ status: 200, type: expect.stringMatching(/javascript/) });
  });

  it('answers IPC from the archive named on the command line and refuses bad calls', () => {
    expect(result['info']).toMatchObject({ ok: true, value: { path: join(dir, 'bundle.sqlite'), isDemo: false } });
    expect(result['invalid']).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(result['foreign']).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(result['recent']).toEqual([join(dir, 'bundle.sqlite')]);
    expect(result['menuIds']).toEqual(expect.arrayContaining(['"id":"import-exports"', '"id":"open-archive"']));
  });

  it('imports a granted export in a utility process running the bundled worker chunk', () => {
    expect(readdirSync(join(outDir, 'main', 'chunks')).some((f) => f.startsWith('import-worker'))).toBe(true);
    // One import, in a utility process of its own, with glibc's import settings on Linux.
    expect(result['utilityForks']).toEqual([
      {
        module: expect.stringMatching(/^import-worker.*\.js$/),
        serviceName: 'Callscope import',
        mallocThreshold: process.platform === 'linux' ? '131072' : null,
      },
    ]);
    expect(result['granted']).toEqual({ ok: true, value: [scenario, big] });
    expect(result['started']).toBe(true);
    expect(result['progress']).toBe('done');
    // Every call of both files: the big one's through the bundled derive worker.
    expect(result['total']).toBeGreaterThan(BIG_CALLS);
    expect(existsSync(join(dir, 'profile', 'settings.json'))).toBe(true);
  });
});
