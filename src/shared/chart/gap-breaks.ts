// Gap compression: a callback attempt can come hours after the order, which on
// a linear axis squeezes both ends into slivers. We cut "quiet" stretches out of
// the time axis (ECharts 6 axis breaks); bars crossing a cut stay continuous.
//
// A stretch is quiet when only waiting happens in it: no event other than a
// Queue (callback) covers it. A long Queue or Conversation is never cut, so real
// durations stay proportional.

import type { ChartEventRow } from './event-rows';

export interface GapBreak {
  /** UTC epoch ms where the cut begins and ends. */
  start: number;
  end: number;
}

export interface GapOptions {
  /** Quiet stretches at least this long are cut. */
  minGapMs?: number;
  /**
   * Spans that are never cut although no bar but the Queue (callback) covers them: a callback's
   * attempts (#14 item 13), so their marks sit on the axis with their own time, not in a zig-zag.
   */
  busy?: readonly { start: number; end: number }[];
}

export const DEFAULT_MIN_GAP_MS = 3 * 60_000;

const WAITING_TYPES = new Set(['queue_callback']);

export function computeGapBreaks(rows: readonly ChartEventRow[], options: GapOptions = {}): GapBreak[] {
  const minGap = options.minGapMs ?? DEFAULT_MIN_GAP_MS;
  if (rows.length === 0) return [];
  const busySpans = options.busy ?? [];
  const bounds = [...new Set([...rows, ...busySpans].flatMap((r) => [r.start, r.end]))].sort((a, b) => a - b);
  const quiet: GapBreak[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const a = bounds[i]!;
    const b = bounds[i + 1]!;
    if (b - a < minGap) continue;
    const busy =
      rows.some((r) => !WAITING_TYPES.has(r.type) && r.start < b && r.end > a) ||
      busySpans.some((r) => r.start < b && r.end > a);
    if (!busy) quiet.push({ start: a, end: b });
  }
  if (quiet.length === 0) return [];
  // Keep a margin on both sides of each cut so the bar ends next to it stay visible.
  const total = bounds[bounds.length - 1]! - bounds[0]!;
  const kept = total - quiet.reduce((sum, g) => sum + (g.end - g.start), 0);
  const margin = Math.max(1000, kept * 0.04);
  return quiet
    .map((g) => ({
      start: g.start + Math.min(margin, (g.end - g.start) * 0.1),
      end: g.end - Math.min(margin, (g.end - g.start) * 0.1),
    }))
    .filter((g) => g.end > g.start);
}

export interface ViewBounds {
  min: number;
  max: number;
}

/** The axis extent: all events plus a small pad, measured on the uncut span. */
export function computeViewBounds(rows: readonly ChartEventRow[], breaks: readonly GapBreak[]): ViewBounds {
  if (rows.length === 0) return { min: 0, max: 1000 };
  const min = Math.min(...rows.map((r) => r.start));
  const max = Math.max(...rows.map((r) => r.end));
  const cut = breaks.reduce((sum, g) => sum + (g.end - g.start), 0);
  const visible = Math.max(max - min - cut, 1000);
  const pad = Math.max(500, visible * 0.03);
  return { min: min - pad, max: max + pad };
}
