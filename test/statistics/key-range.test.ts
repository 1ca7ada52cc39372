// The drill-down narrows a time key to its stretch of time (keyRangeMs) before the key's own
// condition: the range must hold every instant with that key, daylight-saving changes included.
import { describe, expect, it } from 'vitest';
import { keyRangeMs, timeKey, type Grouping } from '../../src/shared/statistics';

const ZONE = 'Europe/Copenhagen';

describe('keyRangeMs', () => {
  it('holds every minute whose key it is, across both daylight-saving changes, for hour, day, week, month', () => {
    const groupings: Grouping[] = ['hour', 'day', 'week', 'month'];
    // Minutes around the spring (29 March) and autumn (25 October 2026) changes, and a year's end.
    const starts = ['2026-03-28T20:00:00Z', '2026-10-24T20:00:00Z', '2026-12-31T20:00:00Z'].map(Date.parse);
    let checked = 0;
    for (const start of starts)
      for (let ms = start; ms < start + 12 * 3_600_000; ms += 60_000)
        for (const g of groupings) {
          const range = keyRangeMs(g, timeKey(g, ms, ZONE), ZONE);
          expect(range, `${g} ${new Date(ms).toISOString()}`).not.toBeNull();
          expect(ms).toBeGreaterThanOrEqual(range![0]);
          expect(ms).toBeLessThan(range![1]);
          checked++;
        }
    expect(checked).toBe(3 * 12 * 60 * 4);
  });

  it('the repeated autumn hour holds both of its real hours; a day is a day plus the margin', () => {
    const [from, to] = keyRangeMs('hour', '2026-10-25 02', ZONE)!;
    expect(from).toBeLessThanOrEqual(Date.parse('2026-10-25T00:00:00Z')); // 02:00 CEST
    expect(to).toBeGreaterThan(Date.parse('2026-10-25T01:59:59Z')); // 02:59 CET
    const day = keyRangeMs('day', '2026-03-02', 'UTC')!;
    expect(day).toEqual([Date.parse('2026-03-01T21:00:00Z'), Date.parse('2026-03-03T03:00:00Z')]);
  });

  it('no range for hour of day, weekday, or a key that does not parse', () => {
    expect(keyRangeMs('hourofday', '08', ZONE)).toBeNull();
    expect(keyRangeMs('weekday', '3', ZONE)).toBeNull();
    expect(keyRangeMs('day', 'not a day', ZONE)).toBeNull();
  });
});
