// `verify --deep`: derives every call again from its stored raw rows with the engine and compares
// the result with what the archive shows: the contract call (calls.get: what show and the chart
// read), the calls row (what search, sort and facets read), the events rows and the free text. Every
// difference is reported with call id and field. Reads only; yields between batches so that the app's
// main process stays responsive, and reports progress.
//
// Relies on: StoredRowReader (import/stored-rows.ts: the re-derivation read of ImportSink), deriveOne
// and prepareCall (import/derive-job.ts, call-rows.ts: what the import stores), SqliteCompanions (the
// names the import derives with), ArchiveApi.calls.get (the stored contract call and event sources).
import type { ArchiveApi } from '../../shared/api/archive-api';
import { deriveOne } from '../import/derive-job';
import { deriveCall } from '../../shared/engine/derive';
import { CALL_OUTCOME_CODES, CALL_TYPE_CODES, type CodeList } from '../store/coded-columns';
import { CALL_VALUE_COLUMNS, type PreparedCall, type SqlValue } from '../import/call-rows';
import { SqliteCompanions } from '../import/sqlite-companions';
import { StoredRowReader } from '../import/stored-rows';
import type { Db } from '../store/native';
import { all, rawAll, sql, value, values } from '../store/sql';
import { STATS_HOURS_VERSION, schemaVersionOf, TEXT_NAMES_VERSION } from '../store/schema';
import { statsHoursDifferences } from '../store/stats-hours';

export interface DeepVerifyProgress {
  done: number;
  total: number;
  differences: number;
}

export interface DeepVerifyReport {
  ok: boolean;
  /** Calls derived again and compared. */
  calls: number;
  /** Other platforms' calls (stored as delivered, no call-event rows): not derived again. */
  storedAsDelivered: number;
  /** One line per difference: `call <id>: <field>: stored … , derived …`. */
  differences: string[];
  /** Differences beyond the first `maxReported` are counted, not listed. */
  moreDifferences: number;
}

export interface DeepVerifyOptions {
  onProgress?: (p: DeepVerifyProgress) => void;
  signal?: AbortSignal;
  /** Calls per batch between two yields to the event loop. */
  batch?: number;
  maxReported?: number;
}

const EVENT_COLUMNS = [
  'seq',
  'type',
  'start_ms',
  'end_ms',
  'duration_sec',
  'name',
  'agent',
  'result',
  'source_ids',
] as const;

const show = (v: unknown) => {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

/** REAL columns come back as stored doubles: equal within a microsecond counts as equal. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-6;
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Field-by-field differences of two JSON values, with paths like `events[2].end`. */
export function jsonDifferences(stored: unknown, derived: unknown, path = ''): string[] {
  if (same(stored, derived)) return [];
  if (Array.isArray(stored) && Array.isArray(derived)) {
    const out: string[] = [];
    if (stored.length !== derived.length)
      out.push(`${path || 'value'}: stored ${stored.length} items, derived ${derived.length}`);
    for (let i = 0; i < Math.min(stored.length, derived.length); i++)
      out.push(...jsonDifferences(stored[i], derived[i], `${path}[${i}]`));
    return out;
  }
  if (stored && derived && typeof stored === 'object' && typeof derived === 'object') {
    const keys = new Set([...Object.keys(stored), ...Object.keys(derived)]);
    const out: string[] = [];
    for (const k of keys)
      out.push(
        ...jsonDifferences(
          (stored as Record<string, unknown>)[k],
          (derived as Record<string, unknown>)[k],
          path ? `${path}.${k}` : k,
        ),
      );
    return out;
  }
  return [`${path || 'value'}: stored ${show(stored)}, derived ${show(derived)}`];
}

export async function deepVerify(db: Db, api: ArchiveApi, options: DeepVerifyOptions = {}): Promise<DeepVerifyReport> {
  const rowsOf = new StoredRowReader(db);
  const companions = new SqliteCompanions(db);
  const cols = [...CALL_VALUE_COLUMNS, 'fts_hash'];
  // A call's stored values by column name (id and call_id always there), its events and agents as arrays.
  const callRow = sql<{ id: number; call_id: string } & Record<string, SqlValue>, [afterId: number, limit: number]>(
    `SELECT id, call_id, ${cols.join(', ')} FROM calls WHERE id > ? ORDER BY id LIMIT ?`,
  );
  const eventsOf = sql<SqlValue[], [call: number]>(
    `SELECT ${EVENT_COLUMNS.join(', ')} FROM events WHERE call = ? ORDER BY seq`,
  );
  // The statistics' per-agent talk precomputed at import (call_agents.talk, talk_ms; #12).
  const agentsOf = sql<[agent: string, talk: number, talkMs: number], [call: number]>(
    'SELECT agent, talk, talk_ms FROM call_agents WHERE call = ?',
  );
  // A rowid lookup (a MATCH on the call id would read the doclists of its trigrams: slow for short ids).
  const ftsHas = sql<1, [rowid: number]>('SELECT 1 FROM calls_fts WHERE rowid = ?');
  const namesDiffer = textNamesCheck(db);
  const total = value(db, sql<number>('SELECT count(*) FROM calls')) ?? 0;
  const batch = options.batch ?? 500;
  const maxReported = options.maxReported ?? 1000;
  const report: DeepVerifyReport = { ok: true, calls: 0, storedAsDelivered: 0, differences: [], moreDifferences: 0 };
  const differ = (callId: string, what: string) => {
    report.ok = false;
    if (report.differences.length < maxReported) report.differences.push(`call ${callId}: ${what}`);
    else report.moreDifferences++;
  };
  let done = 0;
  let after = 0;
  for (;;) {
    if (options.signal?.aborted) throw new Error('verify --deep cancelled');
    const page = all(db, callRow, after, batch);
    if (page.length === 0) break;
    for (const stored of page) {
      const { id, call_id: callId } = stored;
      after = id;
      done++;
      const { rows, refs } = rowsOf.callRows(callId);
      if (rows.length === 0) {
        report.storedAsDelivered++;
        continue;
      }
      report.calls++;
      const result = deriveOne(callId, false, rows, refs, companions, deriveCall, true);
      if (!('prepared' in result)) {
        differ(callId, 'stored as a call, but the engine cannot derive it from its rows any more');
        continue;
      }
      compareCall(result.prepared, stored, differ);
      const detail = await api.calls.get(callId);
      if (!detail) differ(callId, 'calls.get does not find it');
      else {
        for (const d of jsonDifferences(detail.call, JSON.parse(result.prepared.json ?? 'null')))
          differ(callId, `contract ${d}`);
      }
      const events = rawAll(db, eventsOf, id);
      for (const d of jsonDifferences(events, result.prepared.events)) differ(callId, `events table ${d}`);
      for (const d of jsonDifferences(byAgent(rawAll(db, agentsOf, id)), agentRows(result.prepared)))
        differ(callId, `call_agents (agent, talk, talk_ms) ${d}`);
      if (value(db, ftsHas, id) !== 1) differ(callId, 'free text: the call is missing from the free-text index');
      for (const d of namesDiffer(id, result.prepared)) differ(callId, d);
    }
    options.onProgress?.({ done, total, differences: report.differences.length + report.moreDifferences });
    await new Promise((r) => setImmediate(r));
  }
  // The statistics per UTC hour (#12): equal to a recompute from the calls (hours marked for a rebuild,
  // which the statistics do not read, aside).
  if (schemaVersionOf(db) >= STATS_HOURS_VERSION)
    for (const d of statsHoursDifferences(db)) {
      report.ok = false;
      if (report.differences.length < maxReported) report.differences.push(`statistics per hour: ${d}`);
      else report.moreDifferences++;
    }
  return report;
}

/**
 * A call's names besides its agents and queues (call_name_sets, src/main/store/text-names.ts) against the
 * derived call's, and its agents and queues in the vocabulary. None for an archive older than them.
 */
function textNamesCheck(db: Db): (id: number, p: PreparedCall) => string[] {
  if (schemaVersionOf(db) < TEXT_NAMES_VERSION) return () => [];
  const namesOf = sql<string, [call: number]>(
    'SELECT n.name FROM call_name_sets c JOIN text_name_set_names s ON s.name_set = c.name_set ' +
      'JOIN text_names n ON n.id = s.name WHERE c.call = ?',
  );
  const known = sql<1, [name: string]>('SELECT 1 FROM text_names WHERE name = ?');
  const sorted = (xs: string[]) => xs.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return (id, p) => {
    const out = jsonDifferences(sorted(values(db, namesOf, id)), sorted([...p.names])).map(
      (d) => `free-text names ${d}`,
    );
    for (const n of [...p.agents, ...p.queues])
      if (n && value(db, known, n) !== 1) out.push(`free-text names: ${n} is not in the vocabulary`);
    return out;
  };
}

/** The call_agents rows the writer stores for a prepared call (the first of a repeated name), by agent. */
function agentRows(p: PreparedCall): SqlValue[][] {
  const rows = new Map<string, SqlValue[]>();
  p.agents.forEach((a, i) => {
    if (!rows.has(a)) rows.set(a, [a, ...(p.agentTalk[i] ?? [0, 0])]);
  });
  return byAgent([...rows.values()]);
}

const byAgent = (rows: SqlValue[][]): SqlValue[][] =>
  rows.sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : (x[0] as string) > (y[0] as string) ? 1 : 0));

/** Columns stored as codes, reported by the name and text a reader sees (coded-columns.ts). */
const CODED_COLUMNS: Partial<Record<string, [name: string, codes: CodeList]>> = {
  call_type_code: ['type', CALL_TYPE_CODES],
  call_outcome_code: ['outcome', CALL_OUTCOME_CODES],
};

function compareCall(p: PreparedCall, stored: Record<string, SqlValue>, differ: (id: string, what: string) => void) {
  CALL_VALUE_COLUMNS.forEach((col, i) => {
    if (same(stored[col], p.values[i])) return;
    const coded = CODED_COLUMNS[col];
    const text = (v: SqlValue | undefined) => (coded && typeof v === 'number' ? (coded[1][v] ?? v) : v);
    differ(
      p.callId,
      `calls.${coded?.[0] ?? col}: stored ${show(text(stored[col]))}, derived ${show(text(p.values[i]))}`,
    );
  });
  if (stored['fts_hash'] !== p.ftsHash)
    differ(p.callId, 'free text: stored text differs from the derived one (fts_hash)');
}
