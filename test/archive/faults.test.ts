// Bad input and faults: each gives a clear one-line message and leaves the
// archive exactly as it was (row and call counts compared before and after).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../../src/main/import/file-import';
import { importFiles } from '../../src/main/import/run-import';
import { readerOpener } from '../../src/main/import/source';
import { openArchive, type Archive } from '../../src/main/store/archive';
import { openDatabase } from '../../src/main/store/native';
import { SCHEMA_VERSION } from '../../src/main/store/schema';
import { csv, HEADER, inboundRows, manyCalls, writeFile } from './fixtures';
import { counts, freshArchive, TZ } from './helpers';
import { bundledWorkerEntry } from '../common/worker-entry';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

// Bad input is refused by the import's own code, the same in the calling thread (inProcess) as in the
// worker; the database faults below reach the archive through the worker's connection, as in the app
// (the worker bundled once, test/common/worker-entry.ts: its thread is tested, not tsx's bootstrap).
const worker = bundledWorkerEntry();

/**
 * An archive that already holds one import, so "as before" is not trivially "empty". Seeded in this
 * thread: the worker importFiles starts is what the tests below exercise, not the seed.
 */
async function seeded(): Promise<{ dir: string; path: string; archive: Archive }> {
  const s = freshArchive();
  cleanups.push(() => s.archive.close());
  const good = writeFile(s.dir, 'good.csv', csv(manyCalls(20).flatMap(inboundRows)));
  const r = await importFile(s.archive.db, good, { timeZone: TZ, open: readerOpener });
  expect(r.status).toBe('done');
  return s;
}

function expectOneLine(message: string | null | undefined, pattern: RegExp): void {
  expect(message).toBeTruthy();
  expect(message!).not.toContain('\n');
  expect(message!).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
  expect(message!).toMatch(pattern);
}

describe('bad input: nothing half-imported', () => {
  it('a truncated file (cut inside a record) is refused whole', async () => {
    const s = await seeded();
    const text = csv(manyCalls(30, 5000).flatMap(inboundRows));
    const cut = writeFile(s.dir, 'cut.csv', text.slice(0, Math.floor(text.length * 0.7)));
    const before = counts(s.archive);
    const [r] = await importFiles(s.archive, [cut], { timeZone: TZ, inProcess: true });
    expect(r?.status).toBe('failed');
    expectOneLine(r?.message, /truncated/);
    expect(r?.message).toMatch(/nothing of it was imported/);
    expect(counts(s.archive)).toEqual(before);
  });

  it('wrong / missing columns', async () => {
    const s = await seeded();
    const f = writeFile(s.dir, 'cols.csv', 'call_id,colour,size\n1,red,3\n2,blue,4\n');
    await expectFailsCleanlyIn(s, f, /cols\.csv/, { inProcess: true });
  });

  it('binary garbage', async () => {
    const s = await seeded();
    const f = writeFile(s.dir, 'garbage.csv', randomBytes(200_000));
    await expectFailsCleanlyIn(s, f, /garbage\.csv/, { inProcess: true });
  });

  it('a file that is not an export', async () => {
    const s = await seeded();
    const f = writeFile(s.dir, 'notes.txt', 'Dear team,\nplease find the numbers attached.\nRegards\n');
    await expectFailsCleanlyIn(s, f, /notes\.txt/, { inProcess: true });
  });

  it('a missing file', async () => {
    const s = await seeded();
    await expectFailsCleanlyIn(s, join(s.dir, 'nope.csv'), /nope\.csv/);
  });
});

async function expectFailsCleanlyIn(s: { archive: Archive }, file: string, pattern: RegExp, extra: object = {}) {
  const before = counts(s.archive);
  const [r] = await importFiles(s.archive, [file], { timeZone: TZ, worker, ...extra });
  expect(r?.status).toBe('failed');
  expectOneLine(r?.message, pattern);
  expect(counts(s.archive)).toEqual(before);
  return r!;
}

describe('database faults', () => {
  it('a database locked by another process', async () => {
    const s = await seeded();
    const f = writeFile(s.dir, 'more.csv', csv(manyCalls(10, 7000).flatMap(inboundRows)));
    const holder: ChildProcess = spawn(
      process.execPath,
      [
        '-e',
        `const D=require(${JSON.stringify(require.resolve('better-sqlite3'))});const d=new D(${JSON.stringify(s.path)});d.exec('BEGIN IMMEDIATE');d.exec("INSERT INTO meta(key,value) VALUES('lock','held')");console.log('locked');setInterval(()=>{},1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanups.push(() => holder.kill());
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      holder.on('exit', () => reject(new Error('lock holder exited')));
    });
    const r = await expectFailsCleanlyIn(s, f, /locked by another process/, { busyTimeoutMs: 300 });
    expect(r.message).toMatch(/more\.csv/);
  });

  it('a read-only database (opened read-only: SQLite refuses every write)', async () => {
    // Tests run as root, so chmod would not stop writes; the read-only flag is SQLite's own
    // SQLITE_OPEN_READONLY, the same state a write-protected medium gives.
    const s = await seeded();
    const f = writeFile(s.dir, 'more.csv', csv(manyCalls(10, 7000).flatMap(inboundRows)));
    await expectFailsCleanlyIn(s, f, /read-only/, { readonly: true });
  });

  const chattr = spawnSync('chattr', ['--help']).error === undefined;
  it.skipIf(!chattr)('a read-only database file (immutable attribute: even root cannot write it)', async () => {
    const s = await seeded();
    const f = writeFile(s.dir, 'more.csv', csv(manyCalls(10, 7000).flatMap(inboundRows)));
    const before = counts(s.archive);
    s.archive.db.pragma('wal_checkpoint(TRUNCATE)');
    // Close our own connection: SQLite would otherwise reuse this process's read-write descriptor.
    s.archive.close();
    const set = spawnSync('chattr', ['+i', s.path]);
    if (set.status !== 0) return; // file system without attributes: covered by the test above
    cleanups.push(() => spawnSync('chattr', ['-i', s.path]));
    const [r] = await importFiles(s.path, [f], { timeZone: TZ, worker });
    expect(r?.status).toBe('failed');
    expectOneLine(r?.message, /read-only/);
    const after = openArchive(s.path, { readonly: true });
    cleanups.push(() => after.close());
    expect(counts(after)).toEqual(before);
  });

  it('a full disk (simulated with PRAGMA max_page_count)', async () => {
    const s = await seeded();
    // 400 calls take about 150 pages: seven times the 20 left free.
    const f = writeFile(s.dir, 'big.csv', csv(manyCalls(400, 20000).flatMap(inboundRows)));
    const pages = s.archive.db.pragma('page_count', { simple: true }) as number;
    await expectFailsCleanlyIn(s, f, /disk is full/, { maxPageCount: pages + 20 });
  });

  it('a database written by a newer Callscope is refused and left untouched', async () => {
    const s = freshArchive();
    s.archive.db.pragma('user_version = 99');
    s.archive.close();
    expect(() => openArchive(s.path)).toThrow(
      new RegExp(`newer Callscope \\(schema 99; this Callscope .* reads up to schema ${SCHEMA_VERSION}\\)`),
    );
    try {
      openArchive(s.path);
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
    }
    const f = writeFile(s.dir, 'x.csv', csv(manyCalls(3).flatMap(inboundRows)));
    await expect(importFiles(s.path, [f], { timeZone: TZ, worker })).rejects.toThrow(/newer Callscope/);
    const raw = openDatabase(s.path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(99);
    raw.close();
  });

  it('a file that is SQLite but not an archive, and one that is not SQLite', () => {
    const s = freshArchive();
    s.archive.close();
    const other = join(s.dir, 'other.db');
    const d = openDatabase(other);
    d.exec('CREATE TABLE people (name TEXT)');
    d.close();
    expect(() => openArchive(other)).toThrow(/not a Callscope archive/);
    const text = writeFile(s.dir, 'text.db', HEADER + '\n');
    expect(() => openArchive(text)).toThrow(/not a Callscope archive|damaged/);
  });
});

describe('the messages themselves', () => {
  it('name the file and the cause in one line', async () => {
    const s = await seeded();
    const msgs: string[] = [];
    for (const [name, body] of [
      ['garbage.bin', randomBytes(5000)],
      ['cols.csv', 'call_id,colour\n1,red\n'],
      ['empty.csv', ''],
    ] as const) {
      const [r] = await importFiles(s.archive, [writeFile(s.dir, name, body)], { timeZone: TZ, inProcess: true });
      msgs.push(r!.message!);
      expect(r!.message).toContain(name);
    }
    for (const m of msgs) expectOneLine(m, /\S/);
  });
});
