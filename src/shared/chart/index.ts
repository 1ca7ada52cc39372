// The call chart's pure model: archive call → rows, gap cuts, view bounds → ECharts option.
import type { ArchiveCall, CallAttempt } from '../model/archive-call';
import { buildAttemptMarks } from './attempt-marks';
import type { RowOrigin } from '../model/call-events';
import { buildEventRows, type ChartLocale } from './event-rows';
import { computeGapBreaks, computeViewBounds, type GapOptions } from './gap-breaks';
import type { GanttModel } from './gantt-option';

export * from './event-rows';
export * from './gap-breaks';
export * from './gantt-option';
export * from './result-codes';
export * from './attempt-marks';
export * from './label-placement';
export * from './legend';

export function buildGanttModel(
  call: ArchiveCall,
  eventSources: RowOrigin[][] | undefined,
  locale: ChartLocale,
  gapOptions: GapOptions = {},
  attempts?: readonly CallAttempt[],
): GanttModel {
  const rows = buildEventRows(call, eventSources, locale);
  const marks = buildAttemptMarks(rows, attempts, locale);
  // An attempt's own span (ringing) is never cut: its mark keeps a readable place on the axis.
  const busy = marks.map((m) => ({ start: m.at, end: Math.max(m.at, Math.min(m.end, m.at + 60_000)) }));
  const breaks = computeGapBreaks(rows, { ...gapOptions, busy: [...(gapOptions.busy ?? []), ...busy] });
  return { rows, breaks, bounds: computeViewBounds(rows, breaks), marks };
}
