// The derive worker (a second thread running the engine while the import thread
// reads and writes) must build exactly the archive the one-thread import builds:
// the same calls, events and their source rows, links, free text and every raw
// row's status — over re-deliveries in later files and calls cut across chunks.
// And a derive worker that fails fails the file, leaving the archive as before.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/main/import/file-import';
import type { DeriveWorkerEntry } from '../../src/main/import/derive-worker';
import { readerOpener } from '../../src/main/import/source';
import type { Archive } from '../../src/main/store/archive';
import { verifyArchive } from '../../src/main/store/verify';
import { companionPaths, writeSimulatedExport } from '../../src/main/simulator/write-export';
import { CallWriter } from '../../src/main/import/call-writer';
import { prepareCall, type StoredRowRef } from '../../src/main/import/call-rows';
import { loadCallEventRows } from '../../src/main/import/row-codec';
import { callContractJson } from '../../src/main/api/call-doc';
import { deriveCall } from '../../src/shared/engine';
import { emptyCompanions } from '../../src/shared/model/call-events';
import { csv, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { counts, freshArchive, textFinder, TZ } from './helpers';
import { bundledWorkerEntry } from '../common/worker-entry';

const opened: Archive[] = [];
afterAll(() => {
  while (opened.length) opened.pop()!.close();
});

const sourceEntry: DeriveWorkerEntry = {
  path: fileURLToPath(new URL('../../src/main/import/import-worker-tsx.mjs', import.meta.url)),
  execArgv: [],
};
/**
 * The same entry bundled once (test/common/worker-entry.ts) for the tests that start a worker per file
 * (eight files, up to four workers each): tsx's bootstrap costs about a second of CPU per thread. The
 * source entry keeps the free-text test below (a derive worker through tsx).
 */
const bundledEntry: DeriveWorkerEntry = bundledWorkerEntry();

const CALLS = 600;

/** Companion tables first (as the import worker orders them), then the deliveries in order (written once per run). */
let exported: Promise<string[]> | undefined;
const exportFiles = (): Promise<string[]> => (exported ??= writeExportFiles());
async function writeExportFiles(): Promise<string[]> {
  const dir = tempDir();
  const out = join(dir, 'sim.csv');
  // 600 calls in three deliveries: about 3,200 rows, a dozen chunks of 300, calls re-delivered in later files
  // (seed 9: six rows kept; seed 7 at 600 calls had none).
  const result = await writeSimulatedExport({ calls: CALLS, days: 4, seed: 9, timeZone: TZ, out, deliveries: 3 });
  const c = companionPaths(out);
  const parts = result.files.filter((f) => /\.part\d+\.csv$/.test(f)).sort();
  expect(parts.length).toBe(3);
  return [c.agents, c.queues, c.menus, c.enqreg, c.variables, ...parts];
}

async function importAll(
  files: string[],
  deriveWorker?: DeriveWorkerEntry,
  deriveWorkers?: number,
  parseWorker?: DeriveWorkerEntry,
  countEveryCall?: boolean,
): Promise<Archive> {
  const s = freshArchive();
  opened.push(s.archive);
  for (const f of files) {
    // Small chunks: many chunks per file, so calls are cut across chunks and read back.
    const r = await importFile(s.archive.db, f, {
      timeZone: TZ,
      open: readerOpener,
      chunkRows: 300,
      deriveWorker,
      deriveWorkers,
      parseWorker,
      parseWorkerMinBytes: 0,
      countEveryCall,
    });
    expect(r.status, r.message ?? '').toBe('done');
  }
  return s.archive;
}

function contents(a: Archive): Record<string, unknown[]> {
  const all = (sql: string) => a.db.prepare(sql).raw().all();
  return {
    calls: all(
      'SELECT call_id, type, dialer_mode, start_ms, end_ms, duration_sec, caller_number, access_number, queue, agent, outcome, ' +
        'time_before_answer_sec, wait_time_sec, speak_time_sec, callback_attempts, contact_key, fts_hash, import_id FROM calls ORDER BY call_id',
    ),
    docs: (a.db.prepare('SELECT call_id FROM calls ORDER BY call_id').pluck().all() as string[]).map((id) => [
      id,
      callContractJson(a.db, id)?.json,
    ]),
    events: all(
      'SELECT c.call_id, e.seq, e.type, e.start_ms, e.end_ms, e.duration_sec, e.name, e.agent, e.result, e.source_ids ' +
        'FROM events e JOIN calls c ON c.id = e.call ORDER BY c.call_id, e.seq',
    ),
    rows: all(
      'SELECT id, import_id, line, tbl, call_id, status, reason, norm, layout, fields FROM raw_rows ORDER BY id',
    ),
    blocks: all('SELECT id, data FROM raw_blocks ORDER BY id'),
    queues: all('SELECT c.call_id, q.queue, q.start_ms FROM call_queues q JOIN calls c ON c.id = q.call ORDER BY 1, 2'),
    agents: all('SELECT c.call_id, g.agent, g.start_ms FROM call_agents g JOIN calls c ON c.id = g.call ORDER BY 1, 2'),
    fts: [...textFinder(a.db).all('"Welcome"'), ...textFinder(a.db).all('"4520"')],
    names: all(
      'SELECT c.call_id, n.name FROM call_name_sets x JOIN calls c ON c.id = x.call ' +
        'JOIN text_name_set_names s ON s.name_set = x.name_set JOIN text_names n ON n.id = s.name ORDER BY 1, 2',
    ),
    imports: all(
      'SELECT id, rows_read, rows_used, rows_kept, rows_rejected, rows_stored, rows_digest, calls_derived FROM imports ORDER BY id',
    ),
  };
}

/** Call 9002's rows as one delivery: the call that comes back in the free-text and SeenCalls tests. */
const call9002 = (agent: string, recBase: number, updated: string): string[] =>
  inboundRows({
    callId: '9002',
    start: '2026-03-10 10:00:00.000',
    caller: '+4531313131',
    agent,
    queue: 'support',
    waitSec: 20,
    speakSec: 60,
    recBase,
    updated,
  });

/** The one-thread import of the export: the reference every threaded import must equal (imported once). */
let singleThread: Promise<Archive> | undefined;
const importedInThread = (): Promise<Archive> => (singleThread ??= exportFiles().then((files) => importAll(files)));

describe('derive worker', () => {
  it('builds the same archive as deriving in the import thread', async () => {
    const files = await exportFiles();
    const single = await importedInThread();
    const pipelined = await importAll(files, bundledEntry);
    const a = contents(single);
    const b = contents(pipelined);
    // The export has re-delivered calls (kept rows) and calls read back from the store.
    expect((a.rows as unknown[][]).some((r) => r[5] === 'kept')).toBe(true);
    expect(a.calls!.length).toBeGreaterThan(CALLS * 0.8);
    a.calls = a.calls!;
    for (const key of Object.keys(a)) expect(b[key], key).toEqual(a[key]);
    expect(verifyArchive(pipelined.db).problems).toEqual([]);
    // One free-text entry per call (entries are held back and written at the end of each file), with its text.
    for (const arch of [single, pipelined]) {
      const db = arch.db;
      expect(db.prepare('SELECT count(*) FROM calls_fts').pluck().get()).toBe(a.calls.length);
      const find = textFinder(db);
      for (const [id, callId] of db.prepare('SELECT id, call_id FROM calls ORDER BY id').raw().all() as [
        number,
        string,
      ][])
        expect(find.all(`"${callId}"`)).toContain(id);
    }
  }, 120_000);

  it('a parse worker and a pool of three derive workers build the same archive as one thread (results written in job order)', async () => {
    const files = await exportFiles();
    const single = contents(await importedInThread());
    const pooled = await importAll(files, bundledEntry, 3, bundledEntry);
    const b = contents(pooled);
    expect(single.calls!.length).toBeGreaterThan(CALLS * 0.8);
    for (const key of Object.keys(single)) expect(b[key], key).toEqual(single[key]);
    expect(verifyArchive(pooled.db).problems).toEqual([]);
  }, 120_000);

  it('calls not counted in the archive (SeenCalls: a call-events file into an archive without any) build the archive counting every call builds', async () => {
    // The export's first delivery goes into an archive of companion tables only: its calls are derived
    // from the rows in memory without a count. And one file whose call 9002 comes back a reader's batch
    // later (4,096 rows; a chunk is derived after a batch, so smaller files are one chunk whatever
    // chunkRows says): the filter says "maybe seen", the count finds the earlier rows, and the call is
    // derived again from all of them. Counting every call is the reference.
    const files = await exportFiles();
    const exported = contents(await importAll(files, undefined, undefined, undefined, true));
    const b = contents(await importedInThread());
    for (const key of Object.keys(exported)) expect(b[key], key).toEqual(exported[key]);
    const rows = [
      ...call9002('zedold', 500, '2026-03-10 10:05:00.000'),
      ...manyCalls(900, 4000).flatMap(inboundRows),
      ...call9002('zednew', 900, '2026-03-10 12:00:00.000'),
    ];
    const oneFile = async (countEveryCall: boolean) => {
      const s = freshArchive();
      opened.push(s.archive);
      const r = await importFile(s.archive.db, writeFile(s.dir, 'day.csv', csv(rows)), {
        timeZone: TZ,
        open: readerOpener,
        chunkRows: 4,
        countEveryCall,
      });
      expect(r.status).toBe('done');
      return contents(s.archive);
    };
    const reference = await oneFile(true);
    const withFilter = await oneFile(false);

    for (const key of Object.keys(reference)) expect(withFilter[key], key).toEqual(reference[key]);
  }, 120_000);

  /** An archive of the export's first five files, its counts, and a worker entry that cannot start. */
  async function fiveFilesAndABrokenWorker() {
    const files = await exportFiles();
    const s = freshArchive();
    opened.push(s.archive);
    for (const f of files.slice(0, 5)) await importFile(s.archive.db, f, { timeZone: TZ, open: readerOpener });
    const broken: DeriveWorkerEntry = { path: join(tempDir(), 'no-such-worker.mjs'), execArgv: [] };
    return { files, s, before: counts(s.archive), broken };
  }

  it('a parse worker that fails, or a file its reader refuses, fails the file with the same line and leaves the archive as before', async () => {
    const { files, s, before, broken } = await fiveFilesAndABrokenWorker();
    const options = { timeZone: TZ, open: readerOpener, parseWorkerMinBytes: 0 };
    const r = await importFile(s.archive.db, files[5]!, { ...options, parseWorker: broken });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/parse worker/);
    expect(counts(s.archive)).toEqual(before);
    const junk = writeFile(tempDir(), 'junk.csv', 'no,export,here\n1,2,3\n');
    const inThread = await importFile(s.archive.db, junk, options);
    const inWorker = await importFile(s.archive.db, junk, { ...options, parseWorker: bundledEntry });
    expect(inThread.status).toBe('failed');
    expect(inWorker.message).toBe(inThread.message);
    expect(counts(s.archive)).toEqual(before);
  }, 120_000);

  it('a derive worker that fails fails the file and leaves the archive as before', async () => {
    const { files, s, before, broken } = await fiveFilesAndABrokenWorker();
    const r = await importFile(s.archive.db, files[5]!, {
      timeZone: TZ,
      open: readerOpener,
      chunkRows: 300,
      deriveWorker: broken,
    });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^sim\.part1\.csv: derive worker .*; nothing of it was imported$/);
    expect(r.message).not.toContain('\n');
    expect(counts(s.archive)).toEqual(before);
    expect(verifyArchive(s.archive.db).ok).toBe(true);
  }, 120_000);

  it('a row read back before an earlier chunk was written gets the status of the later derivation', async () => {
    // The worker derives chunk k+1 (its rows read back) before chunk k's results are written;
    // if chunk k's write marks a row kept that the full derivation uses, the later write must fix it.
    const s = freshArchive();
    opened.push(s.archive);
    const db = s.archive.db;
    const [call] = manyCalls(1);
    const r = await importFile(db, writeFile(s.dir, 'one.csv', csv(inboundRows(call!))), {
      timeZone: TZ,
      open: readerOpener,
    });
    expect(r.status).toBe('done');
    const loaded = loadCallEventRows(db, call!.callId);
    const stored = loaded.refs.map((ref) => ({ id: ref.id, line: ref.origin.line, file_label: ref.origin.file }));
    const write = (fromStore: boolean) => {
      // What chunk k's late write did meanwhile:
      db.prepare("UPDATE raw_rows SET kept = 1, reason = 'partial' WHERE id = ?").run(stored[1]!.id);
      const refs: StoredRowRef[] = stored.map((x) => ({
        id: x.id,
        origin: { file: x.file_label, line: x.line },
        status: 'used',
        reason: null,
        fromStore,
      }));
      const derived = deriveCall(loaded.rows, emptyCompanions);
      new CallWriter(db, r.id).storeAll([{ callId: call!.callId, isNew: false, prepared: prepareCall(derived, refs) }]);
      return db.prepare('SELECT status FROM raw_rows WHERE id = ?').pluck().get(stored[1]!.id);
    };
    expect(write(false)).toBe('kept'); // a ref known fresh is trusted: no write when unchanged
    expect(write(true)).toBe('used'); // a ref read back is written conditionally, never skipped
  });

  const fts1 = (a: Archive, q: string) => textFinder(a.db).all(q);

  it('free text follows a call derived again: from an earlier import, and within one file across chunks', async () => {
    const first = call9002('zedold', 500, '2026-03-10 10:05:00.000');
    const again = call9002('zednew', 900, '2026-03-10 12:00:00.000');
    const others = manyCalls(900, 4000).flatMap(inboundRows);
    // The engine's call: across imports the newer delivery replaces the older; within one file both
    // deliveries' agents stay on the call. Either way the entry has the call's current text only.
    const check = (a: Archive) => {
      const agents = (JSON.parse(callContractJson(a.db, '9002')!.json) as { agents: string[] }).agents;
      const fts = textFinder(a.db);
      const id = a.db.prepare("SELECT id FROM calls WHERE call_id = '9002'").pluck().get();
      expect(fts.all('"zednew"')).toEqual([id]);
      expect(fts.all('"zedold"')).toEqual(agents.includes('zedold') ? [id] : []);
      expect(a.db.prepare('SELECT count(*) FROM calls_fts').pluck().get()).toBe(
        a.db.prepare('SELECT count(*) FROM calls').pluck().get(),
      );
      expect(verifyArchive(a.db).problems).toEqual([]);
    };
    // Two imports: the second replaces the entry the first wrote into calls_fts.
    const s1 = freshArchive();
    opened.push(s1.archive);
    for (const [name, rows] of [
      ['morning.csv', [...first, ...others]],
      ['noon.csv', again],
    ] as [string, string[]][]) {
      const r = await importFile(s1.archive.db, writeFile(s1.dir, name, csv(rows)), {
        timeZone: TZ,
        open: readerOpener,
      });
      expect(r.status).toBe('done');
    }
    check(s1.archive);
    expect(fts1(s1.archive, '"zedold"')).toEqual([]);
    // One file, the re-delivery chunks later (beyond the chunks a call is held over): the held-back entry is replaced.
    for (const deriveWorker of [undefined, sourceEntry]) {
      const s2 = freshArchive();
      opened.push(s2.archive);
      const f = writeFile(s2.dir, 'day.csv', csv([...first, ...others, ...again]));
      const r = await importFile(s2.archive.db, f, { timeZone: TZ, open: readerOpener, chunkRows: 4, deriveWorker });
      expect(r.status).toBe('done');
      check(s2.archive);
    }
  });
});
