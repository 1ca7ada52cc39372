// Drill-down: every count of the statistics opens the call list filtered to exactly
// the calls it counted — the list's total equals the figure, on the hand-written
// archive (every count of every grouping) and on a simulated one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import type { Drill, StatsQuery } from '../../src/shared/api/archive-api';
import { COUNT_NAMES, GROUPINGS, type Grouping } from '../../src/shared/statistics';
import { archiveOf } from './archive-fixture';
import { HAND_CALLS, HAND_ZONE } from './hand-archive';
import { simulatedArchive, type SimulatedArchive } from './simulated';

const handArchive = archiveOf(HAND_CALLS, HAND_ZONE);
const hand = new SqliteArchiveApi(handArchive);
let sim: SimulatedArchive;
beforeAll(async () => {
  sim = await simulatedArchive(1500, 3, 8);
}, 120_000);
afterAll(() => {
  hand.close();
  handArchive.close();
  sim.close();
});

async function listed(api: SqliteArchiveApi, drill: Drill): Promise<{ total: number; ids: string[] }> {
  const page = await api.calls.search({ drill, limit: 1000 });
  return { total: page.total, ids: page.rows.map((r) => r.callId) };
}

/** Checks every count of every group of the statistics: the drilled list's total is the figure. */
async function checkAll(api: SqliteArchiveApi, stats: StatsQuery): Promise<number> {
  const s = await api.stats.compute(stats);
  let checked = 0;
  for (const g of [...s.groups, { key: {}, ...s.total }])
    for (const figure of COUNT_NAMES) {
      const { total, ids } = await listed(api, { figure, key: g.key, stats });
      expect(total, `${figure} ${JSON.stringify(g.key)}`).toBe(g[figure]);
      expect(new Set(ids).size).toBe(ids.length);
      checked++;
    }
  for (const a of s.agents)
    for (const f of ['answered', 'consults', 'handled', 'unansweredOffers'] as const) {
      const { total } = await listed(api, { figure: `agent.${f}`, key: { agent: a.agent }, stats });
      expect(total, `agent ${a.agent} ${f}`).toBe(a[f]);
      checked++;
    }
  for (const r of s.outbound.calls) {
    const key = { type: r.type, mode: r.mode, outcome: r.outcome };
    expect((await listed(api, { figure: 'outbound.calls', key, stats })).total).toBe(r.calls);
  }
  expect((await listed(api, { figure: 'outbound.notQueued', stats })).total).toBe(s.outbound.notQueued);
  for (const c of s.outbound.campaigns)
    expect((await listed(api, { figure: 'outbound.attempts', key: { campaign: c.campaign }, stats })).total).toBe(
      c.attempts,
    );
  for (const d of s.outbound.silent) {
    const key = { day: d.day, campaign: d.campaign };
    expect((await listed(api, { figure: 'outbound.connected', key, stats })).total).toBe(d.connected);
    expect((await listed(api, { figure: 'outbound.silent', key, stats })).total).toBe(d.silent);
  }
  return checked;
}

describe('drill-down totals equal the figures', () => {
  it('hand-written archive: the calls behind Saturday’s abandoned calls are c17 c19 c21 c22', async () => {
    const { total, ids } = await listed(hand, {
      figure: 'abandoned',
      key: { day: '2026-03-28' },
      stats: { by: ['day'] },
    });
    expect(total).toBe(4);
    expect(ids.sort()).toEqual(['c17', 'c19', 'c21', 'c22']);
    const short = await listed(hand, { figure: 'shortAbandoned', key: {}, stats: {} });
    expect(short.ids.sort()).toEqual(['c04', 'c17', 'c19']);
    const none = await listed(hand, { figure: 'offered', key: { agent: null }, stats: { by: ['agent'] } });
    expect(none.total).toBe(12);
  });

  it('hand-written archive: every count of every grouping (alone, and queue × day)', async () => {
    const bys: Grouping[][] = [[], ...GROUPINGS.map((g) => [g]), ['queue', 'day']];
    let n = 0;
    for (const by of bys) n += await checkAll(hand, { by, slSeconds: 15, shortAbandonSeconds: 4 });
    expect(n).toBeGreaterThan(500);
  });

  it('simulated archive: queue × day, agent, hour of day in another zone', async () => {
    await checkAll(sim.api, { by: ['queue', 'day'], slAbandons: 'succeed' });
    await checkAll(sim.api, { by: ['agent'] });
    await checkAll(sim.api, { by: ['hourofday'], timeZone: 'America/New_York', from: '2026-03-25', to: '2026-03-30' });
  });
});
