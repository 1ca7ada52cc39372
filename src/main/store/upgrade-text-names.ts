// The upgrade that takes the names out of the trigram index (text-names.ts): calls_fts is emptied and
// filled again with each call's own text, and each call's names go to the vocabulary and its set.
//
// A call's text is put together from what the archive stores (its numbers, call_agents, call_queues,
// registrations, its events' names and agents) and checked against its fts_hash (the hash of the text
// the import indexed). Labels are not stored (the engine computes them on read), and the order of
// agents and queues is the engine's: a call whose text does not hash to its fts_hash — every call with
// a label, some with several agents — is derived again by the engine, as `calls.get` does.
import { deriveCall } from '../../shared/engine/index';
import type { ArchiveCall } from '../../shared/model/archive-call';
import { hash53, ftsText, nameTerms, ownText, type FtsFields } from '../import/call-rows';
import { FLUSH_HASH_BYTES, withFtsHashSize } from '../import/call-writer';
import { CallRowLoader } from '../import/row-codec';
import { SqliteCompanions } from '../import/sqlite-companions';
import type { Db } from './native';
import { all, sql, value } from './sql';
import { TEXT_NAMES_SQL, TextNameWriter } from './text-names';

const BATCH = 2_000;

interface CallRow {
  id: number;
  call_id: string;
  caller_number: string | null;
  access_number: string | null;
  fts_hash: number;
}

const CALLS = sql<CallRow, [lo: number, hi: number]>(
  'SELECT id, call_id, caller_number, access_number, fts_hash FROM calls WHERE id >= ? AND id < ? ORDER BY id',
);
const EVENTS = sql<{ call: number; name: string | null; agent: string | null }, [lo: number, hi: number]>(
  'SELECT call, name, agent FROM events WHERE call >= ? AND call < ? ORDER BY call, seq',
);
const AGENTS = sql<{ call: number; name: string }, [lo: number, hi: number]>(
  'SELECT call, agent AS name FROM call_agents WHERE call >= ? AND call < ? ORDER BY call, agent',
);
const QUEUES = sql<{ call: number; name: string }, [lo: number, hi: number]>(
  'SELECT call, queue AS name FROM call_queues WHERE call >= ? AND call < ? ORDER BY call, queue',
);
const REGISTRATIONS = sql<{ call_id: string; text: string }, [callIds: string]>(
  'SELECT call_id, text FROM registrations WHERE call_id IN (SELECT value FROM json_each(?)) ORDER BY id',
);
const CALL_DOC = sql<string, [call: number]>('SELECT json FROM call_docs WHERE call = ?');

function grouped<T extends { call: number }>(rows: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.call);
    if (list) list.push(r);
    else out.set(r.call, [r]);
  }
  return out;
}

/** Names in the order the events first show them, then the rest (the engine orders by first time). */
function inEventOrder(names: readonly string[], eventNames: readonly (string | null)[]): string[] {
  const have = new Set(names);
  const out = new Set<string>();
  for (const n of eventNames) if (n !== null && have.has(n)) out.add(n);
  for (const n of names) out.add(n);
  return [...out];
}

export function rebuildTextNames(db: Db, onProgress: (done: number, total: number) => void): void {
  db.exec(TEXT_NAMES_SQL);
  const total = value(db, sql<number>('SELECT count(*) FROM calls')) ?? 0;
  const maxId = value(db, sql<number>('SELECT coalesce(max(id), 0) FROM calls')) ?? 0;
  onProgress(0, total);
  const names = new TextNameWriter(db);
  for (const column of ['agent FROM call_agents', 'queue FROM call_queues'])
    names.addNames(db.prepare(`SELECT DISTINCT ${column}`).pluck().all() as string[]);
  const insertFts = db.prepare('INSERT INTO calls_fts (rowid, text) VALUES (?, ?)');
  let loader: { rows: CallRowLoader; companions: SqliteCompanions } | null = null;
  const derived = (row: CallRow): FtsFields | null => {
    const json = value(db, CALL_DOC, row.id);
    if (json !== undefined) return JSON.parse(json) as ArchiveCall;
    loader ??= { rows: new CallRowLoader(db), companions: new SqliteCompanions(db) };
    const { rows } = loader.rows.load(row.call_id);
    return rows.length ? deriveCall(rows, loader.companions).call : null;
  };
  db.exec("INSERT INTO calls_fts (calls_fts) VALUES ('delete-all')");
  let done = 0;
  withFtsHashSize(db, FLUSH_HASH_BYTES, () => {
    for (let lo = 1; lo <= maxId; lo += BATCH) {
      const hi = lo + BATCH;
      const calls = all(db, CALLS, lo, hi);
      if (!calls.length) continue;
      const events = grouped(all(db, EVENTS, lo, hi));
      const agents = grouped(all(db, AGENTS, lo, hi));
      const queues = grouped(all(db, QUEUES, lo, hi));
      const regs = new Map<string, string[]>();
      for (const r of all(db, REGISTRATIONS, JSON.stringify(calls.map((c) => c.call_id)))) {
        const list = regs.get(r.call_id);
        if (list) list.push(r.text);
        else regs.set(r.call_id, [r.text]);
      }
      for (const c of calls) {
        const ev = (events.get(c.id) ?? []).map((e) => ({ name: e.name, agent: e.agent, label: null, labelDa: null }));
        const stored: FtsFields = {
          callId: c.call_id,
          callerNumber: c.caller_number,
          accessNumber: c.access_number,
          agents: inEventOrder(
            (agents.get(c.id) ?? []).map((a) => a.name),
            ev.map((e) => e.agent),
          ),
          queues: inEventOrder(
            (queues.get(c.id) ?? []).map((q) => q.name),
            ev.map((e) => e.name),
          ),
          registrations: regs.get(c.call_id) ?? [],
          events: ev,
        };
        const fields = hash53(ftsText(stored)) === c.fts_hash ? stored : (derived(c) ?? stored);
        insertFts.run(c.id, ownText(fields));
        names.addNames(fields.agents);
        names.addNames(fields.queues);
        names.setCall(c.id, nameTerms(fields));
      }
      done += calls.length;
      onProgress(done, total);
    }
  });
}
