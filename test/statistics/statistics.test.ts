// The spec's figures (/work/shared/spec/statistics.md, docs/statistics.md) on the
// hand-written archive of hand-archive.ts, each computed by hand in the comments.
import { describe, expect, it } from 'vitest';
import {
  computeStatistics,
  DEFAULT_PARAMETERS,
  round1,
  type QueueGroup,
  type StatsParameters,
} from '../../src/shared/statistics';
import { HAND_ZONE, handStatsCalls } from './hand-archive';

const params = (over: Partial<StatsParameters> = {}): StatsParameters => ({
  ...DEFAULT_PARAMETERS,
  timeZone: HAND_ZONE,
  fromMs: null,
  toMs: null,
  by: [],
  ...over,
});
const stats = (over: Partial<StatsParameters> = {}) => computeStatistics(handStatsCalls(), params(over));
const group = (groups: QueueGroup[], key: Record<string, string | null>) => {
  const g = groups.find((x) => JSON.stringify(x.key) === JSON.stringify(key));
  if (!g) throw new Error(`no group ${JSON.stringify(key)}`);
  return g;
};

describe('population', () => {
  it('offered: inbound and callback calls with a queue event (c01–c26; not c27 menu-only, not callouts or dialer)', () => {
    expect(stats().total.offered).toBe(26);
  });
  it('period: a call belongs to the interval that contains its start (from inclusive, to exclusive)', () => {
    // 2026-03-28 local: c17 (00:00:00) … c22 = 6 calls; c16 (23:59:59.999 on the 27th) is outside.
    const from = Date.parse('2026-03-27T23:00:00Z');
    expect(stats({ fromMs: from, toMs: from + 86_400_000 }).total.offered).toBe(6);
  });
  it('by queue: a call counts in every queue it visited; the total counts it once', () => {
    const s = stats({ by: ['queue'] });
    // Sales: c07 c08 c09 c10 c14 c15 c18 c19 c25 c26 = 10; Support: c01–c06 c10 c11 c12 c13 c16 c17 c20 c21 c22 c23 c24 = 17.
    expect(group(s.groups, { queue: 'Sales' }).offered).toBe(10);
    expect(group(s.groups, { queue: 'Support' }).offered).toBe(17);
    expect(s.total.offered).toBe(26); // 27 − c10 counted twice
  });
});

describe('counts', () => {
  it('answered, abandoned, unanswered, deleted, rejected, pending: offered calls by outcome', () => {
    // answered c01 c02 c03 c07 c10 c11 c15 c16 c18 c20 c23 c24 c25 = 13; abandoned c04 c05 c06 c17 c19 c21 c22 = 7;
    // unanswered c09 c12; deleted c13 c26; rejected c08; pending c14.
    const t = stats().total;
    expect([t.answered, t.abandoned, t.unanswered, t.deleted, t.rejected, t.pending]).toEqual([13, 7, 2, 2, 1, 1]);
  });
  it('shortAbandoned: abandoned with wait < shortAbandonSeconds', () => {
    // waits of abandoned: 3 5 45 2 4 20 25; < 5: 3 2 4 = 3 (5 is not short).
    expect(stats().total.shortAbandoned).toBe(3);
    // < 6: 3 5 2 4 = 4
    expect(stats({ shortAbandonSeconds: 6 }).total.shortAbandoned).toBe(4);
  });
  it('callbacksRequested and callbacksAnswered: offered calls with a Queue (callback) event, and of those answered', () => {
    // c11 c12 c13 c14 (not the callouts / dialer calls c28–c35: not offered); answered: c11.
    const t = stats().total;
    expect([t.callbacksRequested, t.callbacksAnswered]).toEqual([4, 1]);
  });
  it('answeredWithinSl and abandonedWithinSl: wait ≤ slSeconds (20 s is within)', () => {
    // answered waits 10 20 21 0 30 300 15 5 8 18.5 12 40 6 → ≤ 20: 10 20 0 15 5 8 18.5 12 6 = 9.
    // abandoned waits 3 5 45 2 4 20 25 → ≤ 20: 3 5 2 4 20 = 5.
    const t = stats().total;
    expect([t.answeredWithinSl, t.abandonedWithinSl]).toEqual([9, 5]);
  });
  it('wait: null is read as 0 (c08 rejected, wait null, is within the service level threshold for maxWait)', () => {
    const s = stats({ by: ['queue'], slSeconds: 0 });
    // Sales answered with wait ≤ 0: c07 only.
    expect(group(s.groups, { queue: 'Sales' }).answeredWithinSl).toBe(1);
  });
});

describe('serviceLevelPct: the three treatments of calls abandoned within the threshold', () => {
  it('ignore: answeredWithinSl ÷ (offered − abandonedWithinSl) × 100', () => {
    expect(stats({ slAbandons: 'ignore' }).total.serviceLevelPct).toBe(42.9); // 9 ÷ 21 = 42.857…
  });
  it('fail: answeredWithinSl ÷ offered × 100', () => {
    expect(stats({ slAbandons: 'fail' }).total.serviceLevelPct).toBe(34.6); // 9 ÷ 26 = 34.615…
  });
  it('succeed: (answeredWithinSl + abandonedWithinSl) ÷ offered × 100', () => {
    expect(stats({ slAbandons: 'succeed' }).total.serviceLevelPct).toBe(53.8); // 14 ÷ 26 = 53.846…
  });
  it('per group, on Saturday 2026-03-28 (c17–c22): 2 answered within, 3 abandoned within, 6 offered', () => {
    const day = (t: StatsParameters['slAbandons']) =>
      group(stats({ by: ['day'], slAbandons: t }).groups, { day: '2026-03-28' }).serviceLevelPct;
    expect(day('ignore')).toBe(66.7); // 2 ÷ (6 − 3)
    expect(day('fail')).toBe(33.3); // 2 ÷ 6
    expect(day('succeed')).toBe(83.3); // 5 ÷ 6
  });
  it('is null where the denominator is 0 (every offered call abandoned within the threshold, ignore)', () => {
    // 2026-03-28 00:00–01:00 local holds only c17 (abandoned after 2 s): 1 − 1 = 0.
    const s = stats({ by: ['hour'] });
    expect(group(s.groups, { hour: '2026-03-28 00' }).serviceLevelPct).toBeNull();
  });
});

describe('ratios and times', () => {
  it('answerRatePct and abandonRatePct', () => {
    const t = stats().total;
    expect(t.answerRatePct).toBe(50); // 13 ÷ 26
    expect(t.abandonRatePct).toBe(26.9); // 7 ÷ 26 = 26.923…
  });
  it('asaSec: mean wait of answered calls', () => {
    // (10+20+21+0+30+300+15+5+8+18.5+12+40+6) = 485.5 ÷ 13 = 37.346…
    expect(stats().total.asaSec).toBe(37.3);
  });
  it('maxWaitSec: largest wait of offered calls', () => {
    expect(stats().total.maxWaitSec).toBe(600); // c12's callback wait
  });
  it('avgTalkSec: mean speakTimeSec of answered calls', () => {
    // 100+200+60+30+120+90+200+40+50+75+1200+60+45 = 2270 ÷ 13 = 174.615…
    expect(stats().total.avgTalkSec).toBe(174.6);
  });
  it('rounding: half away from zero to one decimal, from exact values', () => {
    // Saturday's ASA: (8 + 18.5) ÷ 2 = 13.25 → 13.3 (half-even would give 13.2).
    expect(group(stats({ by: ['day'] }).groups, { day: '2026-03-28' }).asaSec).toBe(13.3);
    expect(round1(-0.25)).toBe(-0.3);
    expect(round1(66.65)).toBe(66.7);
  });
  it('null where the denominator is 0: no offered call', () => {
    const t = stats({ fromMs: 0, toMs: 1 }).total;
    expect(t.offered).toBe(0);
    for (const k of [
      'serviceLevelPct',
      'answerRatePct',
      'abandonRatePct',
      'asaSec',
      'maxWaitSec',
      'avgTalkSec',
    ] as const)
      expect(t[k]).toBeNull();
  });
});

describe('groupings', () => {
  it('day: in the display time zone; the midnight call c17 is on the 28th in Copenhagen, the 27th in UTC', () => {
    const local = stats({ by: ['day'] }).groups.map((g) => [g.key.day, g.offered]);
    expect(local).toEqual([
      ['2026-03-27', 16], // c01–c16
      ['2026-03-28', 6], // c17–c22
      ['2026-03-29', 4], // c23–c26
    ]);
    const utc = stats({ by: ['day'], timeZone: 'UTC' }).groups.map((g) => [g.key.day, g.offered]);
    expect(utc).toEqual([
      ['2026-03-27', 17], // c17 starts 2026-03-27T23:00Z
      ['2026-03-28', 5],
      ['2026-03-29', 4], // c23 starts 00:50Z
    ]);
  });
  it('day figures of 2026-03-27 (c01–c16)', () => {
    const d = group(stats({ by: ['day'] }).groups, { day: '2026-03-27' });
    // answered c01 c02 c03 c07 c10 c11 c15 c16; within: 10 20 0 15 5 → 5; abandoned within: c04 c05 → 2.
    expect(d.answered).toBe(8);
    expect(d.serviceLevelPct).toBe(35.7); // 5 ÷ (16 − 2)
    expect(d.asaSec).toBe(50.1); // (10+20+21+0+30+300+15+5) = 401 ÷ 8 = 50.125
    expect(d.avgTalkSec).toBe(105); // 840 ÷ 8
    expect(d.maxWaitSec).toBe(600);
  });
  it('hour across the daylight-saving change: 01:50 CET and 03:10 CEST are one real hour apart, 02 does not exist', () => {
    const hours = stats({ by: ['hour'] }).groups.map((g) => g.key.hour);
    expect(hours).toContain('2026-03-29 01'); // c23, which runs across the change
    expect(hours).toContain('2026-03-29 03'); // c24
    expect(hours).not.toContain('2026-03-29 02');
  });
  it('hourofday and weekday (ISO: 1 = Monday … 7 = Sunday)', () => {
    const h = stats({ by: ['hourofday'] }).groups;
    expect(group(h, { hourofday: '23' }).offered).toBe(1); // c16
    expect(group(h, { hourofday: '00' }).offered).toBe(1); // c17
    expect(group(h, { hourofday: '09' }).offered).toBe(10); // c01–c05 on the 27th, c18–c22 on the 28th
    const w = stats({ by: ['weekday'] }).groups.map((g) => [g.key.weekday, g.offered]);
    expect(w).toEqual([
      ['5', 16],
      ['6', 6],
      ['7', 4],
    ]);
  });
  it('week (ISO week) and month', () => {
    expect(stats({ by: ['week'] }).groups.map((g) => [g.key.week, g.offered])).toEqual([['2026-W13', 26]]);
    expect(stats({ by: ['month'] }).groups.map((g) => [g.key.month, g.offered])).toEqual([['2026-03', 26]]);
  });
  it('type: inbound and callback', () => {
    const s = stats({ by: ['type'] });
    expect(group(s.groups, { type: 'callback' }).offered).toBe(4);
    expect(group(s.groups, { type: 'inbound' }).offered).toBe(22);
  });
  it('agent: every agent of the call; calls without an agent in the null group', () => {
    const s = stats({ by: ['agent'] });
    // Anna c01 c02 c11 c15 c16 c23 = 6; Bo c03 c10 c12 c20 c24 = 5; Carl c07 c15 c18 c25 = 4;
    // none: c04 c05 c06 c08 c09 c13 c14 c17 c19 c21 c22 c26 = 12. 6+5+4+12 = 27 = 26 + c15 twice.
    expect(s.groups.map((g) => [g.key.agent, g.offered])).toEqual([
      ['Anna', 6],
      ['Bo', 5],
      ['Carl', 4],
      [null, 12],
    ]);
  });
  it('two combined: queue × day', () => {
    const s = stats({ by: ['queue', 'day'] });
    // Sales on the 27th: c07 c08 c09 c10 c14 c15 = 6; Support on the 29th: c23 c24 = 2.
    expect(group(s.groups, { queue: 'Sales', day: '2026-03-27' }).offered).toBe(6);
    expect(group(s.groups, { queue: 'Support', day: '2026-03-29' }).offered).toBe(2);
    expect(s.groups.reduce((n, g) => n + g.offered, 0)).toBe(27);
  });
  it('per-queue figures (Sales, Support)', () => {
    const s = stats({ by: ['queue'] });
    const sales = group(s.groups, { queue: 'Sales' });
    // answered c07 c10 c15 c18 c25; within: 0 15 8 6 → 4; abandoned within: c19 → 1; 4 ÷ (10 − 1) = 44.4…
    expect([sales.answered, sales.serviceLevelPct, sales.asaSec, sales.maxWaitSec]).toEqual([5, 44.4, 11.8, 60]);
    const support = group(s.groups, { queue: 'Support' });
    // within: c01 c02 c16 c20 c23 = 5; abandoned within c04 c05 c17 c21 = 4; 5 ÷ 13 = 38.46…; ASA 456.5 ÷ 9 = 50.72…
    expect([support.answered, support.serviceLevelPct, support.asaSec, support.callbacksRequested]).toEqual([
      9, 38.5, 50.7, 3,
    ]);
  });
});

describe('agent figures', () => {
  it('answered, consults, handled, talk time, unanswered offers (R5), average talk time', () => {
    expect(stats().agents).toEqual([
      // Conversations c01 c02 c11 c16 c23 c28 c30 c35 (100+200+90+40+1200+60+10+30), Consult c15 (50): 1780 ÷ 9.
      { agent: 'Anna', answered: 8, consults: 1, handled: 9, unansweredOffers: 0, talkSec: 1780, avgTalkSec: 197.8 },
      // Conversations c03 c10 c20 c24 c34 (60+120+75+60+80), Consult c30 (198): 593 ÷ 6; offers: c12 (R5), c29.
      { agent: 'Bo', answered: 5, consults: 1, handled: 6, unansweredOffers: 2, talkSec: 593, avgTalkSec: 98.8 },
      // c07 c15 c18 c25 c31: 30+150+50+45+100 = 375 ÷ 5.
      { agent: 'Carl', answered: 5, consults: 0, handled: 5, unansweredOffers: 0, talkSec: 375, avgTalkSec: 75 },
    ]);
  });
});

describe('outbound figures', () => {
  it('callouts, agent-to-agent and dialer calls by type, mode and outcome; not-queued inbound apart', () => {
    const o = stats().outbound;
    expect(o.calls).toEqual([
      { type: 'agent_to_agent', mode: null, outcome: 'answered', calls: 1 },
      { type: 'callout', mode: null, outcome: 'answered', calls: 1 },
      { type: 'callout', mode: null, outcome: 'unanswered', calls: 1 },
      { type: 'dialer_contact_first', mode: 'predictive', outcome: 'answered', calls: 2 },
      { type: 'dialer_contact_first', mode: 'predictive', outcome: 'unanswered', calls: 2 },
      { type: 'dialer_preview', mode: 'preview', outcome: 'answered', calls: 1 },
    ]);
    expect(o.notQueued).toBe(1); // c27
    // Every call is counted once: 26 offered + 1 not queued + 8 outbound = 35.
    expect(26 + o.notQueued + o.calls.reduce((n, r) => n + r.calls, 0)).toBe(35);
  });
  it('attempts per contact, per campaign', () => {
    expect(stats().outbound.campaigns).toEqual([
      { campaign: 'DialPreview', attempts: 1, contacts: 1, attemptsPerContact: 1 },
      // c31 c32 c33 c35; contacts k1 k2 k4: 4 ÷ 3 = 1.33…
      { campaign: 'DialSpring', attempts: 4, contacts: 3, attemptsPerContact: 1.3 },
    ]);
  });
  it('silent dialer calls as a share of connected calls per day and campaign, against the limit', () => {
    expect(stats().outbound.silent).toEqual([
      // 27th DialSpring: connected c31 c32 c35, silent c32: 33.3 % > 3 %.
      { day: '2026-03-27', campaign: 'DialSpring', connected: 3, silent: 1, silentPct: 33.3, overLimit: true },
      { day: '2026-03-28', campaign: 'DialPreview', connected: 1, silent: 0, silentPct: 0, overLimit: false },
    ]);
    expect(stats({ silentLimitPct: 40 }).outbound.silent[0]?.overLimit).toBe(false);
  });
});
