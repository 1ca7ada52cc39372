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

/** null when the value is empty or not a time we can read. */
export function parseInstant(value: unknown, zone = 'UTC'): number | null {
  if (typeof value === 'number') return epochToMs(value);
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s === '') return null;
  if (NUMERIC.test(s)) return epochToMs(Number(s));
  const m = SQL_LIKE.exec(s);
  let iso = s;
  if (m) {
    // Normalise to ISO: luxon's ISO parser takes at most millisecond precision reliably.
    const frac = m[3] ? `.${m[3].slice(0, 3).padEnd(3, '0')}` : '';
    let off = m[4] ?? '';
    if (/^[+-]\d{2}$/.test(off)) off += ':00';
    else if (/^[+-]\d{4}$/.test(off)) off = `${off.slice(0, 3)}:${off.slice(3)}`;
    iso = `${m[1]}T${m[2]}${frac}${off.toUpperCase()}`;
  }
  const dt = DateTime.fromISO(iso, { zone, setZone: false });
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
