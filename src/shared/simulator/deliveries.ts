// Re-delivery (spec section 2): the platform inserts a call's rows when a
// session ends, deleting and re-inserting ALL rows of the call (new rec_ids,
// newer dte_updated) when a later session (a callback attempt) ends. An export
// cut at a time therefore holds the call as it stood then, and the next export
// holds it again, complete. This gives the states of a call across exports.
import { rowEnd, type SimCall } from './rows';

/**
 * For exports cut at `cuts` (ascending UTC ms) plus a last one without a cut:
 * the state of `call` each export holds — the rows of the sessions inserted by
 * its cut, with that insertion's dte_updated — when it changed since the
 * previous export. The last state is the whole call.
 */
export function deliveriesOf(call: SimCall, cuts: readonly number[]): { index: number; call: SimCall }[] {
  const sessionEnd = new Map<string, number>();
  let callEnd = -Infinity;
  for (const r of call.rows) {
    const e = rowEnd(r);
    if (e > (sessionEnd.get(r.session) ?? -Infinity)) sessionEnd.set(r.session, e);
    if (e > callEnd) callEnd = e;
  }
  const delay = call.updated - callEnd;
  const out: { index: number; call: SimCall }[] = [];
  let previousCount = 0;
  for (let k = 0; k <= cuts.length; k++) {
    const cut = k < cuts.length ? cuts[k]! : Infinity;
    const inserted = new Set<string>();
    let stateEnd = -Infinity;
    for (const [session, end] of sessionEnd) {
      if (end + delay <= cut) {
        inserted.add(session);
        if (end > stateEnd) stateEnd = end;
      }
    }
    if (inserted.size === previousCount) continue;
    previousCount = inserted.size;
    const rows =
      inserted.size === sessionEnd.size ? call.rows.slice() : call.rows.filter((r) => inserted.has(r.session));
    out.push({
      index: k,
      call: { ...call, rows, updated: inserted.size === sessionEnd.size ? call.updated : stateEnd + delay },
    });
  }
  return out;
}
