// Row-level helpers: canonical order, sanitised times and the "answered" test.
// Every engine step iterates rows in canonical order, so the input order never matters.
import type { CallEventRow } from '../model/call-events';
import { sortInPlace } from './small-sort';

/** A note about a row the engine used but had to interpret (negative duration, …). */
export interface RowWarning {
  row: CallEventRow;
  message: string;
}

/** Codes with which a conversation leg was NOT answered (spec section 2). */
export const UNANSWERED_LEG_CODES: ReadonlySet<string> = new Set(['t', 'b', 'c', 'e', 'h']);
/** Raw durations above this are used as exported but flagged (a stuck row, or a unit error). */
export const ABSURD_DURATION_SEC = 24 * 3600;

const TYPE_ORDER: Record<string, number> = { i: 0, m: 1, q: 2, c: 3 };

function cmpNullable<T extends string | number>(a: T | null, b: T | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** Canonical, total order: time first (call_sequence only breaks ties), then origin. */
export function compareRows(a: CallEventRow, b: CallEventRow): number {
  return (
    a.start - b.start ||
    cmpNullable(a.callSequence, b.callSequence) ||
    (TYPE_ORDER[a.eventType] ?? 9) - (TYPE_ORDER[b.eventType] ?? 9) ||
    cmpNullable(a.origin.file, b.origin.file) ||
    a.origin.line - b.origin.line ||
    cmpNullable(a.recId, b.recId) ||
    cmpNullable(a.updated, b.updated)
  );
}

export function sortRows(rows: readonly CallEventRow[]): CallEventRow[] {
  return sortInPlace(rows.slice(), compareRows);
}

export const sessionOf = (r: CallEventRow): string => r.sessionId ?? '';

/** A non-negative, finite number of seconds; negative / NaN become 0. */
export function safeSec(v: number | null): number {
  return v !== null && Number.isFinite(v) && v > 0 ? v : 0;
}

export const secToMs = (sec: number): number => Math.round(sec * 1000);

/** Where talking happened on a conversation leg, or null when it never did. */
export function speakInterval(r: CallEventRow): { start: number; end: number } | null {
  if (r.eventType !== 'c') return null;
  const speak = safeSec(r.speakSec);
  if (speak <= 0) return null;
  // Without dte_speak_start, talking is taken to end with the leg (wrap-up unknown).
  const given = r.speakStart !== null && Number.isFinite(r.speakStart) ? r.speakStart : null;
  const start = given ?? r.start + Math.max(0, secToMs(safeSec(r.durationSec)) - secToMs(speak));
  return { start, end: start + secToMs(speak) };
}

/** End of a row: start + duration_tot_sec, and never before its speaktime ends. */
export function rowEnd(r: CallEventRow): number {
  const end = r.start + secToMs(safeSec(r.durationSec));
  const sp = speakInterval(r);
  return sp ? Math.max(end, sp.end) : end;
}

/**
 * A conversation leg counts as answered when its code says so (`k`), or when the
 * code is unknown but the leg has speaktime (the talk proves the answer).
 * Known failure codes (t, b, c, e, h) never count, whatever the speaktime says.
 */
export function isAnsweredLeg(r: CallEventRow): boolean {
  if (r.eventType !== 'c') return false;
  if (r.resultCode === 'k') return speakInterval(r) !== null;
  if (r.resultCode !== null && UNANSWERED_LEG_CODES.has(r.resultCode)) return false;
  return speakInterval(r) !== null;
}

/** A duration that needs no warning: none, or 0 – 24 h. */
function plainDuration(v: number | null): boolean {
  return v === null || (v >= 0 && v <= ABSURD_DURATION_SEC);
}

/** Notes for rows whose times the engine had to interpret. */
export function rowWarnings(r: CallEventRow): string[] {
  // Every row of every call comes here: the common case creates no function (a named closure costs a
  // defineProperty per call where the sources run through a loader that keeps names, as in the CLI).
  if (plainDuration(r.durationSec) && plainDuration(r.speakSec) && (r.speakStart === null || r.speakStart >= r.start))
    return [];
  const out: string[] = [];
  const check = (label: string, v: number | null): void => {
    if (v === null) return;
    if (!Number.isFinite(v)) out.push(`${label} is not a number: treated as 0`);
    else if (v < 0) out.push(`negative ${label} (${v}): treated as 0`);
    else if (v > ABSURD_DURATION_SEC) out.push(`${label} of ${v} s is over 24 h: used as exported`);
  };
  check('duration_tot_sec', r.durationSec);
  check('duration_speak_sec', r.speakSec);
  if (r.speakStart !== null && r.speakStart < r.start) out.push('dte_speak_start before dte_start: used as exported');
  return out;
}
