// Texts of the Statistics view built from i18n: group keys for display, each
// figure's formula for its tooltip and footer.
import { isLocalDate, type GroupKey, type Grouping, type ReportedParameters } from '../../../../shared/statistics';
import type { Locale } from '../../../../shared/i18n/messages';
import { dialerModeText } from '../../../../shared/i18n/call-type-text';
import { bcp47 } from '../../format';

type T = (key: string, values?: Record<string, unknown>) => string;

export function keyLabel(t: T, g: Grouping | string, value: string | null | undefined): string {
  if (value === null || value === undefined) return t('statistics.noGroup');
  if (g === 'weekday') return t(`statistics.weekdays.d${value}`);
  if (g === 'hourofday') return `${value}:00`;
  if (g === 'hour') return `${value}:00`;
  if (g === 'type') return t(`callType.${value}`);
  if (g === 'outcome') return t(`outcome.${value}`);
  if (g === 'mode') return dialerModeText(value, t);
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

const DAY_MS = 86_400_000;

/**
 * A statistics period (the query's local dates, `to` exclusive) in the reader's words: "12–18 Jan
 * 2026", Danish "12.–18. jan. 2026"; one day as that day; the whole archive without dates.
 */
export function periodText(t: T, from: string | undefined, to: string | undefined, locale: Locale): string {
  if (!from && !to) return t('statistics.periodAll');
  if (!from || !to || !isLocalDate(from) || !isLocalDate(to)) return `${from ?? '…'} – ${to ?? '…'}`;
  const first = Date.parse(`${from}T00:00:00Z`);
  const last = Date.parse(`${to}T00:00:00Z`) - DAY_MS;
  const format = new Intl.DateTimeFormat(bcp47[locale], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return last <= first ? format.format(first) : format.formatRange(first, last);
}
