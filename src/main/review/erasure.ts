// Erasure (anonymisation): a phone number or e-mail address everywhere, or the
// caller numbers of every call older than a date (retention), replaced by the
// fixed marker in the stored raw rows (through raw-values.ts), rejected rows,
// derived calls, their contract JSON, events, registrations, call variables, the
// free-text index and notes. Calls, counts, durations and timelines stay.
//
// What is recorded (erasures, erased_rows, erased_imports, the action log): who,
// when, why, how many, and per changed row the SHA-256 of its digest line before
// — never the value. verify then follows each import's digest from what was
// imported through every erasure to the rows as stored now.
import type { ErasurePreview, ErasureResult } from '../../shared/api/archive-api';
import type { CallEventRow } from '../../shared/model/call-events';
import { DROP_UNUSED_EVENT_NAMES } from '../store/lean-tables';
import { ftsText, hash53, nameTerms, ownText } from '../import/call-rows';
import { ArchiveError } from '../store/errors';
import { refreshFacetCache, refreshStatistics } from '../store/facet-cache';
import { refreshSearchAggregates } from '../store/search-aggregates';
import { refreshStatsHours } from '../store/stats-hours';
import { callContractJson } from '../api/call-doc';
import type { Db } from '../store/native';
import { all, one, run, sql, value, values } from '../store/sql';
import { appendAction, currentUser } from './action-log';
import { eraseIn, eraseInJson, likeFilterOf, targetOf, type ErasureTarget } from './erase-match';
import { eraseInSavedSearches, eraseInTagNames } from './erase-elsewhere';
import {
  importDigests,
  rawRowsLike,
  rejectedRowsLike,
  rewriteRawRow,
  rewriteRejected,
  sha256,
  type StoredRejected,
  type StoredValues,
} from './raw-values';
import type { ArchiveCall } from '../../shared/model/archive-call';
import { dropUnusedTextNames, TextNameWriter } from '../store/text-names';
import { renameCallLinks } from '../store/link-ids';

export interface ErasureSpec {
  value?: string;
  before?: string;
  reason: string;
}

interface RowChange {
  row: StoredValues;
  fields: Record<string, string>;
  norm: CallEventRow | null;
}

interface Plan {
  kind: 'number' | 'email' | 'before';
  scope: string;
  targets: ErasureTarget[];
  /** Retention: only these calls' rows and data; else everywhere. */
  callScope: string[] | null;
  rows: RowChange[];
  rejected: { row: StoredRejected; raw: string }[];
  calls: Set<string>;
  /** `texts`: every version's text (JSON array), the current one among them. */
  notes: { id: number; version: number; text: string; texts: string }[];
}

function changedRow(row: StoredValues, targets: readonly ErasureTarget[]): RowChange | null {
  let changed = false;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(row.fields)) {
    const e = eraseIn(v, targets);
    if (e !== v) changed = true;
    fields[k] = e;
  }
  let norm = row.norm;
  if (norm) {
    const { origin, ...rest } = norm;
    const erased = eraseInJson(rest, targets) as Omit<CallEventRow, 'origin'>;
    if (JSON.stringify(erased) !== JSON.stringify(rest)) {
      changed = true;
      norm = { ...erased, origin };
    }
  }
  return changed ? { row, fields, norm } : null;
}

type Scope = Pick<Plan, 'kind' | 'scope' | 'targets' | 'callScope'>;

interface CallToErase {
  id: number;
  caller_number: string | null;
  access_number: string | null;
  queue: string | null;
  agent: string | null;
  contact_key: string | null;
  /** Other platforms' calls only: a call-events call's contract is built on read from its rows. */
  json: string | null;
}
type NoteText = Plan['notes'][number];

const CALLS_BEFORE = sql<{ call_id: string; caller_number: string | null }, [beforeMs: number]>(
  'SELECT call_id, caller_number FROM calls WHERE start_ms < ? ORDER BY start_ms',
);
const CALLS_WITH_DOC_LIKE = sql<string, [like: string]>(
  "SELECT c.call_id FROM calls c JOIN call_docs d ON d.call = c.id WHERE d.json LIKE ? ESCAPE '\\'",
);
const DOC_OF_CALL = sql<string, [callId: string]>(
  'SELECT d.json FROM calls c JOIN call_docs d ON d.call = c.id WHERE c.call_id = ?',
);
// A note is matched by any of its versions: an earlier text can hold the value the current one no longer does.
const NOTE_TEXTS =
  'SELECT n.id, n.version, n.text, (SELECT json_group_array(v.text) FROM review_note_versions v WHERE v.note = n.id) AS texts FROM review_notes n';
const NOTES_OF_CALLS = sql<NoteText, [callIdsJson: string]>(
  `${NOTE_TEXTS} WHERE n.call_id IN (SELECT value FROM json_each(?))`,
);
const ALL_NOTES = sql<NoteText>(NOTE_TEXTS);
const CALL_TO_ERASE = sql<CallToErase, [callId: string]>(
  'SELECT c.id, c.caller_number, c.access_number, c.queue, c.agent, c.contact_key, d.json FROM calls c LEFT JOIN call_docs d ON d.call = c.id WHERE c.call_id = ?',
);
const SET_CALL_COLUMNS = sql<
  void,
  [
    callerNumber: string | null,
    accessNumber: string | null,
    queue: string | null,
    agent: string | null,
    contactKey: string | null,
    ftsHash: number,
    id: number,
  ]
>(
  'UPDATE calls SET caller_number = ?, access_number = ?, queue = ?, agent = ?, contact_key = ?, fts_hash = ? WHERE id = ?',
);
const SET_CALL_DOC = sql<void, [json: string, call: number]>('UPDATE call_docs SET json = ? WHERE call = ?');
const EVENTS_OF_CALL = sql<
  { seq: number; name: string | null; agent: string | null; result: string | null },
  [call: number]
>('SELECT seq, name, agent, result FROM events WHERE call = ?');
const SET_EVENT = sql<
  void,
  [name: string | null, agent: string | null, result: string | null, call: number, seq: number]
>('UPDATE events SET name = ?, agent = ?, result = ? WHERE call = ? AND seq = ?');
const REGISTRATIONS_OF_CALL = sql<{ id: number; text: string }, [callId: string]>(
  'SELECT id, text FROM registrations WHERE call_id = ?',
);
const SET_REGISTRATION = sql<void, [text: string, id: number]>('UPDATE registrations SET text = ? WHERE id = ?');
const VARIABLES_OF_CALL = sql<{ name: string; value: string }, [callId: string]>(
  'SELECT name, value FROM call_variables WHERE call_id = ?',
);
const SET_VARIABLE = sql<void, [value: string, callId: string, name: string]>(
  'UPDATE call_variables SET value = ? WHERE call_id = ? AND name = ?',
);
const DELETE_FTS = sql<void, [rowid: number]>('DELETE FROM calls_fts WHERE rowid = ?');
const INSERT_FTS = sql<void, [rowid: number, text: string]>('INSERT INTO calls_fts (rowid, text) VALUES (?, ?)');
const INSERT_ERASURE = sql<
  void,
  [
    at: string,
    actor: string,
    kind: Plan['kind'],
    scope: string,
    reason: string,
    calls: number,
    rawRows: number,
    rejectedRows: number,
    action: number,
  ]
>(
  'INSERT INTO erasures (at, actor, kind, scope, reason, calls, raw_rows, rejected_rows, action) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
);
const INSERT_ERASED_ROW = sql<
  void,
  [
    erasure: number,
    kind: 'raw' | 'rejected',
    rowId: number,
    importId: number,
    digestBefore: string,
    contentDigest: string,
  ]
>(
  'INSERT INTO erased_rows (erasure, kind, row_id, import_id, digest_before, content_digest) VALUES (?, ?, ?, ?, ?, ?)',
);
const SET_NOTE_TEXT = sql<void, [text: string, id: number]>('UPDATE review_notes SET text = ? WHERE id = ?');
const NOTE_VERSIONS = sql<{ version: number; text: string }, [note: number]>(
  'SELECT version, text FROM review_note_versions WHERE note = ?',
);
const SET_NOTE_VERSION_TEXT = sql<void, [text: string, note: number, version: number]>(
  'UPDATE review_note_versions SET text = ? WHERE note = ? AND version = ?',
);
const INSERT_ERASED_IMPORT = sql<
  void,
  [
    erasure: number,
    importId: number,
    rowsBefore: string,
    rowsAfter: string,
    rejectedBefore: string,
    rejectedAfter: string,
  ]
>(
  'INSERT INTO erased_imports (erasure, import_id, rows_before, rows_after, rejected_before, rejected_after) VALUES (?, ?, ?, ?, ?, ?)',
);

/** What to look for, and where: a value everywhere, or the caller numbers of old calls in those calls only. */
function scopeOf(db: Db, spec: ErasureSpec): Scope {
  if (spec.value !== undefined) {
    const t = targetOf(spec.value);
    return {
      kind: t.kind,
      scope: t.kind === 'number' ? 'a phone number' : 'an e-mail address',
      targets: [t],
      callScope: null,
    };
  }
  if (spec.before === undefined) throw new ArchiveError('an erasure needs a value or a date', 'INVALID');
  const before = Date.parse(spec.before);
  if (Number.isNaN(before)) throw new ArchiveError(`not a date: ${spec.before}`, 'INVALID');
  const rows = all(db, CALLS_BEFORE, before);
  const numbers = new Map<string, ErasureTarget>();
  for (const r of rows) {
    if (!r.caller_number) continue;
    try {
      const t = targetOf(r.caller_number);
      numbers.set(t.kind === 'number' ? t.digits : t.text, t);
    } catch {
      // A caller "number" that is no number (masked, anonymous): nothing personal to erase.
    }
  }
  return {
    kind: 'before',
    scope: `the caller numbers of calls that started before ${new Date(before).toISOString()}`,
    targets: [...numbers.values()],
    callScope: rows.map((r) => r.call_id),
  };
}

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Works out everything an erasure would change, without writing. */
function plan(db: Db, spec: ErasureSpec): Plan {
  const { kind, scope, targets, callScope } = scopeOf(db, spec);
  // The reason is kept in the action log, whose hash chain no erasure may rewrite: the value would stay.
  if (targets.length && eraseIn(spec.reason, targets) !== spec.reason)
    throw new ArchiveError(
      'the reason names the value to erase: it is kept in the action log for good; describe the request without it',
      'INVALID',
    );
  const rows: RowChange[] = [];
  const rejected: Plan['rejected'] = [];
  const calls = new Set<string>(callScope ?? []);
  if (targets.length) {
    // One target: a LIKE prefilter in SQLite; retention: the scoped calls' rows, each checked.
    const [only] = targets;
    const like = targets.length === 1 && only ? likeFilterOf(only) : null;
    // Retention: the scoped calls' rows a slice of calls at a time (not all old rows read at once).
    const slices = callScope ? chunks(callScope, 2000) : [undefined];
    for (const slice of slices)
      for (const row of rawRowsLike(db, like, slice)) {
        const change = changedRow(row, targets);
        if (!change) continue;
        rows.push(change);
        if (row.callId) calls.add(row.callId);
      }
    if (like !== null)
      for (const row of rejectedRowsLike(db, like)) {
        const raw = eraseIn(row.raw, targets);
        if (raw !== row.raw) rejected.push({ row, raw });
      }
    if (!callScope && like !== null) {
      // Derived data can name a number its own row does not (a companion's value): look there too.
      const like1 = like;
      for (const id of values(db, CALLS_WITH_DOC_LIKE, like1)) {
        const json = value(db, DOC_OF_CALL, id);
        if (json !== undefined && eraseIn(json, targets) !== json) calls.add(id);
      }
    }
  }
  const notes = (callScope ? all(db, NOTES_OF_CALLS, JSON.stringify(callScope)) : all(db, ALL_NOTES)).filter(
    (n) => targets.length && [n.text, ...(JSON.parse(n.texts) as string[])].some((t) => eraseIn(t, targets) !== t),
  );
  return { kind, scope, targets, callScope, rows, rejected, calls, notes };
}

function previewOf(p: Plan): ErasurePreview {
  const imports = new Set([...p.rows.map((r) => r.row.importId), ...p.rejected.map((r) => r.row.importId)]);
  return {
    scope: p.scope,
    calls: p.calls.size,
    rawRows: p.rows.length,
    rejectedRows: p.rejected.length,
    notes: p.notes.length,
    imports: imports.size,
  };
}

export function previewErasure(db: Db, spec: ErasureSpec): ErasurePreview {
  return previewOf(plan(db, spec));
}

/** Rewrites one derived call: calls columns, contract JSON, events, registrations, variables, free text. */
function eraseCall(db: Db, callId: string, targets: readonly ErasureTarget[], names: TextNameWriter): void {
  const row = one(db, CALL_TO_ERASE, callId);
  if (!row) return;
  const e = (s: string | null) => (s === null ? null : eraseIn(s, targets));
  // A call-events call's contract is built from its rows, which are erased by now; erasing in it
  // as well covers values that come from elsewhere (companion tables).
  const json = row.json ?? callContractJson(db, callId)?.json;
  if (json === undefined) return;
  const call = eraseInJson(JSON.parse(json), targets) as ArchiveCall;
  const text = ftsText(call);
  run(
    db,
    SET_CALL_COLUMNS,
    e(row.caller_number),
    e(row.access_number),
    e(row.queue),
    e(row.agent),
    e(row.contact_key),
    hash53(text),
    row.id,
  );
  if (row.json !== null) run(db, SET_CALL_DOC, JSON.stringify(call), row.id);
  for (const ev of all(db, EVENTS_OF_CALL, row.id))
    run(db, SET_EVENT, e(ev.name), e(ev.agent), e(ev.result), row.id, ev.seq);
  for (const r of all(db, REGISTRATIONS_OF_CALL, callId)) run(db, SET_REGISTRATION, eraseIn(r.text, targets), r.id);
  for (const v of all(db, VARIABLES_OF_CALL, callId)) run(db, SET_VARIABLE, eraseIn(v.value, targets), callId, v.name);
  run(db, DELETE_FTS, row.id);
  run(db, INSERT_FTS, row.id, ownText(call));
  names.addNames(call.agents);
  names.addNames(call.queues);
  // The links name their queues and agents by id (store/link-ids.ts): an erased name is linked by its new id.
  renameCallLinks(db, row.id, (name) => eraseIn(name, targets), names);
  names.setCall(row.id, nameTerms(call));
}

export function erase(db: Db, spec: ErasureSpec, actor = currentUser()): ErasureResult {
  // Freed pages are overwritten with zeros, so the erased values do not linger in the file.
  const secureBefore = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    return eraseNow(db, spec, actor);
  } finally {
    db.pragma(`secure_delete = ${secureBefore ? 'ON' : 'OFF'}`);
  }
}

function eraseNow(db: Db, spec: ErasureSpec, actor: string): ErasureResult {
  const result = db.transaction((): ErasureResult => {
    const p = plan(db, spec);
    const preview = previewOf(p);
    const at = new Date().toISOString();
    const touched = [...new Set([...p.rows.map((r) => r.row.importId), ...p.rejected.map((r) => r.row.importId)])];
    const before = new Map(touched.map((id) => [id, importDigests(db, id)]));
    const actionId = appendAction(db, {
      action: 'erase',
      summary: `erased ${p.scope} — calls: ${preview.calls}, raw rows: ${preview.rawRows}, rejected rows: ${preview.rejectedRows}, notes: ${preview.notes}; reason: ${spec.reason}`,
      calls: preview.calls,
      details: { ...preview, reason: spec.reason },
      actor,
      at,
    });
    const erasureId = Number(
      run(
        db,
        INSERT_ERASURE,
        at,
        actor,
        p.kind,
        p.scope,
        spec.reason,
        preview.calls,
        preview.rawRows,
        preview.rejectedRows,
        actionId,
      ).lastInsertRowid,
    );
    const erased = (
      kind: 'raw' | 'rejected',
      row: { id: number; importId: number; digestLine: string },
      content: string,
    ) => run(db, INSERT_ERASED_ROW, erasureId, kind, row.id, row.importId, sha256(row.digestLine), sha256(content));
    for (const c of p.rows) {
      erased('raw', c.row, c.row.contentKey);
      rewriteRawRow(db, c.row, c.fields, c.norm);
    }
    for (const r of p.rejected) {
      erased('rejected', r.row, r.row.raw);
      rewriteRejected(db, r.row, r.raw);
    }
    const names = new TextNameWriter(db);
    for (const callId of p.calls) eraseCall(db, callId, p.targets, names);
    // Names that only the erased values made (an erased number as an event's name) leave the vocabulary.
    dropUnusedTextNames(db);
    // An event's name and agent are stored once (lean-tables.ts): the erased texts go with their last use.
    if (p.calls.size > 0) db.exec(DROP_UNUSED_EVENT_NAMES);
    for (const n of p.notes) {
      const text = eraseIn(n.text, p.targets);
      run(db, SET_NOTE_TEXT, text, n.id);
      for (const v of all(db, NOTE_VERSIONS, n.id))
        run(db, SET_NOTE_VERSION_TEXT, eraseIn(v.text, p.targets), n.id, v.version);
    }
    // A value (not old calls' callers, which stay in newer calls): tag names and searches typed by reviewers.
    if (!p.callScope) {
      eraseInTagNames(db, p.targets);
      eraseInSavedSearches(db, p.targets);
    }
    for (const id of touched) {
      const b = before.get(id) ?? importDigests(db, id);
      const a = importDigests(db, id);
      run(db, INSERT_ERASED_IMPORT, erasureId, id, b.rows, a.rows, b.rejected, a.rejected);
    }
    // Free text: merge the index's segments, so deleted entries' tokens are gone, not only marked.
    db.exec("INSERT INTO calls_fts (calls_fts) VALUES ('optimize')");
    // The facet counts name queues and agents: a name that held an erased value is counted under its new name.
    refreshFacetCache(db);
    // The planner's samples (sqlite_stat4) hold index keys, caller numbers among them.
    refreshStatistics(db);
    refreshSearchAggregates(db);
    refreshStatsHours(db); // the statistics per hour of the calls it changed (#12)
    return { ...preview, erasureId, actionId };
  })();
  // Old page images of the erased rows leave the write-ahead log.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return result;
}
