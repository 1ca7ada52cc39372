// The chart's legend (#14 items 5, 12, 13): only the marks this call's chart draws, each with
// the i18n key of its text — the silent-call message, attempt marks, gap cuts. Pure.
import type { GanttModel } from './gantt-option';

export type LegendItem = 'silent' | 'attempt' | 'gap';

export const LEGEND_KEYS: Record<LegendItem, string> = {
  silent: 'chartImport.legendSilent',
  attempt: 'chartImport.legendAttempt',
  gap: 'chartImport.legendGap',
};

export function chartLegend(model: Pick<GanttModel, 'rows' | 'breaks' | 'marks'>): LegendItem[] {
  const out: LegendItem[] = [];
  if (model.rows.some((r) => r.silent)) out.push('silent');
  if ((model.marks ?? []).length) out.push('attempt');
  if (model.breaks.length) out.push('gap');
  return out;
}
