// The tab and the statistics shown, in the URL (besides the call view's search): a place encodes
// to a query and decodes back to the same place (property test), the calls tab and the default
// statistics add nothing to a URL, and whatever a hand-edited link holds decodes to statistics
// the API accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statsQuerySchema } from '../../src/shared/api/schemas';
import {
  APP_TABS,
  decodePlaceState,
  decodeViewState,
  defaultStatsView,
  emptyViewState,
  encodePlaceState,
  encodeViewState,
  joinQueries,
  type PlaceState,
  type StatsViewState,
} from '../../src/shared/links';
import { GROUPINGS, SL_ABANDONS } from '../../src/shared/statistics';

const day = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const tenths = (max: number) => fc.integer({ min: 0, max: max * 10 }).map((n) => n / 10);
const statsArb: fc.Arbitrary<StatsViewState> = fc.record({
  from: fc.oneof(fc.constant(''), day),
  to: fc.oneof(fc.constant(''), day),
  by: fc.uniqueArray(fc.constantFrom(...GROUPINGS), { maxLength: 2 }),
  slSeconds: tenths(86_400),
  slAbandons: fc.constantFrom(...SL_ABANDONS),
  shortAbandonSeconds: tenths(86_400),
  silentLimitPct: tenths(100),
});

describe('place state (tab and statistics in the URL)', () => {
  it('round-trips the Statistics tab with any statistics the form can hold', () => {
    fc.assert(
      fc.property(statsArb, (stats) => {
        const place: PlaceState = { tab: 'statistics', stats };
        const decoded = decodePlaceState(encodePlaceState(place));
        // The default statistics encode as nothing, and nothing decodes as "the view's own start".
        expect(decoded.stats ?? defaultStatsView()).toEqual(stats);
      }),
    );
  });

  it('the calls tab is the empty query; the other tabs name themselves only', () => {
    expect(encodePlaceState({ tab: 'calls', stats: defaultStatsView() })).toBe('');
    for (const tab of APP_TABS.filter((t) => t !== 'calls' && t !== 'statistics')) {
      expect(encodePlaceState({ tab, stats: defaultStatsView() })).toBe(`tab=${tab}`);
      expect(decodePlaceState(`?tab=${tab}`)).toEqual({ tab, stats: null });
    }
    expect(encodePlaceState({ tab: 'statistics', stats: null })).toBe('tab=statistics');
    expect(encodePlaceState({ tab: 'statistics', stats: defaultStatsView() })).toBe('tab=statistics');
    expect(decodePlaceState('')).toEqual({ tab: 'calls', stats: null });
  });

  it('no grouping (the total) and a week of two groupings', () => {
    const week = {
      ...defaultStatsView(),
      from: '2026-03-09',
      to: '2026-03-15',
      by: ['day' as const, 'queue' as const],
    };
    const query = encodePlaceState({ tab: 'statistics', stats: week });
    expect(query).toBe('tab=statistics&sfrom=2026-03-09&sto=2026-03-15&sby=day%2Cqueue');
    expect(decodePlaceState(query).stats).toEqual(week);
    expect(decodePlaceState('tab=statistics&sby=total').stats?.by).toEqual([]);
  });

  it('decodes any hand-edited query to statistics the API accepts (what is not valid left at its default)', () => {
    const cases = [
      'tab=statistics&sfrom=2026-02-30&sto=yesterday',
      'tab=statistics&sby=queue,queue',
      'tab=statistics&sby=queue,day,agent',
      'tab=statistics&sby=nonsense',
      'tab=statistics&ssl=-1&sshort=1e9&ssilent=101',
      'tab=statistics&ssl=86401&sslab=maybe',
      'tab=nowhere&sfrom=2026-01-01',
    ];
    for (const q of cases) {
      const place = decodePlaceState(q);
      const s = place.stats ?? defaultStatsView();
      expect(s.from).toBe('');
      expect(s.to).toBe('');
      const { from: _f, to: _t, ...rest } = s;
      expect(() => statsQuerySchema.parse(rest)).not.toThrow();
      if (q.includes('sby')) expect(s.by).toEqual(['queue']);
    }
    expect(decodePlaceState('tab=nowhere').tab).toBe('calls');
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (junk) => {
        const s = decodePlaceState(`tab=statistics&${junk}`).stats ?? defaultStatsView();
        const { from: _f, to: _t, ...rest } = s;
        expect(() => statsQuerySchema.parse(rest)).not.toThrow();
      }),
    );
  });

  it("one URL holds the call view's search and the place; each decoder reads only its own", () => {
    const view = { ...emptyViewState(), text: 'Support', from: '2026-03-01T00:00:00.000Z', call: '42' };
    const place: PlaceState = { tab: 'statistics', stats: { ...defaultStatsView(), from: '2026-03-09' } };
    const query = joinQueries(encodeViewState(view), encodePlaceState(place));
    expect(decodeViewState(query)).toEqual(view);
    expect(decodePlaceState(query)).toEqual(place);
    expect(joinQueries('', '')).toBe('');
  });
});
