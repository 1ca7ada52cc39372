import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { hourIsUniform, offsetText, ZoneClock } from '../../src/main/export/zone-clock';

describe('ZoneClock', () => {
  it('writes the offset that applies at each instant across a DST change (Copenhagen, 29 March 2026)', () => {
    const c = new ZoneClock('Europe/Copenhagen');
    expect(c.iso(Date.parse('2026-03-29T00:59:59.500Z'))).toBe('2026-03-29T01:59:59.500+01:00');
    expect(c.iso(Date.parse('2026-03-29T01:00:00.000Z'))).toBe('2026-03-29T03:00:00.000+02:00');
    expect(c.local(Date.parse('2026-10-25T00:30:00Z'))).toBe('2026-10-25 02:30:00');
    expect(c.local(Date.parse('2026-10-25T01:30:00Z'))).toBe('2026-10-25 02:30:00');
    expect(c.iso(Date.parse('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30:00.000+01:00');
  });

  it('is exact in an hour whose offset changes on the half hour (Lord Howe)', () => {
    const zone = IANAZone.create('Australia/Lord_Howe');
    // 5 April 2026, 02:00 local (+11:00) the clock goes back to 01:30 (+10:30): 15:00 UTC on 4 April.
    const change = Date.parse('2026-04-04T15:00:00Z');
    expect(hourIsUniform(zone, Math.floor((change - 1) / 3_600_000))).toBe(true);
    const c = new ZoneClock('Australia/Lord_Howe');
    for (let t = change - 7_200_000; t < change + 7_200_000; t += 60_000)
      expect(c.offsetMs(t), new Date(t).toISOString()).toBe(zone.offset(t) * 60_000);
  });

  it('matches luxon at random instants in zones with odd offsets', () => {
    for (const name of ['Asia/Kathmandu', 'America/St_Johns', 'Europe/Copenhagen', 'UTC', 'Australia/Lord_Howe']) {
      const zone = IANAZone.create(name);
      const c = new ZoneClock(name);
      let t = Date.parse('2020-01-01T00:00:00Z');
      for (let i = 0; i < 300; i++) {
        t += 1_000_003_000 + i * 7_777;
        expect(c.offsetMs(t)).toBe(zone.offset(t) * 60_000);
      }
    }
  });

  it('offsets read +hh:mm / -hh:mm', () => {
    expect(offsetText(0)).toBe('+00:00');
    expect(offsetText(-3.5 * 3_600_000)).toBe('-03:30');
    expect(offsetText(5.75 * 3_600_000)).toBe('+05:45');
  });

  it('refuses an unknown zone in one line', () => {
    expect(() => new ZoneClock('Nowhere/Else')).toThrow(/unknown time zone "Nowhere\/Else"/);
  });
});
