// How the Statistics view writes a figure: times as durations (0:42, 3:18) rather than seconds
// with a decimal ("156,664.0" was 43 hours); rates and other ratios with one decimal in the
// locale's digits; a missing figure as a dash. The CSV keeps exact seconds for a spreadsheet.
//
// Within one table column the times read alike: m:ss while every value of the column is under an
// hour, h:mm:ss for every value once any reaches one ("0:58:26" above "1:02:00", not "58:26" above
// "1 h 02 min", which a reader had to decode twice to compare). No unit words, so no language's.
import type { Locale } from '../../../../shared/i18n/messages';

/** Figures that are times in seconds. */
export const TIME_FIGURES: ReadonlySet<string> = new Set(['asaSec', 'maxWaitSec', 'avgTalkSec', 'talkSec']);

export function decimalText(v: number | null, locale: Locale): string {
  return v === null
    ? '–'
    : new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
}

/** A percentage with its sign, as the headline figures write one: "50.0 %", Danish "50,0 %". */
export function percentText(v: number | null, locale: Locale): string {
  return v === null ? '–' : `${decimalText(v, locale)} %`;
}

const wholeSeconds = (v: number): number => Math.round(Math.abs(v));

/** Whether a column of times needs hours: any of its values is an hour or more (as rounded to the second). */
export function columnHasHours(values: readonly (number | null | undefined)[]): boolean {
  return values.some((v) => typeof v === 'number' && Number.isFinite(v) && wholeSeconds(v) >= 3600);
}

/** A time in a table column: "3:18", or "0:03:18" / "87:49:12" in a column with hours (columnHasHours). */
export function columnDuration(v: number | null | undefined, hours: boolean): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const total = wholeSeconds(v);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  const sign = v < 0 && total > 0 ? '-' : '';
  return hours ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${h * 60 + m}:${s}`;
}

/** A figure of a table column; `hours`: the column's times show hours (columnHasHours of the column). */
export function figureText(name: string, v: number | null, locale: Locale, hours = false): string {
  if (v === null) return '–';
  return TIME_FIGURES.has(name) ? columnDuration(v, hours) : decimalText(v, locale);
}
