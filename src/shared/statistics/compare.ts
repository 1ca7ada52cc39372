// "How did we do this week?" answered against the week before: the headline figures of a
// period beside those of the period before it, with the change in the unit a supervisor
// reads it in (counts in per cent, rates in percentage points, times in seconds) and whether
// the change is for the better. Pure: the view asks the API for both totals.
import { isLocalDate, periodRange, type DayRange } from './periods';
import type { QueueFigures } from './types';

export const KPI_NAMES = [
  'offered',
  'serviceLevelPct',
  'answerRatePct',
  'abandonRatePct',
  'asaSec',
  'avgTalkSec',
] as const;
export type KpiName = (typeof KPI_NAMES)[number];

/** How a figure's change is told: relative (counts), in points (rates), in seconds (times). */
export type ChangeKind = 'percent' | 'points' | 'seconds';

const KIND: Record<KpiName, ChangeKind> = {
  offered: 'percent',
  serviceLevelPct: 'points',
  answerRatePct: 'points',
  abandonRatePct: 'points',
  asaSec: 'seconds',
  avgTalkSec: 'seconds',
};

/** +1: more is better; −1: less is better; 0: neither (more calls are not a result, talk time depends). */
const BETTER: Record<KpiName, 1 | -1 | 0> = {
  offered: 0,
  serviceLevelPct: 1,
  answerRatePct: 1,
  abandonRatePct: -1,
  asaSec: -1,
  avgTalkSec: 0,
};

export interface KpiComparison {
  name: KpiName;
  value: number | null;
  previous: number | null;
  kind: ChangeKind;
  /** The change in its kind's unit (rounded to one decimal); null when either figure is missing or a relative change has no base. */
  change: number | null;
  /** 'better' / 'worse' / 'same' by the figure's direction; null when there is no change to judge or no direction. */
  verdict: 'better' | 'worse' | 'same' | null;
}

const DAY_MS = 86_400_000;
const ms = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

/**
 * The period before a period: the calendar month before a whole calendar month, else as many
 * days immediately before (the week before a week). Null without two dates, or with `to` before `from`.
 */
export function previousRange(range: DayRange): DayRange | null {
  if (!isLocalDate(range.from) || !isLocalDate(range.to)) return null;
  if (ms(range.to) < ms(range.from)) return null;
  const month = periodRange('month', { first: range.from, last: range.from });
  if (month.from === range.from && month.to === range.to)
    return periodRange('prevMonth', { first: range.from, last: range.from });
  const days = (ms(range.to) - ms(range.from)) / DAY_MS + 1;
  return { from: day(ms(range.from) - days * DAY_MS), to: day(ms(range.from) - DAY_MS) };
}

/** The period to compare a period with, and whether it was cut to the days the archive has. */
export interface Comparison {
  range: DayRange;
  /** The period runs past the archive's newest call: the period before is cut to as many days. */
  cut: boolean;
}

/**
 * The period before, like for like: a period that runs past the archive's newest day (the
 * latest week on a Thursday, a month to date) compares with as many days from the start of the
 * period before (Monday to Thursday of the week before), not with all of it, which would show
 * a part-week as a fall in calls.
 */
export function comparisonRange(range: DayRange, newestDay: string | null): Comparison | null {
  const before = previousRange(range);
  if (!before) return null;
  if (!newestDay || !isLocalDate(newestDay) || newestDay >= range.to || newestDay < range.from)
    return { range: before, cut: false };
  const days = (ms(newestDay) - ms(range.from)) / DAY_MS;
  return { range: { from: before.from, to: day(ms(before.from) + days * DAY_MS) }, cut: true };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function change(kind: ChangeKind, value: number | null, previous: number | null): number | null {
  if (value === null || previous === null) return null;
  if (kind === 'percent') return previous === 0 ? null : round1(((value - previous) / previous) * 100);
  return round1(value - previous);
}

/** Each headline figure of the period beside the period before's (none: `previous` null). */
export function compareKpis(current: QueueFigures, previous: QueueFigures | null): KpiComparison[] {
  return KPI_NAMES.map((name) => {
    const value = current[name];
    const before = previous ? previous[name] : null;
    const kind = KIND[name];
    const c = change(kind, value, before);
    const direction = BETTER[name];
    const verdict = c === null || direction === 0 ? null : c === 0 ? 'same' : c * direction > 0 ? 'better' : 'worse';
    return { name, value, previous: before, kind, change: c, verdict };
  });
}
