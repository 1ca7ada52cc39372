// "How did we do this week?" answered against the week before: the headline figures of a
// period beside those of the period before it, with the change in the unit a supervisor
// reads it in (counts in per cent, rates in percentage points, times in seconds) and whether
// the change is for the better. Pure: the view asks the API for both totals.
import { DateTime } from 'luxon';
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
/** The number of days of an inclusive range. */
const spanDays = (range: DayRange): number => (ms(range.to) - ms(range.from)) / DAY_MS + 1;
/** The range is one whole calendar month (its period before is the month before, not as many days). */
function isCalendarMonth(range: DayRange): boolean {
  const month = periodRange('month', { first: range.from, last: range.from });
  return month.from === range.from && month.to === range.to;
}

/**
 * The period before a period: the calendar month before a whole calendar month, else as many
 * days immediately before (the week before a week). Null without two dates, or with `to` before `from`.
 */
export function previousRange(range: DayRange): DayRange | null {
  if (!isLocalDate(range.from) || !isLocalDate(range.to)) return null;
  if (ms(range.to) < ms(range.from)) return null;
  if (isCalendarMonth(range)) return periodRange('prevMonth', { first: range.from, last: range.from });
  return { from: day(ms(range.from) - spanDays(range) * DAY_MS), to: day(ms(range.from) - DAY_MS) };
}

/** The archive's newest call: its start (an ISO instant) and the display zone its period is read in. */
export interface NewestCall {
  start: string;
  timeZone: string;
}

/** What the period before is, for the words that name it: a week, a calendar month or other days. */
export type PeriodKind = 'week' | 'month' | 'days';

/** The period to compare a period with, and whether it was cut where the archive ends. */
export interface Comparison {
  /** The days of the period before; when cut, `to` is the day of the cut. */
  range: DayRange;
  /** The period runs past the archive's newest call: the period before is cut at the same point. */
  cut: boolean;
  kind: PeriodKind;
  /** When cut: the last instant compared, on the display zone's wall clock ('YYYY-MM-DD HH:mm:ss'). */
  through: string | null;
  /** When cut: the query's exclusive end, an ISO instant (through + 1 ms: the newest call's own millisecond counts). */
  until: string | null;
  /** When cut: the newest call's start on the zone's wall clock ('YYYY-MM-DD HH:mm:ss'). */
  newest: string | null;
}

const WALL = 'yyyy-MM-dd HH:mm:ss';

/**
 * The period before, like for like: a period that runs past the archive's newest call (the
 * latest week on a Monday morning, a month to date) compares with the period before cut at the
 * same point: as many days from its start and the same time of day, on the display zone's wall
 * clock (Monday 19 Jan 11:37:16 → Monday 12 Jan 00:00 to 11:37:16). Compared with all of it, a
 * part week would show a fall in calls that did not happen. Wall-clock arithmetic keeps a
 * daylight-saving change between the two from moving the cut by an hour; a wall time that does
 * not exist on the day of the cut (the spring change's missing hour) moves forward past it.
 * A cut that would fall after the period before (the 31st against a shorter month) compares
 * with all of it.
 */
export function comparisonRange(range: DayRange, newest: NewestCall | null): Comparison | null {
  const before = previousRange(range);
  if (!before) return null;
  const kind: PeriodKind = isCalendarMonth(range) ? 'month' : spanDays(range) === 7 ? 'week' : 'days';
  const whole: Comparison = { range: before, cut: false, kind, through: null, until: null, newest: null };
  if (!newest) return whole;
  const at = DateTime.fromISO(newest.start, { zone: newest.timeZone });
  if (!at.isValid) return whole;
  const newestDay = at.toFormat('yyyy-MM-dd');
  if (newestDay < range.from || newestDay > range.to) return whole;
  const cutDay = day(ms(before.from) + (ms(newestDay) - ms(range.from)));
  if (cutDay > before.to) return whole;
  const [y, m, d] = cutDay.split('-').map(Number) as [number, number, number];
  const through = DateTime.fromObject(
    { year: y, month: m, day: d, hour: at.hour, minute: at.minute, second: at.second, millisecond: at.millisecond },
    { zone: newest.timeZone },
  );
  return {
    range: { from: before.from, to: cutDay },
    cut: true,
    kind,
    through: through.toFormat(WALL),
    until: new Date(through.toMillis() + 1).toISOString(),
    newest: at.toFormat(WALL),
  };
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
