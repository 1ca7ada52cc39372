// The fast local-time formatter agrees with luxon, also around DST changes.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/shared/simulator/prng';
import { LocalClock } from '../../src/shared/simulator/time';

describe('LocalClock', () => {
  it.each(['Europe/Copenhagen', 'Europe/Oslo', 'Europe/Stockholm', 'America/New_York', 'UTC'])(
    'formats like luxon in %s',
    (zone) => {
      const clock = new LocalClock(zone);
      const rng = new Rng(9);
      const from = Date.UTC(2026, 0, 1);
      const span = 365 * 86_400_000;
      const mismatches: string[] = [];
      let t = from;
      for (let i = 0; i < 20_000; i++) {
        // Mostly small steps (as within a call), sometimes jumps (as between calls).
        t = rng.chance(0.9) ? t + rng.int(0, 120_000) : from + Math.floor(rng.next() * span);
        const expected = DateTime.fromMillis(t, { zone }).toFormat('yyyy-MM-dd HH:mm:ss.SSS');
        const got = clock.format(t);
        if (got !== expected && mismatches.length < 5) mismatches.push(`${t}: ${got} ≠ ${expected}`);
      }
      expect(mismatches).toEqual([]);
    },
  );

  it('turns local wall-clock times back into UTC', () => {
    const clock = new LocalClock('Europe/Copenhagen');
    const local = Date.UTC(2026, 6, 1, 9, 30);
    expect(new Date(clock.localToUtc(local)).toISOString()).toBe('2026-07-01T07:30:00.000Z');
    expect(new Date(clock.localToUtc(Date.UTC(2026, 0, 5))).toISOString()).toBe('2026-01-04T23:00:00.000Z');
  });
});
