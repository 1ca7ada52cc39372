// The Statistics view's period shortcuts ("how did we do this week?"): whole calendar weeks
// (Monday to Sunday, as ISO 8601 and Danish calendars count them) and months, counted from the
// archive's newest call, not from today, as the call filter's time presets are: an archive of
// last quarter's exports would otherwise answer "this week" with no calls at all. Pure date
// arithmetic on local dates (YYYY-MM-DD in the archive's zone): no clock, no zone.

export type StatsPeriod = 'all' | 'week' | 'prevWeek' | 'month' | 'prevMonth';
export const STATS_PERIODS: readonly StatsPeriod[] = ['all', 'week', 'prevWeek', 'month', 'prevMonth'];

/** The archive's first and newest call as local dates (YYYY-MM-DD). */
export interface ArchiveDays {
  first: string;
  last: string;
}

/** An inclusive range of local dates, as the Statistics form holds it. */
export interface DayRange {
  from: string;
  to: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (not 2026-02-30, which Date would roll into March). */
export function isLocalDate(s: string): boolean {
  return DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

function parse(date: string): Date {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

const format = (d: Date): string => d.toISOString().slice(0, 10);

function addDays(d: Date, n: number): Date {
  const r = new Date(d);
  r.setUTCDate(r.getUTCDate() + n);
  return r;
}

/** The Monday of a date's week (getUTCDay: Sunday 0 … Saturday 6). */
function monday(d: Date): Date {
  return addDays(d, -((d.getUTCDay() + 6) % 7));
}

/** The period's dates: a whole week or month around the archive's newest call, or the archive's own range. */
export function periodRange(period: StatsPeriod, days: ArchiveDays): DayRange {
  const last = parse(days.last);
  switch (period) {
    case 'all':
      return { from: days.first, to: days.last };
    case 'week':
    case 'prevWeek': {
      const start = addDays(monday(last), period === 'week' ? 0 : -7);
      return { from: format(start), to: format(addDays(start, 6)) };
    }
    case 'month':
    case 'prevMonth': {
      const offset = period === 'month' ? 0 : -1;
      const start = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + offset, 1));
      const end = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + offset + 1, 0));
      return { from: format(start), to: format(end) };
    }
  }
}

/** The period the form's dates are, if they are one of them (the button shown as chosen). */
export function periodOf(range: DayRange, days: ArchiveDays): StatsPeriod | null {
  return (
    STATS_PERIODS.find((p) => {
      const r = periodRange(p, days);
      return r.from === range.from && r.to === range.to;
    }) ?? null
  );
}
