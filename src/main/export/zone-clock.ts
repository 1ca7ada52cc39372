// Wall-clock times of one IANA zone for export rows, fast: a million-call export
// formats four instants per call, far beyond luxon's per-instant speed. The zone
// offset is looked up once per UTC hour (`hourIsUniform`), and exactly for the rare
// hour in which it changes (Lord Howe's half-hour shift, historical odd offsets).
import { IANAZone } from 'luxon';

const HOUR = 3_600_000;
const PAD2: string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3: string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** One-line error for a zone name luxon/Intl does not know. */
export class UnknownTimeZone extends Error {
  constructor(zone: string) {
    super(`unknown time zone "${zone}" (use an IANA name such as Europe/Copenhagen, or UTC)`);
  }
}

export class ZoneClock {
  private readonly zone: IANAZone;
  /** UTC hour → offset in ms, or null when the offset changes inside that hour. */
  private readonly byHour = new Map<number, number | null>();
  /** Wall-clock minute → "YYYY-MM-DD hh:mm:" (a call's instants share few minutes; Date work once per minute). */
  private readonly prefixByMinute = new Map<number, string>();

  constructor(readonly timeZone: string) {
    if (!IANAZone.isValidZone(timeZone)) throw new UnknownTimeZone(timeZone);
    this.zone = IANAZone.create(timeZone);
  }

  /** Offset of the zone's wall clock from UTC at the instant, in ms. */
  offsetMs(utc: number): number {
    const hour = Math.floor(utc / HOUR);
    let cached = this.byHour.get(hour);
    if (cached === undefined) {
      cached = hourIsUniform(this.zone, hour) ? this.zone.offset(hour * HOUR) * 60_000 : null;
      if (this.byHour.size > 200_000) this.byHour.clear(); // constant memory over decades of calls
      this.byHour.set(hour, cached);
    }
    return cached ?? this.zone.offset(utc) * 60_000;
  }

  /** The wall-clock time as if it were UTC ms (what spreadsheets store as a zone-less date). */
  wallMs(utc: number): number {
    return utc + this.offsetMs(utc);
  }

  /** "2026-03-29 03:15:07": the zone's wall clock to the second (what a spreadsheet shows). */
  local(utc: number): string {
    return this.wallText(this.wallMs(utc)).slice(0, 19);
  }

  /** "YYYY-MM-DD hh:mm:ss.nnn" of wall-clock ms. */
  private wallText(wall: number): string {
    const minute = Math.floor(wall / 60_000);
    let prefix = this.prefixByMinute.get(minute);
    if (prefix === undefined) {
      prefix = wallText(minute * 60_000).slice(0, 17);
      if (this.prefixByMinute.size > 100_000) this.prefixByMinute.clear();
      this.prefixByMinute.set(minute, prefix);
    }
    const ms = wall - minute * 60_000;
    return prefix + PAD2[Math.floor(ms / 1000)] + '.' + PAD3[ms % 1000];
  }

  /** "2026-03-29T03:15:07.250+02:00": ISO 8601 in the zone, with the offset that applies at that instant. */
  iso(utc: number): string {
    const off = this.offsetMs(utc);
    return this.wallText(utc + off).replace(' ', 'T') + offsetText(off);
  }
}

/**
 * The named heuristic behind the per-hour cache: an hour whose first and last millisecond have
 * the same offset has one offset throughout (zones change offset at most once within an hour).
 */
export function hourIsUniform(zone: IANAZone, hour: number): boolean {
  return zone.offset(hour * HOUR) === zone.offset((hour + 1) * HOUR - 1);
}

/** "+02:00", "-03:30", "+00:00" (ISO 8601 writes UTC as +00:00 here, so every value has the same shape). */
export function offsetText(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${offsetMs < 0 ? '-' : '+'}${PAD2[Math.floor(minutes / 60)] ?? '00'}:${PAD2[minutes % 60]}`;
}

/** "YYYY-MM-DD hh:mm:ss.nnn" of wall-clock ms (years 0–9999). */
function wallText(wall: number): string {
  const d = new Date(wall);
  return (
    `${String(d.getUTCFullYear()).padStart(4, '0')}-${PAD2[d.getUTCMonth() + 1]}-${PAD2[d.getUTCDate()]} ` +
    `${PAD2[d.getUTCHours()]}:${PAD2[d.getUTCMinutes()]}:${PAD2[d.getUTCSeconds()]}.${PAD3[d.getUTCMilliseconds()]}`
  );
}
