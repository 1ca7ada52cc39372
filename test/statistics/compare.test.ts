// "How did we do this week?": a period's headline figures beside the period before's.
import { describe, expect, it } from 'vitest';
import { compareKpis, comparisonRange, previousRange, type QueueFigures } from '../../src/shared/statistics';

const figures = (over: Partial<QueueFigures>): QueueFigures => ({
  offered: 0,
  answered: 0,
  abandoned: 0,
  unanswered: 0,
  deleted: 0,
  rejected: 0,
  pending: 0,
  shortAbandoned: 0,
  callbacksRequested: 0,
  callbacksAnswered: 0,
  answeredWithinSl: 0,
  abandonedWithinSl: 0,
  serviceLevelPct: null,
  answerRatePct: null,
  abandonRatePct: null,
  asaSec: null,
  maxWaitSec: null,
  avgTalkSec: null,
  ...over,
});

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

describe("like for like: a period past the archive's newest day", () => {
  it('the latest week on a Thursday compares with Monday to Thursday of the week before', () => {
    expect(comparisonRange({ from: '2026-03-09', to: '2026-03-15' }, '2026-03-12')).toEqual({
      range: { from: '2026-03-02', to: '2026-03-05' },
      cut: true,
    });
  });

  it('a month to date compares with as many days of the month before', () => {
    expect(comparisonRange({ from: '2026-03-01', to: '2026-03-31' }, '2026-03-12')).toEqual({
      range: { from: '2026-02-01', to: '2026-02-12' },
      cut: true,
    });
  });

  it('a period the archive covers to its end (or one outside it) compares with the whole period before', () => {
    const week = { from: '2026-03-02', to: '2026-03-08' };
    expect(comparisonRange(week, '2026-03-12')).toEqual({
      range: { from: '2026-02-23', to: '2026-03-01' },
      cut: false,
    });
    expect(comparisonRange(week, '2026-03-08')?.cut).toBe(false);
    expect(comparisonRange(week, '2026-02-20')?.cut).toBe(false);
    expect(comparisonRange(week, null)?.cut).toBe(false);
    expect(comparisonRange({ from: '', to: '' }, '2026-03-12')).toBeNull();
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
