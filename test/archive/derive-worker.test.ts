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
import { decodeNorm } from '../../src/main/import/row-codec';
import { deriveCall } from '../../src/shared/engine';
import { emptyCompanions } from '../../src/shared/model/call-events';
import { csv, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { counts, freshArchive, TZ } from './helpers';

const opened: Archive[] = [];
afterAll(() => {
  while (opened.length) opened.pop()!.close();
});

const sourceEntry: DeriveWorkerEntry = {
  path: fileURLToPath(new URL('../../src/main/import/import-worker-tsx.mjs', import.meta.url)),
  execArgv: [],
};

/** Companion tables first (as the import worker orders them), then the deliveries in order. */
async function exportFiles(): Promise<string[]> {
  const dir = tempDir();
  const out = join(dir, 'sim.csv');
  const result = await writeSimulatedExport({ calls: 1200, days: 4, seed: 7, timeZone: TZ, out, deliveries: 3 });
  const c = companionPaths(out);
  const parts = result.files.filter((f) => /\.part\d+\.csv$/.test(f)).sort();
  expect(parts.length).toBe(3);
  return [c.agents, c.queues, c.menus, c.enqreg, c.variables, ...parts];
}

async function importAll(files: string[], deriveWorker?: DeriveWorkerEntry): Promise<Archive> {
  const s = freshArchive();
  opened.push(s.archive);
  for (const f of files) {
    // Small chunks: many chunks per file, so calls are cut across chunks and read back.
    const r = await importFile(s.archive.db, f, { timeZone: TZ, open: readerOpener, chunkRows: 300, deriveWorker });
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
    docs: all('SELECT c.call_id, d.json FROM call_docs d JOIN calls c ON c.id = d.call ORDER BY c.call_id'),
    events: all(
      'SELECT c.call_id, e.seq, e.type, e.start_ms, e.end_ms, e.duration_sec, e.name, e.agent, e.label, e.label_da, e.result, e.source_ids ' +
        'FROM events e JOIN calls c ON c.id = e.call ORDER BY c.call_id, e.seq',
    ),
    rows: all('SELECT id, import_id, line, tbl, call_id, status, reason, norm, layout, fields FROM raw_rows ORDER BY id'),
    queues: all('SELECT c.call_id, q.queue, q.start_ms FROM call_queues q JOIN calls c ON c.id = q.call ORDER BY 1, 2'),
    agents: all('SELECT c.call_id, g.agent, g.start_ms FROM call_agents g JOIN calls c ON c.id = g.call ORDER BY 1, 2'),
    fts: all("SELECT c.call_id FROM calls_fts f JOIN calls c ON c.id = f.rowid WHERE calls_fts MATCH '\"Welcome\" OR \"4520\"' ORDER BY 1"),
    imports: all('SELECT id, rows_read, rows_used, rows_kept, rows_rejected, rows_stored, rows_digest, calls_derived FROM imports ORDER BY id'),
  };
}

describe('derive worker', () => {
  it('builds the same archive as deriving in the import thread', async () => {
    const files = await exportFiles();
    const single = await importAll(files);
    const pipelined = await importAll(files, sourceEntry);
    const a = contents(single);
    const b = contents(pipelined);
    // The export has re-delivered calls (kept rows) and calls read back from the store.
    expect((a.rows as unknown[][]).some((r) => r[5] === 'kept')).toBe(true);
    expect(a.calls!.length).toBeGreaterThan(1000);
    for (const key of Object.keys(a)) expect(b[key], key).toEqual(a[key]);
    expect(verifyArchive(pipelined.db).problems).toEqual([]);
  }, 120_000);

  it('a derive worker that fails fails the file and leaves the archive as before', async () => {
    const files = await exportFiles();
    const s = freshArchive();
    opened.push(s.archive);
    for (const f of files.slice(0, 5)) await importFile(s.archive.db, f, { timeZone: TZ, open: readerOpener });
    const before = counts(s.archive);
    const broken: DeriveWorkerEntry = { path: join(tempDir(), 'no-such-worker.mjs'), execArgv: [] };
    const r = await importFile(s.archive.db, files[5]!, { timeZone: TZ, open: readerOpener, chunkRows: 300, deriveWorker: broken });
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
    const r = await importFile(db, writeFile(s.dir, 'one.csv', csv(inboundRows(call!))), { timeZone: TZ, open: readerOpener });
    expect(r.status).toBe('done');
    const stored = db.prepare("SELECT r.id, r.line, r.norm, i.file_label FROM raw_rows r JOIN imports i ON i.id = r.import_id WHERE r.call_id = ? ORDER BY r.id")
      .all(call!.callId) as { id: number; line: number; norm: string; file_label: string }[];
    const write = (fromStore: boolean) => {
      // What chunk k's late write did meanwhile:
      db.prepare("UPDATE raw_rows SET status = 'kept', reason = 'partial' WHERE id = ?").run(stored[1]!.id);
      const refs: StoredRowRef[] = stored.map((x) => ({ id: x.id, origin: { file: x.file_label, line: x.line }, status: 'used', reason: null, fromStore }));
      const derived = deriveCall(stored.map((x, i) => decodeNorm(x.norm, refs[i]!.origin)), emptyCompanions);
      new CallWriter(db, r.id).storeAll([{ callId: call!.callId, isNew: false, prepared: prepareCall(derived, refs) }]);
      return db.prepare('SELECT status FROM raw_rows WHERE id = ?').pluck().get(stored[1]!.id);
    };
    expect(write(false)).toBe('kept'); // a ref known fresh is trusted: no write when unchanged
    expect(write(true)).toBe('used'); // a ref read back is written conditionally, never skipped
  });
});
