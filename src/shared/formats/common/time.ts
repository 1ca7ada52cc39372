// Timestamps as the platforms write them → UTC epoch milliseconds.
// Epoch seconds and milliseconds (numbers or digit strings), ISO 8601 with or
// without an offset, and SQL-style "YYYY-MM-DD hh:mm:ss[.ffffff][+hh[:mm]]".
// Times without an offset are local times of `zone` (the solution's zone).
import { DateTime } from 'luxon';

/** Below this a number is taken as seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_LIMIT = 1e11;

const NUMERIC = /^[+-]?\d+(\.\d+)?$/;
const SQL_LIKE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** The ECMAScript Date range: times outside it cannot be written as ISO. */
export const MAX_MS = 8.64e15;
export const isValidMs = (ms: number): boolean => Number.isFinite(ms) && Math.abs(ms) <= MAX_MS;

export function epochToMs(n: number): number | null {
  if (!Number.isFinite(n)) return null;
  const ms = Math.round(Math.abs(n) < SECONDS_LIMIT ? n * 1000 : n);
  return isValidMs(ms) ? ms : null;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** null when the value is empty or not a time we can read. */
// eslint-disable-next-line complexity -- one branch per accepted time notation, each with a reader test
export function parseInstant(value: unknown, zone = 'UTC'): number | null {
  if (typeof value === 'number') return epochToMs(value);
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s === '') return null;
  if (NUMERIC.test(s)) return epochToMs(Number(s));
  const m = SQL_LIKE.exec(s);
  if (!m) {
    // Other ISO forms (week dates, ordinal dates, basic format): luxon.
    const dt = DateTime.fromISO(s, { zone });
    return dt.isValid ? dt.toMillis() : null;
  }
  const [y, mo, d] = (m[1] as string).split('-').map(Number) as [number, number, number];
  const [h, mi, sec = 0] = (m[2] as string).split(':').map(Number) as [number, number, number?];
  const ms = m[3] ? Number(m[3].slice(0, 3).padEnd(3, '0')) : 0;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && !leap ? 28 : (DAYS[mo - 1] ?? 0)) || h > 23 || mi > 59 || sec > 59)
    return null;
  const off = m[4];
  // With an offset (or UTC zone) the instant is plain arithmetic, the fast path for large exports.
  if (off || zone === 'UTC') {
    let offMin = 0;
    if (off && off.toUpperCase() !== 'Z') {
      const sign = off[0] === '-' ? -1 : 1;
      const digits = off.slice(1).replace(':', '');
      offMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
    }
    // Date.UTC maps years 0–99 to 1900–1999: set the year separately.
    const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, sec, ms));
    date.setUTCFullYear(y);
    const t = date.getTime() - offMin * 60_000;
    return isValidMs(t) ? t : null;
  }
  // A local time of the solution's zone (luxon applies its DST rules).
  const dt = DateTime.fromObject(
    { year: y, month: mo, day: d, hour: h, minute: mi, second: sec, millisecond: ms },
    { zone },
  );
  return dt.isValid ? dt.toMillis() : null;
}

/** Seconds (number or numeric string) → number; null when absent or not a finite number. */
export function parseSeconds(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || !NUMERIC.test(value.trim())) return null;
  return Number(value.trim());
}

export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}
