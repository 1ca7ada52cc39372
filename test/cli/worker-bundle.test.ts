// The CLI's worker bundle (src/main/cli/worker-bundle.ts): built once per version of the sources,
// shared by processes, never stale, and the sources through tsx where it cannot be built. The real
// sources' bundle runs in every test that starts a worker thread (test/common/worker-entry.ts).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledWorkerEntry, lazyWorkerHost, sourcesHash, WORKER_SOURCE } from '../../src/main/cli/worker-bundle';

const made: string[] = [];

/** A checkout of three files: the worker entry, a module it loads for its role, and a shared one. */
function miniCheckout(answer = 'forty-two'): string {
  const root = mkdtempSync(join(tmpdir(), 'callscope-bundle-'));
  made.push(root);
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write(
    WORKER_SOURCE,
    "import { parentPort } from 'node:worker_threads';\nvoid import('./role').then((m) => parentPort?.postMessage(m.answer()));\n",
  );
  write(
    'src/main/import/role.ts',
    "import { word } from '../../shared/word';\nexport const answer = (): string => word;\n",
  );
  write('src/shared/word.ts', `export const word: string = '${answer}';\n`);
  return root;
}

function runWorker(path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const w = new Worker(path);
    w.once('message', (m) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the CLI worker bundle', () => {
  it('is built on first use into the cache, and runs the sources it was built from', async () => {
    const root = miniCheckout();
    const cacheDir = join(root, 'cache');
    const entry = bundledWorkerEntry({ root, cacheDir });
    expect(entry).not.toBeNull();
    const path = String(entry?.path);
    expect(path.startsWith(cacheDir)).toBe(true);
    expect(await runWorker(path)).toBe('forty-two');
  });

  it('is built once per version of the sources: the same bundle again, a new one after any source changes', () => {
    const root = miniCheckout();
    const cacheDir = join(root, 'cache');
    const first = String(bundledWorkerEntry({ root, cacheDir })?.path);
    const builtAt = statSync(first).mtimeMs;
    expect(String(bundledWorkerEntry({ root, cacheDir })?.path)).toBe(first);
    expect(statSync(first).mtimeMs).toBe(builtAt); // not built again
    writeFileSync(join(root, 'src/shared/word.ts'), "export const word: string = 'changed';\n");
    const second = String(bundledWorkerEntry({ root, cacheDir })?.path);
    expect(second).not.toBe(first);
    expect(statSync(first).isFile()).toBe(true); // the earlier version's bundle stays for a process still using it
  });

  it('runs a changed source as changed: the bundle is never stale', async () => {
    const root = miniCheckout();
    const cacheDir = join(root, 'cache');
    bundledWorkerEntry({ root, cacheDir });
    writeFileSync(join(root, 'src/shared/word.ts'), "export const word: string = 'changed';\n");
    expect(await runWorker(String(bundledWorkerEntry({ root, cacheDir })?.path))).toBe('changed');
  });

  it('hashes paths and contents of src/main, src/shared and package.json (its version is bundled) only', () => {
    const root = miniCheckout();
    const before = sourcesHash(root);
    writeFileSync(join(root, 'README.md'), 'not a source');
    expect(sourcesHash(root)).toBe(before);
    writeFileSync(join(root, 'src/shared/extra.ts'), '');
    const added = sourcesHash(root);
    expect(added).not.toBe(before);
    writeFileSync(join(root, 'package.json'), '{ "version": "0.2.0" }');
    expect(sourcesHash(root)).not.toBe(added);
  });

  it('falls back to the sources through tsx, with esbuild’s reason, where the bundle cannot be built', () => {
    const root = miniCheckout();
    writeFileSync(join(root, 'src/shared/word.ts'), 'export const word: string = ;\n');
    let why = '';
    expect(bundledWorkerEntry({ root, cacheDir: join(root, 'cache'), onFallback: (r) => (why = r) })).toBeNull();
    expect(why).toMatch(/Build failed/);
    expect(readdirSync(join(root, 'cache'))).toEqual([]); // no half-built folder left
  });

  it('removes bundles unused for over a week when it builds a new one, and keeps recent ones', () => {
    const root = miniCheckout();
    const cacheDir = join(root, 'cache');
    mkdirSync(join(cacheDir, 'old'), { recursive: true });
    mkdirSync(join(cacheDir, 'recent'), { recursive: true });
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    utimesSync(join(cacheDir, 'old'), eightDaysAgo, eightDaysAgo);
    bundledWorkerEntry({ root, cacheDir });
    const left = readdirSync(cacheDir);
    expect(left).toContain('recent');
    expect(left).not.toContain('old');
    expect(left).toHaveLength(2);
  });

  it('is looked for only when a command asks for its worker entry', () => {
    const root = miniCheckout();
    const host = lazyWorkerHost(root);
    expect(readdirSync(root)).not.toContain('node_modules'); // nothing built yet
    const entry = host.worker;
    expect(String(entry?.path)).toContain(join(root, 'node_modules', '.cache', 'callscope', 'workers'));
    expect(host.worker).toBe(entry);
  });
});
