// How the Statistics view writes a figure: times as the call list writes durations (0:42,
// 3:18, 2 h 03 min) rather than seconds with a decimal ("156,664.0" was 43 hours); rates
// and other ratios with one decimal in the locale's digits; a missing figure as a dash. The
// CSV keeps exact seconds for a spreadsheet.
import { formatDuration } from '../../../../shared/chart/event-rows';
import type { Locale } from '../../../../shared/i18n/messages';

/** Figures that are times in seconds. */
export const TIME_FIGURES: ReadonlySet<string> = new Set(['asaSec', 'maxWaitSec', 'avgTalkSec', 'talkSec']);

export function decimalText(v: number | null, locale: Locale): string {
  return v === null
    ? '–'
    : new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
}

export function figureText(name: string, v: number | null, locale: Locale): string {
  if (v === null) return '–';
  return TIME_FIGURES.has(name) ? formatDuration(v) : decimalText(v, locale);
}
