// #17 defect 2: `convert` and `import` account for the same rows the same way (one row ledger,
// src/shared/model/row-ledger.ts). The same files — the scenario fixtures, a simulated export in
// two deliveries with its companion tables, other platforms' exports, a file with a call the engine
// cannot derive and rows that are bad — go through both; every row's verdict (used / kept / rejected
// and the reason) must be the same. A call the engine cannot derive is KEPT by both (docs/archive.md,
// "Import semantics"): its rows were read; rejected rows are records that could not be read.
//
// No input the reader accepts makes the real engine throw (it rejects a row without a readable
// dte_start first), so the engine here refuses one call id, as a defect of the engine would.
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertFiles, type ConvertSummary } from '../../src/main/cli/commands/convert';
import { importFile } from '../../src/main/import/file-import';
import { readerOpener } from '../../src/main/import/source';
import { writeSimulatedExport } from '../../src/main/simulator/write-export';
import { openArchive } from '../../src/main/store/archive';
import { verifyArchive } from '../../src/main/store/verify';
import { deriveCall } from '../../src/shared/engine/index';
import type { RowVerdict } from '../../src/shared/model/row-ledger';

const ZONE = 'Europe/Copenhagen';
const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'callscope-parity-'));
const files: string[] = [];

const REFUSED = 'UNDERIVABLE-1';
const engine: typeof deriveCall = (rows, companions) => {
  if (rows.some((r) => r.callId === REFUSED)) throw new Error(`test engine: refuses ${REFUSED}`);
  return deriveCall(rows, companions);
};

const HEADER =
  'call_id,internal_iq_session_id,call_sequence,event_type,dte_start,duration_tot_sec,dte_speak_start,duration_speak_sec,source,destination,result_code,ciq,queue_key,agent_id,menu_name,rec_id,dte_updated\n';

beforeAll(async () => {
  // Call-events first (their calls are derived again when the companions arrive), then companions.
  writeFileSync(
    join(dir, 'bad-and-underivable.csv'),
    HEADER +
      `${REFUSED},S1,1,i,2026-03-10 09:00:00.000,60,,,+4511111111,+4570000000,,,,,,u1,2026-03-10 09:01:00.000\n` +
      `${REFUSED},S1,2,q,2026-03-10 09:00:00.000,60,,,,,a,,Support,,,u2,2026-03-10 09:01:00.000\n` +
      ',S2,1,i,2026-03-10 09:05:00.000,60,,,+4512121212,+4570000000,,,,,,b1,2026-03-10 09:06:00.000\n' +
      'BAD-2,S3,1,i,10/03/2026 nine,60,,,+4512121212,+4570000000,,,,,,b2,2026-03-10 09:06:00.000\n' +
      'BAD-3,S4,1,x,2026-03-10 09:07:00.000,60,,,+4512121212,+4570000000,,,,,,b3,2026-03-10 09:08:00.000\n' +
      'BAD-4,S5,1,i,2026-03-10 09:09:00.000\n' +
      'OK-5,S6,1,i,2026-03-10 09:10:00.000,30,,,+4513131313,+4570000000,,,,,,o1,2026-03-10 09:11:00.000\n' +
      'OK-5,S6,2,q,2026-03-10 09:10:00.000,30,,,,,a,,Support,,,o2,2026-03-10 09:11:00.000\n',
  );
  files.push(join(dir, 'bad-and-underivable.csv'));
  const scenarios = join(root, 'resources', 'samples', 'scenarios');
  const companions: string[] = [];
  for (const name of readdirSync(scenarios)
    .filter((n) => n.endsWith('.csv'))
    .sort()) {
    const to = join(dir, `scenario-${name}`);
    copyFileSync(join(scenarios, name), to);
    (/agents|queues|menus|enqreg/.test(name) ? companions : files).push(to);
  }
  const sim = await writeSimulatedExport({
    calls: 150,
    seed: 17,
    out: join(dir, 'sim.csv'),
    deliveries: 2,
    timeZone: ZONE,
  });
  for (const f of sim.files) (/\.part\d+\.csv$/.test(f) ? files : companions).push(f);
  // Companion records superseded in a later file, and a registration given twice.
  writeFileSync(join(dir, 'agents-again.csv'), 'agent_id,name\nA1,Anna H. Hansen\nA1,Anna Hansen-Berg\n');
  writeFileSync(join(dir, 'enqreg-twice.csv'), 'call_id,agent_id,enqreg_text\n2003,A1,Again\n2003,A1,Again\n');
  companions.push(join(dir, 'agents-again.csv'), join(dir, 'enqreg-twice.csv'));
  files.push(...companions);
  // Other platforms: queue_log + its queue names, a CDR table whose queued call waits for its queue_log, Genesys, Connect.
  for (const rel of [
    'asterisk/queue_log_vendor.csv',
    'asterisk/queues_config.csv',
    'asterisk/cdr_pgsql.csv',
    'genesys/conversations.json',
    'connect/ctr.jsonl',
  ]) {
    const to = join(dir, basename(rel));
    copyFileSync(join(root, 'test', 'fixtures', 'formats', rel), to);
    files.push(to);
  }
});

type Verdicts = Map<string, string>;
const show = (v: { status: string; reason: string | null }): string => `${v.status}${v.reason ? `: ${v.reason}` : ''}`;
/** Origins and reasons name files by the label the archive gives them (their base name here). */
const local = (text: string): string => text.split(`${dir}/`).join('');

async function converted(): Promise<{ summary: ConvertSummary; verdicts: Verdicts; stderr: string }> {
  const verdicts: Verdicts = new Map();
  let stderr = '';
  const sink = { write: async () => {} };
  const err = { write: async (t: string) => void (stderr += t) };
  const onVerdict = (o: { file: string; line: number }, v: RowVerdict): void =>
    void verdicts.set(`${local(o.file)}:${o.line}`, local(show(v)));
  const summary = await convertFiles(files, ZONE, sink, err, { engine, onVerdict });
  return { summary, verdicts, stderr };
}

async function imported(): Promise<{ verdicts: Verdicts; counts: Record<string, number> }> {
  const archive = openArchive(join(dir, 'parity.db'), { create: true });
  for (const path of files) {
    const record = await importFile(archive.db, path, { timeZone: ZONE, open: readerOpener, derive: engine });
    expect(record.status, record.message ?? '').toBe('done');
  }
  expect(verifyArchive(archive.db).problems).toEqual([]);
  const labels = new Map(
    (archive.db.prepare('SELECT id, file_label FROM imports').raw().all() as [number, string][]).map(([id, l]) => [
      String(id),
      l,
    ]),
  );
  // The archive names the newer record by its import; convert by its file: the same record.
  const byFile = (reason: string | null): string | null =>
    reason?.replace(
      /\(import #(\d+), line (\d+)\)/,
      (_m, id: string, line: string) => `(${labels.get(id)}, line ${line})`,
    ) ?? null;
  const rows = archive.db
    .prepare(
      'SELECT i.file_label AS file, r.line, r.status, r.reason FROM raw_rows r JOIN imports i ON i.id = r.import_id ' +
        "UNION ALL SELECT file, line, 'rejected', reason FROM rejected_rows",
    )
    .all() as { file: string; line: number; status: string; reason: string | null }[];
  const verdicts: Verdicts = new Map();
  const counts: Record<string, number> = { used: 0, kept: 0, rejected: 0 };
  for (const r of rows) {
    verdicts.set(`${r.file}:${r.line}`, show({ status: r.status, reason: byFile(r.reason) }));
    counts[r.status]!++;
  }
  archive.close();
  return { verdicts, counts };
}

describe('convert and import account for every row the same way', () => {
  it('the same verdict (used / kept / rejected, reason) for every row of the same files', async () => {
    const c = await converted();
    const i = await imported();
    expect(c.summary.read).toBe(c.summary.used + c.summary.kept + c.summary.rejected);
    expect([c.summary.used, c.summary.kept, c.summary.rejected]).toEqual([
      i.counts.used,
      i.counts.kept,
      i.counts.rejected,
    ]);
    expect(c.verdicts.size).toBe(c.summary.read);
    expect(Object.fromEntries(c.verdicts)).toEqual(Object.fromEntries(i.verdicts));

    // What the files hold, so that the comparison covers each kind of verdict.
    const of = (file: string, line: number) => c.verdicts.get(`${file}:${line}`);
    const notDerived = `kept: call not derived: test engine: refuses ${REFUSED}`;
    expect([of('bad-and-underivable.csv', 2), of('bad-and-underivable.csv', 3)]).toEqual([notDerived, notDerived]);
    expect(of('bad-and-underivable.csv', 4)).toBe('rejected: missing call_id');
    expect(of('bad-and-underivable.csv', 5)).toMatch(/^rejected: unparsable dte_start/);
    expect(of('bad-and-underivable.csv', 6)).toMatch(/^kept: unknown event_type "x"/);
    expect(of('bad-and-underivable.csv', 7)).toMatch(/^rejected: record has 5 of the header's 17 fields/);
    expect(of('bad-and-underivable.csv', 8)).toBe('used');
    expect(of('agents-again.csv', 2)).toBe('kept: superseded by a newer record (agents-again.csv, line 3)');
    expect(of('enqreg-twice.csv', 3)).toBe('kept: duplicate of an enquiry registration already in the archive');
    expect(of('queues_config.csv', 5)).toBe('rejected: missing queue extension');
    expect(c.stderr).toContain(`bad-and-underivable.csv:2: ${notDerived}`);
    // Every kind of verdict is there: engine keeps (re-deliveries), reader keeps, platform keeps, rejections.
    const reasons = new Set(c.summary.verdicts.map((v) => v.status));
    expect(reasons).toEqual(new Set(['used', 'kept', 'rejected']));
    expect(c.summary.verdicts.length).toBeGreaterThan(8);
  });
});
