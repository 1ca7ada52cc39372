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

export interface SupersededRow {
  row: CallEventRow;
  reason: string;
}

export interface RowSelection {
  current: CallEventRow[];
  superseded: SupersededRow[];
}

const where = (r: CallEventRow): string => `${r.origin.file}:${r.origin.line}`;

/** Newest dte_updated first; then canonical order, so the choice is deterministic. */
function preferNewest(a: CallEventRow, b: CallEventRow): number {
  const ua = a.updated ?? -Infinity;
  const ub = b.updated ?? -Infinity;
  return ub - ua || compareRows(a, b);
}

function contentKey(r: CallEventRow): string {
  return JSON.stringify([
    r.sessionId, r.callSequence, r.eventType, r.start, r.durationSec, r.speakStart, r.speakSec,
    r.source, r.destination, r.resultCode, r.ciq, r.queueKey, r.agentId, r.menuName,
  ]);
}

function dedupeBy(
  rows: CallEventRow[],
  key: (r: CallEventRow) => string | null,
  reason: (winner: CallEventRow) => string,
  superseded: SupersededRow[],
): CallEventRow[] {
  const groups = new Map<string, CallEventRow[]>();
  const out: CallEventRow[] = [];
  for (const r of rows) {
    const k = key(r);
    if (k === null) {
      out.push(r);
      continue;
    }
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  for (const g of groups.values()) {
    g.sort(preferNewest);
    const [winner, ...losers] = g as [CallEventRow, ...CallEventRow[]];
    out.push(winner);
    for (const l of losers) superseded.push({ row: l, reason: reason(winner) });
  }
  return out;
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

  // Re-delivery: per session, the newest file delivery of that session wins.
  const stamp = new Map<string, number>(); // session \u0001 file -> newest dte_updated
  for (const r of current) {
    if (r.updated === null) continue;
    const k = `${sessionOf(r)}\u0001${r.origin.file}`;
    stamp.set(k, Math.max(stamp.get(k) ?? -Infinity, r.updated));
  }
  const newestPerSession = new Map<string, { stamp: number; file: string }>();
  for (const [k, s] of stamp) {
    const [session, file] = k.split('\u0001') as [string, string];
    const best = newestPerSession.get(session);
    if (!best || s > best.stamp || (s === best.stamp && file < best.file)) newestPerSession.set(session, { stamp: s, file });
  }
  // The span of starts each file holds of this call: an export cut by time holds only its window.
  const span = new Map<string, { lo: number; hi: number }>();
  for (const r of current) {
    const s = span.get(r.origin.file);
    span.set(r.origin.file, s ? { lo: Math.min(s.lo, r.start), hi: Math.max(s.hi, r.start) } : { lo: r.start, hi: r.start });
  }
  current = current.filter((r) => {
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

  current = dedupeBy(
    current,
    contentKey,
    (w) => `duplicate row: same content as ${where(w)} (re-inserted with a new rec_id)`,
    superseded,
  );

  superseded.sort((a, b) => compareRows(a.row, b.row));
  return { current: sortRows(current), superseded };
}
