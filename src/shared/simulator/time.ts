// Local wall-clock time of the solution's zone, fast: the export writes three
// timestamps per row at ~700k rows/s, far beyond luxon's formatting speed, so
// the zone offset is looked up once per UTC hour (offsets change on whole hours
// in every zone this product meets) and the digits are assembled from tables.
import { IANAZone } from 'luxon';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const PAD2: string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3: string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

export class LocalClock {
  readonly zone: IANAZone;
  private readonly offsetByHour = new Map<number, number>();
  private readonly dateByDay = new Map<number, string>();
  private lastHour = NaN;
  private lastOffset = 0;
  private lastDay = NaN;
  private lastDate = '';
  private lastMinute = NaN;
  private lastPrefix = '';

  constructor(readonly timeZone: string) {
    if (!IANAZone.isValidZone(timeZone))
      throw new Error(`unknown time zone "${timeZone}" (use an IANA name such as Europe/Copenhagen)`);
    this.zone = IANAZone.create(timeZone);
  }

  /** Offset of local time from UTC in ms at the UTC instant `utc`. */
  offsetMs(utc: number): number {
    const hour = Math.floor(utc / HOUR);
    if (hour === this.lastHour) return this.lastOffset;
    let off = this.offsetByHour.get(hour);
    if (off === undefined) {
      off = this.zone.offset(hour * HOUR) * 60_000;
      this.offsetByHour.set(hour, off);
    }
    this.lastHour = hour;
    this.lastOffset = off;
    return off;
  }

  /** Local wall-clock ms (as if the local time were UTC): for hour-of-day and weekday. */
  local(utc: number): number {
    return utc + this.offsetMs(utc);
  }

  /** `YYYY-MM-DD hh:mm:ss.nnn` in the zone. */
  format(utc: number): string {
    const local = utc + this.offsetMs(utc);
    // Timestamps of one call lie close together: the "date hh:mm:" prefix is reused per minute.
    const minute = Math.floor(local / 60_000);
    if (minute !== this.lastMinute) {
      const day = Math.floor(local / DAY);
      let date = this.lastDate;
      if (day !== this.lastDay) {
        date = this.dateByDay.get(day) ?? new Date(day * DAY).toISOString().slice(0, 10);
        this.dateByDay.set(day, date);
        this.lastDay = day;
        this.lastDate = date;
      }
      const minOfDay = minute - day * 1440;
      this.lastMinute = minute;
      this.lastPrefix = `${date} ${PAD2[(minOfDay / 60) | 0]}:${PAD2[minOfDay % 60]}:`;
    }
    const msOfMinute = local - minute * 60_000;
    return this.lastPrefix + PAD2[(msOfMinute / 1000) | 0] + '.' + PAD3[msOfMinute % 1000];
  }

  /** UTC instant of a local wall-clock time given as local ms (day * DAY + time of day). */
  localToUtc(localMs: number): number {
    // Two passes settle the offset except inside a spring-forward gap (then the later offset wins).
    let utc = localMs - this.offsetMs(localMs);
    utc = localMs - this.offsetMs(utc);
    return utc;
  }
}

/** Local day number (days since 1970-01-01) and ISO weekday (1 = Monday) of local ms. */
export function localDayOf(localMs: number): number {
  return Math.floor(localMs / DAY);
}
export function weekdayOfLocalDay(localDay: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((localDay + 3) % 7) + 7) % 7) + 1;
}

export const MS = { HOUR, DAY, MIN: 60_000, SEC: 1000 } as const;
