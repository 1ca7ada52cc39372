// Local wall-clock timestamps of the export (`YYYY-MM-DD hh:mm:ss[.nnn]`, no
// offset) → UTC epoch ms in the solution's IANA zone.
//
// DST rule (same as java.time.ZonedDateTime.of, documented in docs/formats/call-events.md):
//  - a local time that does not exist (the spring-forward gap, e.g. 02:30 on the
//    last Sunday of March in Europe/Oslo) is read with the offset in force BEFORE
//    the gap, i.e. shifted forward by the gap's length (02:30 → 03:30 CEST = 01:30Z);
//  - a local time that occurs twice (the fall-back hour) is the EARLIER instant
//    (summer time), unless the caller passes `notBefore` and the earlier instant
//    lies before it: then the later instant is taken. The reader passes the row's
//    dte_start as `notBefore` for dte_speak_start, so a conversation that runs
//    across the fall-back keeps its speak start after its start.
import { IANAZone } from 'luxon';

/** The zone name is not an IANA zone luxon/Intl knows. */
export class InvalidTimeZoneError extends Error {
  constructor(readonly zoneName: string) {
    super(`unknown time zone "${zoneName}": give an IANA name such as Europe/Copenhagen or Europe/Oslo`);
    this.name = 'InvalidTimeZoneError';
  }
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Parses `YYYY-MM-DD hh:mm[:ss[.fraction]]` (also with `T`), optionally followed by
 * `Z` or `±hh[:mm]`. Returns the wall-clock fields as if they were UTC ("local ms"),
 * plus the explicit offset in minutes when the text carries one. NaN when unparsable.
 * Char-code arithmetic instead of a regex: this runs twice per row.
 */
// eslint-disable-next-line complexity -- one branch per accepted wall-clock notation, each with a reader test
export function parseWallClock(text: string): { localMs: number; offsetMin: number | null } | null {
  const s = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32 ? text.trim() : text;
  const n = s.length;
  if (n < 16) return null;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const sep = s.charCodeAt(10);
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    s[4] !== '-' ||
    s[7] !== '-' ||
    s[13] !== ':' ||
    (sep !== 32 && sep !== 84) /* T */
  ) {
    return null;
  }
  let i = 16;
  let second = 0;
  let ms = 0;
  if (i < n && s[i] === ':') {
    second = digits(s, i + 1, 2);
    if (second < 0 || second > 59) return null;
    i += 3;
    if (i < n && (s[i] === '.' || s[i] === ',')) {
      i++;
      let scale = 100;
      const fracStart = i;
      while (i < n) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        ms += c * scale;
        scale /= 10;
        i++;
      }
      if (i === fracStart) return null;
      ms = Math.round(ms);
    }
  }
  let offsetMin: number | null = null;
  if (i < n) {
    const c = s[i];
    if (c === 'Z' || c === 'z') {
      offsetMin = 0;
      i++;
    } else if (c === '+' || c === '-') {
      const oh = digits(s, i + 1, 2);
      let j = i + 3;
      if (s[j] === ':') j++;
      const om = j < n ? digits(s, j, 2) : 0;
      if (oh < 0 || om < 0) return null;
      offsetMin = (c === '-' ? -1 : 1) * (oh * 60 + om);
      i = j < n ? j + 2 : j;
    }
    if (i !== n) return null;
  }
  // Date.UTC would roll 2024-02-31 over to March: reject instead of guessing.
  if (day > 28 && day > daysInMonth(year, month)) return null;
  return { localMs: Date.UTC(year, month - 1, day, hour, minute, second, ms), offsetMin };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let k = from; k < from + count; k++) {
    const c = s.charCodeAt(k) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Converts local wall-clock ms of one zone to UTC ms, caching one offset per regular local hour. */
export class ZoneClock {
  private readonly zone: IANAZone;
  /** local hour index → offset in minutes, or NaN when the hour contains a transition. */
  private readonly hourOffsets = new Map<number, number>();

  constructor(readonly zoneName: string) {
    if (!IANAZone.isValidZone(zoneName)) throw new InvalidTimeZoneError(zoneName);
    this.zone = IANAZone.create(zoneName);
  }

  /** UTC ms of a wall-clock time (given as "local ms"); see the DST rule at the top of this file. */
  toUtc(localMs: number, notBefore?: number): number {
    const hourKey = Math.floor(localMs / HOUR);
    let offset = this.hourOffsets.get(hourKey);
    if (offset === undefined) {
      offset = this.regularHourOffset(hourKey);
      if (this.hourOffsets.size > 200_000) this.hourOffsets.clear();
      this.hourOffsets.set(hourKey, offset);
    }
    if (!Number.isNaN(offset)) return localMs - offset * 60_000;
    return this.resolve(localMs, notBefore);
  }

  private validOffsets(localMs: number): number[] {
    // Offsets in force a day before and after: transitions are months apart.
    const candidates = new Set([
      this.zone.offset(localMs - DAY),
      this.zone.offset(localMs),
      this.zone.offset(localMs + DAY),
    ]);
    const valid: number[] = [];
    for (const o of candidates) if (this.zone.offset(localMs - o * 60_000) === o) valid.push(o);
    return valid.sort((a, b) => b - a); // larger offset first = earlier instant
  }

  private regularHourOffset(hourKey: number): number {
    const first = this.validOffsets(hourKey * HOUR);
    const last = this.validOffsets(hourKey * HOUR + HOUR - 1);
    if (first.length === 1 && last.length === 1 && first[0] === last[0]) return first[0] as number;
    return NaN;
  }

  private resolve(localMs: number, notBefore?: number): number {
    const valid = this.validOffsets(localMs);
    if (valid.length === 0) {
      // Gap: the offset before the transition (shift forward by the gap length).
      return localMs - this.zone.offset(localMs - DAY) * 60_000;
    }
    const earlier = localMs - (valid[0] as number) * 60_000;
    if (valid.length > 1 && notBefore !== undefined && earlier < notBefore) {
      return localMs - (valid[valid.length - 1] as number) * 60_000;
    }
    return earlier;
  }
}

/**
 * A timestamp cell → UTC ms. Explicit offsets (`Z`, `+01:00`) are honoured;
 * otherwise the wall clock is read in the zone. null when unparsable.
 */
export function cellToUtc(clock: ZoneClock, text: string, notBefore?: number): number | null {
  const p = parseWallClock(text);
  if (!p) return null;
  if (p.offsetMin !== null) return p.localMs - p.offsetMin * 60_000;
  return clock.toUtc(p.localMs, notBefore);
}
