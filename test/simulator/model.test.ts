// The pure model: exact call counts, well-formed rows, and distributions within
// the configured bounds for a seed (answer and abandon rates, callback and
// dialer attempts, talk times, numbers, time of day).
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/shared/simulator/config';
import { Simulator } from '../../src/shared/simulator/model';
import type { SimCall } from '../../src/shared/simulator/rows';
import { MS } from '../../src/shared/simulator/time';

function run(calls: number, seed: number, extra: object = {}): { sim: Simulator; list: SimCall[] } {
  const sim = new Simulator({ calls, seed, ...extra });
  return { sim, list: [...sim.calls()] };
}

const INBOUND_ANSWERED =
  /^inbound_(answered|welcome_message|agent_no_answer|consult|consult_unanswered|transfer_agent|transfer_queue|consult_queue|consult_queue_aborted)$/;

describe('simulator model', () => {
  const { sim, list } = run(10_000, 1);

  it('emits exactly the calls asked for, each with a unique call_id', () => {
    expect(list).toHaveLength(10_000);
    expect(new Set(list.map((c) => c.callId)).size).toBe(10_000);
    expect(run(0, 1).list).toHaveLength(0);
    expect(run(1, 1).list).toHaveLength(1);
  });

  it('writes well-formed rows: whole non-negative durations, speak inside the leg, dte_updated after the end', () => {
    const bad: string[] = [];
    for (const c of list) {
      let end = 0;
      for (const r of c.rows) {
        end = Math.max(end, r.start + r.dur * 1000);
        if (!Number.isInteger(r.dur) || r.dur < 0) bad.push(`${c.callId} dur ${r.dur}`);
        if (
          r.speakStart >= 0 &&
          (r.type !== 'c' || r.speakStart < r.start || r.speakStart + r.speak * 1000 > r.start + r.dur * 1000)
        )
          bad.push(`${c.callId} speak outside leg`);
        if (r.type === 'c' && r.result === 'k' && r.speakStart < 0) bad.push(`${c.callId} answered leg without speak`);
        if (r.type === 'c' && r.result !== 'k' && r.speakStart >= 0) bad.push(`${c.callId} unanswered leg with speak`);
      }
      if (c.updated <= end) bad.push(`${c.callId} updated before end`);
      if (c.rows.filter((r) => r.type === 'i').length !== 1) bad.push(`${c.callId} initiation count`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('answers 80–96 % of inbound calls that reach an open queue; 2–13 % abandon in queue', () => {
    const inQueue = list.filter(
      (c) => c.scenario.startsWith('inbound_') && !['inbound_closed', 'inbound_abandoned_menu'].includes(c.scenario),
    );
    const answered = inQueue.filter((c) => INBOUND_ANSWERED.test(c.scenario)).length / inQueue.length;
    const abandoned =
      inQueue.filter((c) => c.scenario === 'inbound_abandoned_queue' || c.scenario === 'inbound_abort_digit').length /
      inQueue.length;
    expect(answered).toBeGreaterThan(0.8);
    expect(answered).toBeLessThan(0.96);
    expect(abandoned).toBeGreaterThan(0.02);
    expect(abandoned).toBeLessThan(0.13);
  });

  it('makes at most 3 callback attempts, spaced by the configured retry interval', () => {
    const [lo] = DEFAULT_CONFIG.callback.retryMinutes;
    let callbacks = 0;
    for (const c of list.filter((x) => x.scenario.startsWith('callback_'))) {
      callbacks++;
      const attempts = new Map<string, number>();
      for (const r of c.rows) if (r.ciq === 'a') attempts.set(r.session, r.start);
      expect(attempts.size).toBeLessThanOrEqual(DEFAULT_CONFIG.callback.maxAttempts);
      const starts = [...attempts.values()].sort((a, b) => a - b);
      for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(lo * MS.MIN);
      if (c.scenario === 'callback_unanswered') expect(attempts.size).toBe(3);
    }
    expect(callbacks).toBeGreaterThan(100);
  });

  it('gives each dialer attempt its own call_id, at most 3 per contact, hours apart (R19)', () => {
    const byContact = new Map<string, SimCall[]>();
    for (const c of list) {
      const contact = c.variables.find(([k]) => k === 'contact_id')?.[1];
      if (contact) byContact.set(contact, [...(byContact.get(contact) ?? []), c]);
    }
    expect(byContact.size).toBeGreaterThan(100);
    let retried = 0;
    for (const calls of byContact.values()) {
      expect(calls.length).toBeLessThanOrEqual(DEFAULT_CONFIG.dialer.maxAttempts);
      expect(new Set(calls.map((c) => c.callId)).size).toBe(calls.length);
      const starts = calls.map((c) => Math.min(...c.rows.map((r) => r.start))).sort((a, b) => a - b);
      for (let i = 1; i < starts.length; i++)
        expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(DEFAULT_CONFIG.dialer.retryHours[0] * MS.HOUR);
      if (calls.length > 1) retried++;
    }
    expect(retried).toBeGreaterThan(20);
  });

  it('draws log-normal talk times around the configured median', () => {
    const kundeservice = list.flatMap((c) =>
      c.rows.filter(
        (r) =>
          r.type === 'c' &&
          r.queue === '' &&
          r.leg === 'Agent' &&
          r.ciq === '' &&
          r.speak > 0 &&
          c.rows.some((q) => q.type === 'q' && q.queue === 'Q_Kundeservice' && q.result === 'k'),
      ),
    );
    const speaks = kundeservice.map((r) => r.speak - r.onHoldSec).sort((a, b) => a - b);
    const median = speaks[Math.floor(speaks.length / 2)]!;
    expect(median).toBeGreaterThan(190 * 0.8);
    expect(median).toBeLessThan(190 * 1.35);
  });

  it('uses Nordic numbers as the platform stores them (country code, no "+")', () => {
    const numbers = list.flatMap((c) =>
      c.rows.filter((r) => r.type === 'i' && r.source !== 'xxxxxxxx').map((r) => r.source),
    );
    expect(numbers.filter((n) => !/^(45[2-8]\d{7}|467[0236]\d{7}|47[49]\d{7})$/.test(n)).slice(0, 5)).toEqual([]);
  });

  it('puts most arrivals in opening hours, local time', () => {
    const starts = list.map((c) => c.rows.find((r) => r.type === 'i')!.start);
    const open = starts.filter((t) => sim.isOpen(t)).length / starts.length;
    expect(open).toBeGreaterThan(0.85);
  });

  it('rejects bad settings with a clear message', () => {
    expect(() => new Simulator({ calls: -1 })).toThrow(/calls/);
    expect(() => new Simulator({ calls: 10, days: 0 })).toThrow(/days/);
    expect(() => new Simulator({ calls: 10, timeZone: 'Nowhere/Town' })).toThrow(/time zone/);
    expect(() => new Simulator({ calls: 10, startDate: '5 Jan' })).toThrow(/YYYY-MM-DD/);
    expect(() => new Simulator({ calls: 1_000_000, days: 2 })).toThrow(/calls a day/);
  });

  it('staffs a large centre with distinct agent names (the name lists run out at a few hundred)', () => {
    const big = new Simulator({ calls: 50_000, days: 1, seed: 1 });
    const names = big.roster.agents.map((a) => a.name);
    expect(names.length).toBeGreaterThan(700);
    expect(new Set(names).size).toBe(names.length);
  });
});
