// Property: on simulated archives, the SQL implementation over the archive gives
// exactly the figures the pure module computes from the same archive calls, for
// any parameters, grouping, period and display zone.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStatistics } from '../../src/main/statistics/sqlite-statistics';
import { computeStatistics, GROUPINGS, SL_ABANDONS, type StatsParameters } from '../../src/shared/statistics';
import { simulatedArchive, type SimulatedArchive } from './simulated';

let sim: SimulatedArchive;
beforeAll(async () => {
  sim = await simulatedArchive(3000, 7);
}, 120_000);
afterAll(() => sim.close());

const START = Date.parse('2026-03-22T00:00:00Z');
const SPAN = 12 * 86_400_000;

const paramsArb: fc.Arbitrary<StatsParameters> = fc.record({
  slSeconds: fc.integer({ min: 0, max: 120 }),
  slAbandons: fc.constantFrom(...SL_ABANDONS),
  shortAbandonSeconds: fc.integer({ min: 0, max: 30 }),
  timeZone: fc.constantFrom('Europe/Copenhagen', 'UTC', 'America/New_York', 'Asia/Kolkata'),
  fromMs: fc.option(fc.integer({ min: START, max: START + SPAN }), { nil: null }),
  toMs: fc.option(fc.integer({ min: START, max: START + SPAN }), { nil: null }),
  by: fc.uniqueArray(fc.constantFrom(...GROUPINGS), { maxLength: 2 }),
  silentLimitPct: fc.integer({ min: 0, max: 20 }),
});

describe('SQL statistics equal the pure statistics on simulated archives (property)', () => {
  it('the simulated archive has queue calls of every outcome, callbacks, callouts and dialer calls', () => {
    const s = computeStatistics(sim.calls, { ...paramsOf(), by: [] });
    expect(s.total.offered).toBeGreaterThan(1000);
    expect(s.total.abandoned * s.total.answered * s.total.callbacksRequested).toBeGreaterThan(0);
    expect(s.outbound.calls.length).toBeGreaterThan(3);
  });

  it('any parameters, grouping and period: equal figures', () => {
    fc.assert(
      fc.property(paramsArb, (p) => {
        // A period is read as given; with no bounds the SQL reads the archive's first to last call.
        const pure = computeStatistics(sim.calls, p);
        const sqlResult = sqlStatistics(sim.archive.db, p);
        expect(sqlResult).toEqual(pure);
      }),
      { numRuns: 25, seed: 12 },
    );
  });
});

function paramsOf(): StatsParameters {
  return {
    slSeconds: 20,
    slAbandons: 'ignore',
    shortAbandonSeconds: 5,
    timeZone: 'Europe/Copenhagen',
    fromMs: null,
    toMs: null,
    by: [],
    silentLimitPct: 3,
  };
}
