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
import { ftsText, hash53 } from '../import/call-rows';
import { ArchiveError } from '../store/errors';
import { refreshStatistics } from '../store/facet-cache';
import { refreshSearchAggregates } from '../store/search-aggregates';
import { callContractJson } from '../api/call-doc';
import type { Db } from '../store/native';
import { appendAction, currentUser } from './action-log';
import { eraseIn, eraseInJson, likeFilterOf, targetOf, type ErasureTarget } from './erase-match';
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
  notes: { id: number; version: number; text: string }[];
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
  const rows = db
    .prepare('SELECT call_id, caller_number FROM calls WHERE start_ms < ? ORDER BY start_ms')
    .all(before) as { call_id: string; caller_number: string | null }[];
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
      for (const id of db
        .prepare("SELECT c.call_id FROM calls c JOIN call_docs d ON d.call = c.id WHERE d.json LIKE ? ESCAPE '\\'")
        .pluck()
        .all(like1) as string[]) {
        const json = db
          .prepare('SELECT d.json FROM calls c JOIN call_docs d ON d.call = c.id WHERE c.call_id = ?')
          .pluck()
          .get(id) as string;
        if (eraseIn(json, targets) !== json) calls.add(id);
      }
    }
  }
  const notes = (
    db
      .prepare(
        callScope
          ? 'SELECT id, version, text FROM review_notes WHERE call_id IN (SELECT value FROM json_each(?))'
          : 'SELECT id, version, text FROM review_notes',
      )
      .all(...(callScope ? [JSON.stringify(callScope)] : [])) as { id: number; version: number; text: string }[]
  ).filter((n) => targets.length && eraseIn(n.text, targets) !== n.text);
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
function eraseCall(db: Db, callId: string, targets: readonly ErasureTarget[]): void {
  const row = db
    .prepare(
      'SELECT c.id, c.caller_number, c.access_number, c.queue, c.agent, c.contact_key, d.json FROM calls c LEFT JOIN call_docs d ON d.call = c.id WHERE c.call_id = ?',
    )
    .get(callId) as
    | {
        id: number;
        caller_number: string | null;
        access_number: string | null;
        queue: string | null;
        agent: string | null;
        contact_key: string | null;
        /** Other platforms' calls only: a call-events call's contract is built on read from its rows. */
        json: string | null;
      }
    | undefined;
  if (!row) return;
  const e = (s: string | null) => (s === null ? null : eraseIn(s, targets));
  // A call-events call's contract is built from its rows, which are erased by now; erasing in it
  // as well covers values that come from elsewhere (companion tables).
  const json = row.json ?? callContractJson(db, callId)?.json;
  if (json === undefined) return;
  const call = eraseInJson(JSON.parse(json), targets) as ArchiveCall;
  const text = ftsText(call);
  db.prepare(
    'UPDATE calls SET caller_number = ?, access_number = ?, queue = ?, agent = ?, contact_key = ?, fts_hash = ? WHERE id = ?',
  ).run(
    e(row.caller_number),
    e(row.access_number),
    e(row.queue),
    e(row.agent),
    e(row.contact_key),
    hash53(text),
    row.id,
  );
  if (row.json !== null) db.prepare('UPDATE call_docs SET json = ? WHERE call = ?').run(JSON.stringify(call), row.id);
  const events = db.prepare('SELECT id, name, agent, result FROM events WHERE call = ?').all(row.id) as {
    id: number;
    name: string | null;
    agent: string | null;
    result: string | null;
  }[];
  const setEvent = db.prepare('UPDATE events SET name = ?, agent = ?, result = ? WHERE id = ?');
  for (const ev of events) setEvent.run(e(ev.name), e(ev.agent), e(ev.result), ev.id);
  for (const r of db.prepare('SELECT id, text FROM registrations WHERE call_id = ?').all(callId) as {
    id: number;
    text: string;
  }[])
    db.prepare('UPDATE registrations SET text = ? WHERE id = ?').run(eraseIn(r.text, targets), r.id);
  for (const v of db.prepare('SELECT name, value FROM call_variables WHERE call_id = ?').all(callId) as {
    name: string;
    value: string;
  }[])
    db.prepare('UPDATE call_variables SET value = ? WHERE call_id = ? AND name = ?').run(
      eraseIn(v.value, targets),
      callId,
      v.name,
    );
  db.prepare('DELETE FROM calls_fts WHERE rowid = ?').run(row.id);
  db.prepare('INSERT INTO calls_fts (rowid, text) VALUES (?, ?)').run(row.id, text);
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
      summary: `erased ${p.scope}: ${preview.calls} calls, ${preview.rawRows} raw rows, ${preview.rejectedRows} rejected rows, ${preview.notes} notes; reason: ${spec.reason}`,
      calls: preview.calls,
      details: { ...preview, reason: spec.reason },
      actor,
      at,
    });
    const erasureId = Number(
      db
        .prepare(
          'INSERT INTO erasures (at, actor, kind, scope, reason, calls, raw_rows, rejected_rows, action) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(at, actor, p.kind, p.scope, spec.reason, preview.calls, preview.rawRows, preview.rejectedRows, actionId)
        .lastInsertRowid,
    );
    const erased = db.prepare(
      'INSERT INTO erased_rows (erasure, kind, row_id, import_id, digest_before, content_digest) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const c of p.rows) {
      erased.run(erasureId, 'raw', c.row.id, c.row.importId, sha256(c.row.digestLine), sha256(c.row.contentKey));
      rewriteRawRow(db, c.row, c.fields, c.norm);
    }
    for (const r of p.rejected) {
      erased.run(erasureId, 'rejected', r.row.id, r.row.importId, sha256(r.row.digestLine), sha256(r.row.raw));
      rewriteRejected(db, r.row, r.raw);
    }
    for (const callId of p.calls) eraseCall(db, callId, p.targets);
    for (const n of p.notes) {
      const text = eraseIn(n.text, p.targets);
      db.prepare('UPDATE review_notes SET text = ? WHERE id = ?').run(text, n.id);
      for (const v of db.prepare('SELECT version, text FROM review_note_versions WHERE note = ?').all(n.id) as {
        version: number;
        text: string;
      }[])
        db.prepare('UPDATE review_note_versions SET text = ? WHERE note = ? AND version = ?').run(
          eraseIn(v.text, p.targets),
          n.id,
          v.version,
        );
    }
    const record = db.prepare(
      'INSERT INTO erased_imports (erasure, import_id, rows_before, rows_after, rejected_before, rejected_after) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const id of touched) {
      const b = before.get(id) ?? importDigests(db, id);
      const a = importDigests(db, id);
      record.run(erasureId, id, b.rows, a.rows, b.rejected, a.rejected);
    }
    // Free text: merge the index's segments, so deleted entries' tokens are gone, not only marked.
    db.exec("INSERT INTO calls_fts (calls_fts) VALUES ('optimize')");
    // The planner's samples (sqlite_stat4) hold index keys, caller numbers among them.
    refreshStatistics(db);
    refreshSearchAggregates(db);
    return { ...preview, erasureId, actionId };
  })();
  // Old page images of the erased rows leave the write-ahead log.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return result;
}
