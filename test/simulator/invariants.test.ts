// The engine's invariants over 20,000 simulated calls, read through the real
// reader: speaktime = Conversation + Consult; no event ends before it starts;
// an agent who never answered is never involved; every row accounted for.
// 20,000 calls (not 100,000 as before: 13 s of the suite) hold every one of the simulator's 38
// scenarios at least 10 times (the rarest, inbound_timeout, 12 times with this seed): asserted below.
import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES } from '../../src/shared/simulator/scenarios';
import { simulateAndDerive } from './pipeline';

describe('engine invariants over 20,000 simulated calls', () => {
  it('hold for every call', async () => {
    const problems: string[] = [];
    let derivedRows = 0;
    let keptRows = 0;
    const stats = await simulateAndDerive({ calls: 20_000, seed: 20260105 }, (c) => {
      const { call, eventSources, kept } = c.derived;
      const fail = (why: string) => problems.length < 20 && problems.push(`${c.scenario} ${call.callId}: ${why}`);
      const speak = call.events
        .filter((e) => e.type === 'conversation' || e.type === 'consult')
        .reduce((a, e) => a + e.durationSec, 0);
      if (Math.abs(speak - call.speakTimeSec) > 0.001)
        fail(`speaktime ${call.speakTimeSec} ≠ Conversation + Consult ${speak}`);
      for (const e of call.events) {
        if (Date.parse(e.end) < Date.parse(e.start) || e.durationSec < 0) fail(`${e.type} ends before it starts`);
      }
      if (Date.parse(call.end) < Date.parse(call.start)) fail('call ends before it starts');
      // Agents with an answered leg, plus the agent named on a Queue (callback) (R5).
      const answered = new Set(
        c.rows
          .filter((r) => r.eventType === 'c' && r.resultCode === 'k' && r.agentId)
          .map((r) => c.agentName(r.agentId!)),
      );
      for (const e of call.events) if (e.type === 'queue_callback' && e.agent) answered.add(e.agent);
      for (const a of call.agents) if (!answered.has(a)) fail(`agent ${a} involved without answering`);
      if (eventSources.length !== call.events.length) fail('eventSources length');
      for (const k of kept) if (!k.reason) fail(`kept row ${k.origin.line} without a reason`);
      keptRows += kept.length;
      derivedRows += c.rows.length;
    });
    expect(problems).toEqual([]);
    expect(stats.calls).toBe(20_000);
    // What the sample covers: every scenario, each at least 10 times.
    for (const name of SCENARIO_NAMES) expect(stats.result.scenarios[name] ?? 0, name).toBeGreaterThanOrEqual(10);
    expect(stats.rejected).toEqual([]);
    // Every row written was read as a row, and every row read belongs to a derived call.
    expect(stats.rowItems).toBe(stats.result.rows);
    expect(derivedRows).toBe(stats.result.rows);
    // The simulator writes only codes the spec knows: the engine keeps nothing aside.
    expect(keptRows).toBe(0);
  }, 120_000);

  it('no event ends before it starts across the autumn DST change (local times written in the zone)', async () => {
    const problems: string[] = [];
    await simulateAndDerive({ calls: 8000, days: 14, startDate: '2026-10-19', seed: 3 }, (c) => {
      for (const e of c.derived.call.events) {
        if (Date.parse(e.end) < Date.parse(e.start)) problems.push(`${c.scenario} ${c.derived.call.callId} ${e.type}`);
      }
      if (Date.parse(c.derived.call.end) < Date.parse(c.derived.call.start))
        problems.push(`${c.derived.call.callId} call`);
    });
    expect(problems.slice(0, 10)).toEqual([]);
  });
});
