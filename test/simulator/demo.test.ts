// The demo archive: created once from the fixed seed, marked is_demo, reused.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { userDataDir } from '../../src/main/simulator/data-dir';
import { ensureDemoArchive, isDemoArchive } from '../../src/main/simulator/demo';
import { openArchive, readMeta } from '../../src/main/store/archive';
import { tempDir } from './pipeline';
import { bundledWorkerEntry } from '../common/worker-entry';

/**
 * Small demos from the bundled import worker (test/common/worker-entry.ts): what is tested is where the demo
 * lives, its mark and its reuse, which 50 calls show as 400 did; not tsx's start in the import thread.
 */
const demo = (calls: number) => ensureDemoArchive({ calls, worker: bundledWorkerEntry() });

const tmp = tempDir();
const saved = process.env.CALLSCOPE_DATA_DIR;
afterAll(() => {
  if (saved === undefined) delete process.env.CALLSCOPE_DATA_DIR;
  else process.env.CALLSCOPE_DATA_DIR = saved;
  tmp.cleanup();
});

describe('demo archive', () => {
  it('is created once in the data directory, marked as demo data, then reused', async () => {
    process.env.CALLSCOPE_DATA_DIR = join(tmp.dir, 'data');
    const path = await demo(50);
    expect(path).toBe(join(tmp.dir, 'data', 'demo.sqlite'));
    const archive = openArchive(path, { readonly: true });
    try {
      expect(readMeta(archive.db).is_demo).toBe('1');
      const n = (archive.db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n;
      expect(n).toBe(50);
    } finally {
      archive.close();
    }
    const before = statSync(path).mtimeMs;
    expect(await demo(50)).toBe(path);
    expect(statSync(path).mtimeMs).toBe(before);
  }, 120_000);

  it('keeps a file it cannot use aside instead of overwriting it', async () => {
    process.env.CALLSCOPE_DATA_DIR = join(tmp.dir, 'data2');
    mkdirSync(process.env.CALLSCOPE_DATA_DIR, { recursive: true });
    writeFileSync(join(process.env.CALLSCOPE_DATA_DIR, 'demo.sqlite'), 'not an archive');
    const path = await demo(50);
    expect(isDemoArchive(path)).toBe(true);
    const aside = readdirSync(process.env.CALLSCOPE_DATA_DIR).filter((f) => f.startsWith('demo.sqlite.unusable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(process.env.CALLSCOPE_DATA_DIR, aside[0]!), 'utf8')).toBe('not an archive');
  }, 120_000);

  it('tells a demo archive from an ordinary one', () => {
    const plain = join(tmp.dir, 'plain.sqlite');
    openArchive(plain, { create: true }).close();
    expect(isDemoArchive(plain)).toBe(false);
    expect(isDemoArchive(join(tmp.dir, 'missing.sqlite'))).toBe(false);
  });

  it('lives in the platform data directory unless CALLSCOPE_DATA_DIR says otherwise', () => {
    expect(userDataDir({ CALLSCOPE_DATA_DIR: '/x' }, 'linux')).toBe('/x');
    expect(userDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux')).toBe(join('/xdg', 'callscope'));
    expect(userDataDir({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32')).toContain('Callscope');
    expect(userDataDir({}, 'darwin')).toContain(join('Library', 'Application Support', 'Callscope'));
  });
});
