// Every scenario occurs in an export of 10,000 calls, and the engine derives
// each as the spec says (read through the real reader, derived by the real engine).
import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES } from '../../src/shared/simulator/scenarios';
import { EXPECTATIONS } from './expectations';
import { simulateAndDerive } from './pipeline';

describe.each([1, 2])('simulated export of 10,000 calls, seed %i', (seed) => {
  it('contains every scenario, each derived as the spec says, and dialer retries share their contact (R19)', async () => {
    const seen = new Map<string, number>();
    const problems: string[] = [];
    const contacts = new Map<string, Set<string>>();
    const stats = await simulateAndDerive({ calls: 10_000, seed }, (c) => {
      seen.set(c.scenario, (seen.get(c.scenario) ?? 0) + 1);
      const check = EXPECTATIONS[c.scenario];
      if (!check) problems.push(`${c.derived.call.callId}: unknown scenario "${c.scenario}"`);
      else for (const p of check(c)) problems.push(`${c.scenario} ${c.derived.call.callId}: ${p}`);
      if (c.derived.contactKey) {
        const set = contacts.get(c.derived.contactKey) ?? new Set();
        set.add(c.derived.call.callId);
        contacts.set(c.derived.contactKey, set);
      }
    });
    expect(stats.calls).toBe(10_000);
    expect(SCENARIO_NAMES.filter((s) => !seen.has(s))).toEqual([]);
    expect(problems.slice(0, 20)).toEqual([]);
    // R19: some contacts were called more than once, each attempt its own call_id.
    expect([...contacts.values()].filter((s) => s.size >= 2).length).toBeGreaterThan(10);
    expect(Math.max(...[...contacts.values()].map((s) => s.size))).toBeLessThanOrEqual(3);
  });
});
