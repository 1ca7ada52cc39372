/**
 * The search's time range as epoch milliseconds. The API carries `from` / `to` as ISO instants
 * (validated by the schema); every SQL unit wants numbers, so the conversion lives here once.
 */

/** The earliest and latest instants a JavaScript Date can hold: stand-ins for an open end. */
export const EARLIEST_MS = -8.64e15;
export const LATEST_MS = 8.64e15;

interface TimeBounds {
  readonly from?: string;
  readonly to?: string;
}

/** `from` in ms, or null when the search has no lower bound. */
export const fromMs = (q: TimeBounds): number | null => (q.from ? Date.parse(q.from) : null);

/** `to` (exclusive) in ms, or null when the search has no upper bound. */
export const toMs = (q: TimeBounds): number | null => (q.to ? Date.parse(q.to) : null);

/** Both ends, an open end replaced by the earliest / latest instant. */
export function rangeMs(q: TimeBounds): { from: number; to: number } {
  return { from: fromMs(q) ?? EARLIEST_MS, to: toMs(q) ?? LATEST_MS };
}
