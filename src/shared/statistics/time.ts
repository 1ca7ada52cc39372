// Periods in the display time zone: a call belongs to the interval that
// contains its start, read on the zone's wall clock (luxon / IANA rules).
import { DateTime, IANAZone } from 'luxon';
import type { Grouping, ReportedParameters, StatsParameters } from './types';

/** The luxon format of each time grouping's key (the SQL implementation writes the same with strftime). */
export const TIME_KEY_FORMAT: Partial<Record<Grouping, string>> = {
  hour: 'yyyy-MM-dd HH',
  day: 'yyyy-MM-dd',
  week: "kkkk-'W'WW",
  month: 'yyyy-MM',
  hourofday: 'HH',
  weekday: 'c',
};

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The key of a time grouping for an instant (epoch ms) in the zone. */
export function timeKey(grouping: Grouping, ms: number, zone: string): string {
  const format = TIME_KEY_FORMAT[grouping];
  if (format === undefined) throw new Error(`${grouping} is not a time grouping`);
  return DateTime.fromMillis(ms, { zone }).toFormat(format);
}

/** Wall-clock units of the contiguous time groupings, for keyRangeMs. */
const KEY_UNIT = { hour: 'hour', day: 'day', week: 'week', month: 'month' } as const;
/** More than any zone's offset change: a key's range widened by it holds every instant with that key. */
const KEY_RANGE_MARGIN_MS = 3 * 3_600_000;

/**
 * Epoch-ms bounds [from, to) that hold every instant whose key in the zone is `key`, with a margin
 * (daylight-saving changes); null for the keys that are not one stretch of time (hour of day, weekday)
 * or a key that does not parse. Narrows a search; the key's own condition decides.
 */
export function keyRangeMs(grouping: Grouping, key: string, zone: string): [number, number] | null {
  const unit = (KEY_UNIT as Partial<Record<Grouping, KeyUnit>>)[grouping];
  const stretch = unit === undefined ? null : keyStretch(unit, key, zone);
  return stretch && [stretch[0] - KEY_RANGE_MARGIN_MS, stretch[1] + KEY_RANGE_MARGIN_MS];
}

type KeyUnit = (typeof KEY_UNIT)[keyof typeof KEY_UNIT];

/** A contiguous key's [first wall-clock instant, the next key's first) in the zone; null when it does not parse. */
function keyStretch(unit: KeyUnit, key: string, zone: string): [number, number] | null {
  const format = TIME_KEY_FORMAT[unit];
  const start = format === undefined ? null : DateTime.fromFormat(key, format, { zone });
  return start?.isValid ? [start.toMillis(), start.plus({ [unit]: 1 }).toMillis()] : null;
}

/**
 * Exactly the stretch of time [from, to) (epoch ms) of a day, week or month key in the zone: from
 * its first wall-clock midnight to the next one's, daylight-saving changes included. Null for a key
 * that does not parse. (Hour keys are left out: the autumn change's repeated hour is two stretches.)
 */
export function keyIntervalMs(grouping: 'day' | 'week' | 'month', key: string, zone: string): [number, number] | null {
  return keyStretch(grouping, key, zone);
}

/**
 * A period boundary as the user writes it: an instant with an offset or Z, or a local
 * date / date-time (read on the display zone's wall clock). Returns epoch ms, or null when
 * it is not ISO 8601.
 */
export function parseBoundary(text: string, zone: string): number | null {
  const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text.trim()) && /T/.test(text);
  const dt = hasOffset ? DateTime.fromISO(text.trim(), { setZone: true }) : DateTime.fromISO(text.trim(), { zone });
  return dt.isValid ? dt.toMillis() : null;
}

/** A stretch of time over which the zone's offset is constant: until (exclusive, epoch ms) and its offset in ms. */
export interface OffsetSegment {
  untilMs: number;
  offsetMs: number;
}

const DAY_MS = 86_400_000;
const offsetAt = (zone: IANAZone, ms: number): number => zone.offset(ms) * 60_000;

/**
 * The zone's offset over [fromMs, toMs] as segments (the last one open-ended, untilMs
 * Infinity): local time = UTC + offset, so the SQL implementation can read local wall-clock
 * keys with strftime on start_ms + offset. Steps a day at a time and finds each change to the
 * millisecond by bisection.
 */
export function offsetSegments(zoneName: string, fromMs: number, toMs: number): OffsetSegment[] {
  const zone = IANAZone.create(zoneName);
  const out: OffsetSegment[] = [];
  let t = fromMs;
  let current = offsetAt(zone, t);
  while (t < toMs) {
    const next = Math.min(t + DAY_MS, toMs);
    if (offsetAt(zone, next) !== current) {
      let lo = t;
      let hi = next; // offset(lo) = current, offset(hi) differs: the change is in (lo, hi]
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(zone, mid) === current) lo = mid;
        else hi = mid;
      }
      out.push({ untilMs: hi, offsetMs: current });
      current = offsetAt(zone, hi);
      t = hi;
    } else {
      t = next;
    }
  }
  out.push({ untilMs: Infinity, offsetMs: current });
  return out;
}

/** An instant as ISO 8601 with the display zone's offset (e.g. 2026-03-27T09:00:00.000+01:00). */
export function isoInZone(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO() ?? new Date(ms).toISOString();
}

export function reportedParameters(p: StatsParameters): ReportedParameters {
  const { fromMs, toMs, ...rest } = p;
  return {
    ...rest,
    from: fromMs === null ? null : isoInZone(fromMs, p.timeZone),
    to: toMs === null ? null : isoInZone(toMs, p.timeZone),
  };
}
