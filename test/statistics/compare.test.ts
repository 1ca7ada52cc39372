// "How did we do this week?": a period's headline figures beside the period before's.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { compareKpis, comparisonRange, previousRange } from '../../src/shared/statistics';
import { figures } from './figures-fixture';

describe('the period before', () => {
  it('a week: the seven days before it', () => {
    expect(previousRange({ from: '2026-03-09', to: '2026-03-15' })).toEqual({ from: '2026-03-02', to: '2026-03-08' });
  });

  it('a whole calendar month: the calendar month before (not as many days)', () => {
    expect(previousRange({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousRange({ from: '2026-01-01', to: '2026-01-31' })).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('any other range: as many days immediately before, across a month end', () => {
    expect(previousRange({ from: '2026-03-01', to: '2026-03-03' })).toEqual({ from: '2026-02-26', to: '2026-02-28' });
    expect(previousRange({ from: '2026-03-12', to: '2026-03-12' })).toEqual({ from: '2026-03-11', to: '2026-03-11' });
  });

  it('none without two dates in order', () => {
    expect(previousRange({ from: '', to: '2026-03-12' })).toBeNull();
    expect(previousRange({ from: '2026-03-12', to: '2026-03-11' })).toBeNull();
    expect(previousRange({ from: '2026-02-30', to: '2026-03-11' })).toBeNull();
  });
});

describe("like for like: a period past the archive's newest call", () => {
  const CPH = 'Europe/Copenhagen';
  const newest = (local: string, zone = CPH) => ({
    start: DateTime.fromISO(local, { zone }).toUTC().toISO() as string,
    timeZone: zone,
  });

  it('the latest week on a Monday morning compares with the Monday before up to the same second, not all of it', () => {
    // The audit: the newest call Monday 19 Jan 2026 11:37:16; the latest week held one morning.
    expect(comparisonRange({ from: '2026-01-19', to: '2026-01-25' }, newest('2026-01-19T11:37:16.250'))).toEqual({
      range: { from: '2026-01-12', to: '2026-01-12' },
      cut: true,
      kind: 'week',
      through: '2026-01-12 11:37:16',
      // The newest call's own millisecond is in the period shown: the bound is exclusive, 1 ms after it.
      until: '2026-01-12T10:37:16.251Z',
      newest: '2026-01-19 11:37:16',
    });
  });

  it('a Thursday: Monday 00:00 to Thursday at the same time of day of the week before', () => {
    const c = comparisonRange({ from: '2026-03-09', to: '2026-03-15' }, newest('2026-03-12T16:05:00'));
    expect(c).toMatchObject({ range: { from: '2026-03-02', to: '2026-03-05' }, cut: true });
    expect(c?.until).toBe('2026-03-05T15:05:00.001Z');
  });

  it("on the display zone's wall clock across a daylight-saving change, not 7 × 24 hours back", () => {
    // Monday 30 March 11:37 CEST (09:37Z); the Monday before is in CET: 11:37 there is 10:37Z.
    const c = comparisonRange({ from: '2026-03-30', to: '2026-04-05' }, newest('2026-03-30T11:37:16'));
    expect(c).toMatchObject({ range: { from: '2026-03-23', to: '2026-03-23' }, through: '2026-03-23 11:37:16' });
    expect(c?.until).toBe('2026-03-23T10:37:16.001Z');
    // The same in UTC keeps the instant 7 days back.
    expect(comparisonRange({ from: '2026-03-30', to: '2026-04-05' }, newest('2026-03-30T09:37:16', 'UTC'))?.until).toBe(
      '2026-03-23T09:37:16.001Z',
    );
  });

  it('a wall time the day of the cut does not have (the spring change) moves past the missing hour', () => {
    // Sunday 5 April 02:30 CEST; Sunday 29 March has no 02:30 in Copenhagen: 03:30 CEST, as long after midnight.
    const c = comparisonRange({ from: '2026-03-30', to: '2026-04-05' }, newest('2026-04-05T02:30:00'));
    expect(c).toMatchObject({ range: { from: '2026-03-23', to: '2026-03-29' }, through: '2026-03-29 03:30:00' });
    expect(c?.until).toBe('2026-03-29T01:30:00.001Z');
  });

  it("the period's last day holds the newest call: cut at its time too (a part day is not a whole day)", () => {
    // The hand-written archive: newest call Sunday 29 March 10:30 CEST; 28–29 March compares with 26 March
    // 00:00 to 27 March 10:30 CET.
    expect(comparisonRange({ from: '2026-03-28', to: '2026-03-29' }, newest('2026-03-29T10:30:00'))).toMatchObject({
      range: { from: '2026-03-26', to: '2026-03-27' },
      cut: true,
      kind: 'days',
      through: '2026-03-27 10:30:00',
      until: '2026-03-27T09:30:00.001Z',
    });
  });

  it('a month to date compares with as many days of the month before, to the same time', () => {
    expect(comparisonRange({ from: '2026-03-01', to: '2026-03-31' }, newest('2026-03-12T08:00:00'))).toMatchObject({
      range: { from: '2026-02-01', to: '2026-02-12' },
      cut: true,
      kind: 'month',
      through: '2026-02-12 08:00:00',
    });
    // The 31st against February: the cut would fall after it, so all of February.
    expect(comparisonRange({ from: '2026-03-01', to: '2026-03-31' }, newest('2026-03-31T08:00:00'))).toMatchObject({
      range: { from: '2026-02-01', to: '2026-02-28' },
      cut: false,
      until: null,
    });
  });

  it('a period the archive covers to its end (or one outside it) compares with the whole period before', () => {
    const week = { from: '2026-03-02', to: '2026-03-08' };
    expect(comparisonRange(week, newest('2026-03-12T10:00:00'))).toEqual({
      range: { from: '2026-02-23', to: '2026-03-01' },
      cut: false,
      kind: 'week',
      through: null,
      until: null,
      newest: null,
    });
    expect(comparisonRange(week, newest('2026-03-09T00:00:00'))?.cut).toBe(false);
    expect(comparisonRange(week, newest('2026-02-20T10:00:00'))?.cut).toBe(false);
    expect(comparisonRange(week, null)?.cut).toBe(false);
    expect(comparisonRange({ from: '', to: '' }, newest('2026-03-12T10:00:00'))).toBeNull();
  });
});

describe('headline figures compared', () => {
  const now = figures({
    offered: 1100,
    serviceLevelPct: 78.4,
    answerRatePct: 90,
    abandonRatePct: 6.25,
    asaSec: 14,
    avgTalkSec: 200,
  });
  const before = figures({
    offered: 1000,
    serviceLevelPct: 80,
    answerRatePct: 90,
    abandonRatePct: 5,
    asaSec: 18.5,
    avgTalkSec: 190,
  });

  it('counts change in per cent, rates in points, times in seconds', () => {
    const byName = Object.fromEntries(compareKpis(now, before).map((k) => [k.name, k]));
    expect(byName.offered).toMatchObject({ value: 1100, previous: 1000, kind: 'percent', change: 10 });
    expect(byName.serviceLevelPct).toMatchObject({ kind: 'points', change: -1.6 });
    expect(byName.abandonRatePct).toMatchObject({ kind: 'points', change: 1.3 });
    expect(byName.asaSec).toMatchObject({ kind: 'seconds', change: -4.5 });
    expect(byName.avgTalkSec).toMatchObject({ kind: 'seconds', change: 10 });
  });

  it('better or worse by what the figure means: a higher service level is better, a longer wait worse', () => {
    const verdict = Object.fromEntries(compareKpis(now, before).map((k) => [k.name, k.verdict]));
    expect(verdict).toEqual({
      offered: null,
      serviceLevelPct: 'worse',
      answerRatePct: 'same',
      abandonRatePct: 'worse',
      asaSec: 'better',
      avgTalkSec: null,
    });
  });

  it('no change where a figure is missing or a count had no calls before', () => {
    const rows = compareKpis(now, figures({}));
    expect(rows.find((k) => k.name === 'offered')).toMatchObject({ previous: 0, change: null, verdict: null });
    expect(rows.find((k) => k.name === 'serviceLevelPct')).toMatchObject({ previous: null, change: null });
    expect(compareKpis(now, null).every((k) => k.previous === null && k.change === null)).toBe(true);
  });
});
