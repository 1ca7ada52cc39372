// The raw rows of a call grouped for the raw-row view: per event the rows behind
// it (in the event's source order), and the call's rows behind no event
// (initiation rows, kept and superseded rows, companion rows).
import type { CallDetail, StoredRawRow } from '../api/archive-api';

export interface RawRowGroups {
  /** Same length and order as call.events. */
  perEvent: StoredRawRow[][];
  /** Rows behind no event, in stored order. */
  others: StoredRawRow[];
  kept: StoredRawRow[];
}

export function groupRawRows(detail: CallDetail): RawRowGroups {
  const byOrigin = new Map<string, StoredRawRow>();
  for (const r of detail.rawRows) {
    const key = `${r.origin.file}\u0000${r.origin.line}`;
    if (!byOrigin.has(key)) byOrigin.set(key, r);
  }
  const behind = new Set<StoredRawRow>();
  const perEvent = detail.call.events.map((_, i) =>
    (detail.eventSources[i] ?? []).flatMap((o) => {
      const r = byOrigin.get(`${o.file}\u0000${o.line}`);
      if (r) behind.add(r);
      return r ? [r] : [];
    }),
  );
  return {
    perEvent,
    others: detail.rawRows.filter((r) => !behind.has(r)),
    kept: detail.rawRows.filter((r) => r.status === 'kept'),
  };
}
