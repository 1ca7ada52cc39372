// Texts of the Statistics view built from i18n: group keys for display, each
// figure's formula for its tooltip and footer.
import type { GroupKey, Grouping, ReportedParameters } from '../../../../shared/statistics';

type T = (key: string, values?: Record<string, unknown>) => string;

export function keyLabel(t: T, g: Grouping | string, value: string | null | undefined): string {
  if (value === null || value === undefined) return t('statistics.noGroup');
  if (g === 'weekday') return t(`statistics.weekdays.d${value}`);
  if (g === 'hourofday') return `${value}:00`;
  if (g === 'hour') return `${value}:00`;
  if (g === 'type') return t(`callType.${value}`);
  if (g === 'outcome') return t(`outcome.${value}`);
  return value;
}

export function groupLabel(t: T, by: readonly Grouping[], key: GroupKey): string {
  return by.map((g) => keyLabel(t, g, key[g])).join(' · ');
}

/** A queue figure's formula in the UI language, with the parameters filled in. */
export function formulaText(
  t: T,
  figure: string,
  p: Pick<ReportedParameters, 'slSeconds' | 'slAbandons' | 'shortAbandonSeconds'>,
): string {
  const values = { sl: p.slSeconds, short: p.shortAbandonSeconds };
  if (figure === 'serviceLevelPct') return t(`statistics.formula.serviceLevelPct_${p.slAbandons}`, values);
  return t(`statistics.formula.${figure}`, values);
}
