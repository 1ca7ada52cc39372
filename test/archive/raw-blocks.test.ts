// Raw values in compressed blocks (#10 goal 2, src/main/import/raw-blocks.ts): every
// value byte-exact through the blocks, blocks shared by two imports, erasure rewriting
// a block, the upgrade from the previous schema (progress in rows; interrupted = as before).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { BLOCK_BITS, BLOCK_ROWS, decodeBlock, encodeBlock } from '../../src/main/import/raw-blocks';
import { importFiles } from '../../src/main/import/run-import';
import { openArchive } from '../../src/main/store/archive';
import { RAW_BLOCKS_VERSION, SCHEMA_VERSION, type UpgradeProgress } from '../../src/main/store/schema';
import { verifyArchive } from '../../src/main/store/verify';
import { csv, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { storedRawRows, TZ } from './helpers';
import { likeMatcher } from '../../src/main/review/raw-values';
import {
  archivesClosedAfterEach,
  everyCallDetail,
  expectUpgradeCutOff,
  simulatedArchiveCopy,
} from './simulated-archive';

const { open, closeAll } = archivesClosedAfterEach();

/** Built once per size (seed 5); each test gets a copy of its own (the tests rewrite it). */
const simulatedArchive = async (calls = 150): Promise<{ path: string }> => ({
  path: await simulatedArchiveCopy(calls, 5),
});

/** The archive as the previous schema stored it: every row's values in raw_rows.fields, no blocks. */
function unpack(path: string): void {
  const a = openArchive(path);
  const rows = storedRawRows(a.db);
  a.db.transaction(() => {
    const set = a.db.prepare('UPDATE raw_rows SET fields = ? WHERE id = ?');
    for (const r of rows) set.run(r.text, r.id);
    a.db.exec('DROP TABLE raw_blocks');
    a.db.pragma(`user_version = ${RAW_BLOCKS_VERSION - 1}`);
  })();
  a.db.exec('VACUUM');
  a.close();
}

describe('block codec', () => {
  it('keeps every slot byte-exact: empty slots, empty text, digits, colons and any character', () => {
    const slots: (string | null)[] = new Array<string | null>(BLOCK_ROWS).fill(null);
    slots[0] = '';
    slots[1] = '12:34\u001f:';
    slots[5] = 'æøå € 😀\u001f"[x]"';
    slots[BLOCK_ROWS - 1] = '9'.repeat(5000);
    expect(decodeBlock(encodeBlock(slots))).toEqual(slots);
  });
});

describe('the LIKE prefilter of values in blocks', () => {
  it('matches what SQLite LIKE with ESCAPE \\ matches', () => {
    const m = likeMatcher('%4\\%5_%');
    expect(m('x4%5yz')).toBe(true);
    expect(m('x45yz')).toBe(false);
    expect(likeMatcher('%ab%')('xABy')).toBe(true);
    expect(likeMatcher('%a.b%')('axb')).toBe(false);
  });
});

describe('raw values in blocks', () => {
  it('an import packs its values into blocks; every value, detail and digest is as before', async () => {
    const { path } = await simulatedArchive();
    const a = open(path, { readonly: true });
    const n = a.db.prepare('SELECT count(*) FROM raw_rows').pluck().get() as number;
    expect(n).toBeGreaterThan(BLOCK_ROWS * 4);
    expect(a.db.prepare("SELECT count(*) FROM raw_rows WHERE fields <> ''").pluck().get()).toBe(0);
    const maxId = a.db.prepare('SELECT max(id) FROM raw_rows').pluck().get() as number;
    expect(a.db.prepare('SELECT count(*) FROM raw_blocks').pluck().get()).toBe((maxId >> BLOCK_BITS) + 1);
    expect(verifyArchive(a.db).problems).toEqual([]);
    // The same archive with every value in raw_rows.fields (the previous schema) reads the same.
    const before = await everyCallDetail(a);
    closeAll();
    unpack(path);
    const old = open(path, { readonly: true });
    expect(old.db.prepare("SELECT count(*) FROM raw_rows WHERE fields = ''").pluck().get()).toBe(0);
    expect(await everyCallDetail(old)).toEqual(before);
  });

  it('a block shared by two imports holds both; the same file again is a no-op', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.db');
    openArchive(path, { create: true }).close();
    // 10 calls of 3–4 rows: the second import starts inside the first import's last block.
    const f1 = writeFile(dir, 'one.csv', csv(manyCalls(10, 1000).flatMap(inboundRows)));
    const f2 = writeFile(dir, 'two.csv', csv(manyCalls(10, 2000).flatMap(inboundRows)));
    await importFiles(path, [f1], { timeZone: TZ, inProcess: true });
    const a = open(path);
    const firstMax = a.db.prepare('SELECT max(id) FROM raw_rows').pluck().get() as number;
    expect(firstMax % BLOCK_ROWS).not.toBe(BLOCK_ROWS - 1);
    const before = storedRawRows(a.db);
    await importFiles(a, [f2], { timeZone: TZ, inProcess: true });
    const after = storedRawRows(a.db);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after[before.length]!.id >> BLOCK_BITS).toBe(firstMax >> BLOCK_BITS);
    expect(verifyArchive(a.db).problems).toEqual([]);
    const [again] = await importFiles(a, [f2], { timeZone: TZ, inProcess: true });
    expect(again!.status).toBe('duplicate');
    expect(storedRawRows(a.db)).toEqual(after);
  });

  it('a reader connection never uses a block it inflated before the block changed', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.db');
    openArchive(path, { create: true }).close();
    const f1 = writeFile(dir, 'one.csv', csv(manyCalls(2, 1000).flatMap(inboundRows)));
    const f2 = writeFile(dir, 'two.csv', csv(manyCalls(2, 2000).flatMap(inboundRows)));
    await importFiles(path, [f1], { timeZone: TZ, inProcess: true });
    const reader = open(path, { readonly: true });
    const first = storedRawRows(reader.db);
    await importFiles(path, [f2], { timeZone: TZ, inProcess: true });
    const both = storedRawRows(reader.db);
    expect(both.slice(0, first.length)).toEqual(first);
    expect(both.length).toBeGreaterThan(first.length);
    expect(both.every((r) => r.text.length > 0)).toBe(true);
  });

  it('erasure rewrites the blocks: the value is in no decoded block after it', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.db');
    openArchive(path, { create: true }).close();
    const calls = manyCalls(40, 1000);
    const victim = calls[7]!;
    await importFiles(path, [writeFile(dir, 'calls.csv', csv(calls.flatMap(inboundRows)))], {
      timeZone: TZ,
      inProcess: true,
    });
    const a = open(path);
    const api = new SqliteArchiveApi(a);
    const digits = victim.caller.replace(/\D/g, '');
    const holding = () => storedRawRows(a.db).filter((r) => r.text.replace(/\D/g, '').includes(digits)).length;
    expect(holding()).toBeGreaterThan(0);
    await api.review.erase({ value: victim.caller, reason: 'GDPR request' });
    expect(holding()).toBe(0);
    for (const data of a.db.prepare('SELECT data FROM raw_blocks').pluck().all() as Buffer[])
      for (const slot of decodeBlock(data)) expect(slot ?? '').not.toContain(victim.caller);
    expect(verifyArchive(a.db).problems).toEqual([]);
  });
});

describe('upgrade from the previous schema', () => {
  it('moves every value into blocks with progress in rows; details and digests unchanged', async () => {
    const { path } = await simulatedArchive();
    const before = await everyCallDetail(open(path, { readonly: true }));
    closeAll();
    unpack(path);
    const progress: UpgradeProgress[] = [];
    const a = open(path, { onUpgrade: (p) => progress.push(p) });
    expect(a.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const mine = progress.filter((p) => p.toVersion === RAW_BLOCKS_VERSION && p.phase === undefined);
    const total = a.db.prepare('SELECT count(*) FROM raw_rows').pluck().get() as number;
    expect(mine.length).toBeGreaterThan(1);
    expect(mine[mine.length - 1]).toMatchObject({ done: total, total });
    expect(progress[progress.length - 1]!.phase).toBe('compacting');
    expect(a.db.prepare("SELECT count(*) FROM raw_rows WHERE fields <> ''").pluck().get()).toBe(0);
    expect(verifyArchive(a.db).problems).toEqual([]);
    expect(await everyCallDetail(a)).toEqual(before);
  });

  it('an interrupted upgrade leaves the archive as it was, readable; the next open upgrades it', async () => {
    const { path } = await simulatedArchive(60);
    unpack(path);
    expectUpgradeCutOff(path, RAW_BLOCKS_VERSION);
    const ro = open(path, { readonly: true });
    expect(ro.db.pragma('user_version', { simple: true })).toBe(RAW_BLOCKS_VERSION - 1);
    expect(ro.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'raw_blocks'").pluck().get()).toBe(0);
    expect(ro.db.prepare("SELECT count(*) FROM raw_rows WHERE fields = ''").pluck().get()).toBe(0);
    expect(verifyArchive(ro.db).problems).toEqual([]);
    const rw = open(path);
    expect(rw.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(verifyArchive(rw.db).problems).toEqual([]);
  });
});
