// De-duplication and re-delivery (spec section 2 "Re-delivery", section 6).
//
// 1. Exact duplicates: rows with the same rec_id (a file imported twice, an
//    overlapping export) are one row; the others are superseded.
// 2. Re-delivery across files: the platform re-inserts ALL rows of a call (new
//    rec_ids, newer dte_updated) when a new session arrives. Per session, the
//    file whose rows of that session carry the newest dte_updated wins; that
//    session's rows in older files are superseded — unless they start outside
//    the time span the newer file holds of the call (an export cut by time: a
//    session straddling the cut). A session that only an older file holds (an
//    export cut in the middle of a call) survives.
// 3. Identical content: rows equal in every event column except rec_id and
//    dte_updated (a re-insertion inside one file, or exports without dte_updated)
//    are one row; the newest dte_updated wins.
// Superseded rows are never dropped: deriveCall reports them in DerivedCall.kept.
import type { CallEventRow } from '../model/call-events';
import { compareRows, sessionOf, sortRows } from './rows';
import { originKey } from '../model/call-events';
import { sortInPlace } from './small-sort';

export interface SupersededRow {
  row: CallEventRow;
  reason: string;
}

export interface RowSelection {
  current: CallEventRow[];
  superseded: SupersededRow[];
}

const where = (r: CallEventRow): string => originKey(r.origin);

/** Newest dte_updated first; then canonical order, so the choice is deterministic. */
function preferNewest(a: CallEventRow, b: CallEventRow): number {
  const ua = a.updated ?? -Infinity;
  const ub = b.updated ?? -Infinity;
  return ub - ua || compareRows(a, b);
}

/** The columns the content-duplicate rule compares, in the order its key joins them. */
export const CONTENT_FIELDS = [
  'sessionId',
  'callSequence',
  'eventType',
  'start',
  'durationSec',
  'speakStart',
  'speakSec',
  'source',
  'destination',
  'resultCode',
  'ciq',
  'queueKey',
  'agentId',
  'menuName',
] as const satisfies readonly (keyof CallEventRow)[];

const SEPARATOR = '\u0001';

/** The content-duplicate rule's key (exported for its test); built only where mayShareContent says yes. */
export function contentKey(r: CallEventRow): string {
  // A plain join (not JSON) of each field as a template writes it (`${v}`, String(v)).
  return CONTENT_FIELDS.map((f) => String(r[f])).join(SEPARATOR);
}

/** Whether a field holds the keys' separator: then two other rows' keys could be equal with their fields not. */
function holdsSeparator(r: CallEventRow): boolean {
  for (const f of CONTENT_FIELDS) {
    const v = r[f];
    if (typeof v === 'string' && v.includes(SEPARATOR)) return true;
  }
  return false;
}

/** Two values as contentKey writes them, compared without writing them when they are the same. */
const sameText = (x: unknown, y: unknown): boolean => x === y || String(x) === String(y);

/**
 * Whether contentKey(a) === contentKey(b), field by field: without a separator in any field (the
 * caller makes sure), the joined keys are equal exactly when every field's text is.
 */
function sameContentFields(a: CallEventRow, b: CallEventRow): boolean {
  for (const f of CONTENT_FIELDS) if (!sameText(a[f], b[f])) return false;
  return true;
}

/**
 * Whether two rows of the runs of equal starts may share their content key, decided without building
 * keys (nearly every call has such a run: its first rows start together, and they differ in their
 * type). Rows of equal keys have equal starts, and equal starts are neighbours in the canonical order,
 * so comparing the rows of each run pair by pair finds every pair; a field holding the keys'
 * separator could join rows across runs, so then the answer is yes and the keys decide.
 */
export function mayShareContent(sorted: readonly CallEventRow[], inRun: ReadonlySet<CallEventRow>): boolean {
  for (const r of inRun) if (holdsSeparator(r)) return true;
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as CallEventRow;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j] as CallEventRow;
      if (b.start !== a.start) break;
      if (sameContentFields(a, b)) return true;
    }
  }
  return false;
}

/** Rows per call up to which duplicate keys are looked for pair by pair (no Map: a call has a handful of rows). */
const PAIRWISE_MAX = 24;

/** Whether two rows share a (non-null) key: the common answer is no, found without a Map for small calls. */
function hasDuplicateKey(rows: readonly CallEventRow[], key: (r: CallEventRow) => string | null): boolean {
  if (rows.length > PAIRWISE_MAX) {
    const seen = new Set<string>();
    for (const r of rows) {
      const k = key(r);
      if (k === null) continue;
      if (seen.has(k)) return true;
      seen.add(k);
    }
    return false;
  }
  const keys: (string | null)[] = [];
  for (const r of rows) {
    const k = key(r);
    if (k !== null && keys.includes(k)) return true;
    keys.push(k);
  }
  return false;
}

/** Keeps one row per key (newest dte_updated wins); preserves the order of the rows kept. */
function dedupeBy(
  rows: CallEventRow[],
  key: (r: CallEventRow) => string | null,
  reason: (winner: CallEventRow) => string,
  superseded: SupersededRow[],
): CallEventRow[] {
  if (!hasDuplicateKey(rows, key)) return rows;
  const groups = new Map<string, CallEventRow[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const losers = new Set<CallEventRow>();
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    sortInPlace(g, preferNewest);
    const winner = g[0] as CallEventRow;
    for (let i = 1; i < g.length; i++) {
      const l = g[i] as CallEventRow;
      losers.add(l);
      superseded.push({ row: l, reason: reason(winner) });
    }
  }
  return rows.filter((r) => !losers.has(r));
}

export function selectCurrentRows(rows: readonly CallEventRow[]): RowSelection {
  const superseded: SupersededRow[] = [];
  let current = sortRows(rows);

  current = dedupeBy(
    current,
    (r) => (r.recId === null ? null : r.recId),
    (w) => `duplicate row: same rec_id ${w.recId ?? ''} as ${where(w)}`,
    superseded,
  );

  // Re-delivery: per session, the newest file delivery of that session wins (rows of one file: nothing to do).
  if (!fromOneFile(current)) current = dropRedelivered(current, superseded);

  // Rows equal in content share their start, and the rows are sorted by start: only runs of equal
  // starts can hold such duplicates, so keys are built for those alone (this runs for every call).
  let inRun: Set<CallEventRow> | null = null;
  for (let i = 1; i < current.length; i++) {
    const a = current[i - 1] as CallEventRow;
    const b = current[i] as CallEventRow;
    if (a.start === b.start) (inRun ??= new Set()).add(a).add(b);
  }
  if (inRun !== null && mayShareContent(current, inRun)) {
    const run = inRun;
    current = dedupeBy(
      current,
      (r) => (run.has(r) ? contentKey(r) : null),
      (w) => `duplicate row: same content as ${where(w)} (re-inserted with a new rec_id)`,
      superseded,
    );
  }

  if (superseded.length > 1) sortInPlace(superseded, (a, b) => compareRows(a.row, b.row));
  return { current, superseded }; // still in canonical order: every step above only filters
}

function fromOneFile(rows: readonly CallEventRow[]): boolean {
  const file = rows[0]?.origin.file;
  for (const r of rows) if (r.origin.file !== file) return false;
  return true;
}

/** Per session, the rows of older file deliveries than the newest (see the comment at the top), as superseded. */
function dropRedelivered(current: CallEventRow[], superseded: SupersededRow[]): CallEventRow[] {
  const stamp = new Map<string, number>(); // session \u0001 file -> newest dte_updated
  for (const r of current) {
    if (r.updated === null || !Number.isFinite(r.updated)) continue;
    const k = `${sessionOf(r)}\u0001${r.origin.file}`;
    stamp.set(k, Math.max(stamp.get(k) ?? -Infinity, r.updated));
  }
  const newestPerSession = new Map<string, { stamp: number; file: string }>();
  for (const [k, s] of stamp) {
    const [session, file] = k.split('\u0001') as [string, string];
    const best = newestPerSession.get(session);
    if (!best || s > best.stamp || (s === best.stamp && file < best.file))
      newestPerSession.set(session, { stamp: s, file });
  }
  // The span of starts each file holds of this call: an export cut by time holds only its window.
  const span = new Map<string, { lo: number; hi: number }>();
  for (const r of current) {
    const s = span.get(r.origin.file);
    span.set(
      r.origin.file,
      s ? { lo: Math.min(s.lo, r.start), hi: Math.max(s.hi, r.start) } : { lo: r.start, hi: r.start },
    );
  }
  return current.filter((r) => {
    const best = newestPerSession.get(sessionOf(r));
    if (!best) return true;
    const mine = stamp.get(`${sessionOf(r)}\u0001${r.origin.file}`) ?? -Infinity;
    if (mine >= best.stamp) return true;
    // Outside the newer file's window the row was cut from that export, not re-delivered: it survives.
    const window = span.get(best.file);
    if (window && (r.start < window.lo || r.start > window.hi)) return true;
    superseded.push({
      row: r,
      reason: `superseded by a re-delivery of session ${sessionOf(r) || '(none)'} in ${best.file} (newer dte_updated)`,
    });
    return false;
  });
}
