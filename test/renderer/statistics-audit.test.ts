// @vitest-environment happy-dom
// The Statistics UI audit (simulated archive, newest call Monday 19 Jan 11:37): the period before cut
// at the newest call's instant, a drill-down that names and applies its period, dialer modes and the
// abandon wording in the reader's language, one duration format per column, the silent-call limit.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CallsView from '../../src/renderer/src/views/CallsView.vue';
import StatisticsView from '../../src/renderer/src/views/StatisticsView.vue';
import QueueTable from '../../src/renderer/src/components/stats/QueueTable.vue';
import SideTables from '../../src/renderer/src/components/stats/SideTables.vue';
import { columnDuration, columnHasHours } from '../../src/renderer/src/components/stats/figure-text';
import { COLUMNS } from '../../src/renderer/src/components/columns';
import { useArchiveStore } from '../../src/renderer/src/stores/archive';
import { useCallsStore } from '../../src/renderer/src/stores/calls';
import { drillTimeRange, useStatisticsStore } from '../../src/renderer/src/stores/statistics';
import { displayZone } from '../../src/renderer/src/format';
import { installUrlSync } from '../../src/renderer/src/url-sync';
import { formatDuration } from '../../src/shared/chart/event-rows';
import { messages } from '../../src/shared/i18n/messages';
import type { CallListRow, StatsQuery } from '../../src/shared/api/archive-api';
import { computeStatistics, DEFAULT_PARAMETERS, type StatisticsResult } from '../../src/shared/statistics';
import { HAND_CALLS, HAND_ZONE } from '../statistics/hand-archive';
import { fakeLayout, setupEnv, type TestEnv } from './mount-helpers';

let env: TestEnv;
let stop: (() => void) | null = null;
const zoneBefore = displayZone.value;
beforeEach(() => {
  fakeLayout();
  env = setupEnv();
  displayZone.value = HAND_ZONE;
});
afterEach(() => {
  stop?.();
  stop = null;
  window.history.replaceState(null, '', '/');
  displayZone.value = zoneBefore;
  vi.useRealTimers();
});

/** The hand-written archive's first and newest call (Sunday 29 March 14:00 CEST). */
const FIRST = '2026-03-27T08:00:00Z';
const NEWEST = '2026-03-29T12:00:00Z';

const totalQueries = () =>
  env.api.log
    .filter((c) => c.method === 'stats.compute')
    .map((c) => c.arg as StatsQuery)
    .filter((q) => !q.by?.length);

describe('the period before, cut at the newest call', () => {
  it("the latest week (to Sunday 14:00) compares with the week before to Sunday 14:00, not to Sunday's end", async () => {
    const stats = useStatisticsStore();
    await stats.start(FIRST, NEWEST);
    await stats.choosePeriod('week');
    await flushPromises();
    // The week shown, then the week before: Monday 16 March up to 22 March 14:00:00 CET (13:00Z), the newest call's millisecond included.
    expect(totalQueries().at(-1)).toMatchObject({ from: '2026-03-16', to: '2026-03-22T13:00:00.001Z' });
    expect(stats.previous).toMatchObject({ cut: true, kind: 'week', through: '2026-03-22 14:00:00' });
  });
});

describe('a drill-down names and applies its period', () => {
  async function drilledWeek() {
    // The list shows times in the exports' zone (the fake archive's: Copenhagen, as the statistics').
    await useArchiveStore().load();
    const stats = useStatisticsStore();
    await stats.start(FIRST, NEWEST);
    await stats.choosePeriod('week');
    await flushPromises();
    return stats;
  }

  it("the list's Time filter holds the statistics' period, the URL with it; the banner names it", async () => {
    const stats = await drilledWeek();
    stop = installUrlSync();
    const w = mount(CallsView, {
      attachTo: document.body,
      global: { plugins: env.plugins, stubs: { EventChart: true } },
    });
    stats.drill('abandoned', { queue: 'Support' });
    await flushPromises();
    const calls = useCallsStore();
    // Monday 23 March 00:00 CET to Monday 30 March 00:00 CEST (exclusive): the period the figures are of.
    expect([calls.filters.from, calls.filters.to]).toEqual(['2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    const search = env.api.log.filter((c) => c.method === 'calls.search').at(-1)?.arg;
    expect(search).toMatchObject({ from: '2026-03-22T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
    expect(w.get('[data-testid=filter-time]').text()).toContain('2026-03-23 – 2026-03-29');
    expect(w.get('[data-testid=drill-banner]').text()).toMatch(
      /^Statistics: Abandoned · Support · 23\s?–\s?29 Mar 2026/,
    );
    expect(window.location.search).toContain('from=2026-03-22T23%3A00%3A00.000Z');
    // "Show all calls" takes the drill's Time filter away with it.
    await w.get('[data-testid=drill-clear]').trigger('click');
    expect([calls.filters.drill ?? null, calls.filters.from, calls.filters.to]).toEqual([null, null, null]);
    // A Time filter the user changed after the drill is theirs: it stays.
    stats.drill('abandoned', { queue: 'Support' });
    calls.setFilters({ from: '2026-03-25T23:00:00.000Z' });
    await flushPromises();
    await w.get('[data-testid=drill-clear]').trigger('click');
    expect([calls.filters.drill ?? null, calls.filters.from]).toEqual([null, '2026-03-25T23:00:00.000Z']);
    w.unmount();
  });

  it("a figure of one day narrows the Time filter to that day (the zone's wall clock)", async () => {
    const stats = await drilledWeek();
    stats.drill('offered', { day: '2026-03-29' });
    const calls = useCallsStore();
    // Sunday 29 March, the spring change: 00:00 CET to 00:00 CEST is 23 hours.
    expect([calls.filters.from, calls.filters.to]).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
  });

  it('statistics without a period (the whole archive) set no Time filter; a period in UTC', () => {
    expect(drillTimeRange({ figure: 'offered', key: {}, stats: { timeZone: 'UTC' } })).toBeNull();
    expect(
      drillTimeRange({ figure: 'offered', key: {}, stats: { from: '2026-01-12', to: '2026-01-19', timeZone: 'UTC' } }),
    ).toEqual({ from: '2026-01-12T00:00:00.000Z', to: '2026-01-19T00:00:00.000Z' });
  });

  it('Danish banner: the period in Danish', async () => {
    env = setupEnv({ locale: 'da' });
    displayZone.value = HAND_ZONE;
    const stats = await drilledWeek();
    const w = mount(CallsView, {
      attachTo: document.body,
      global: { plugins: env.plugins, stubs: { EventChart: true } },
    });
    stats.drill('abandoned', { queue: 'Support' });
    await flushPromises();
    expect(w.get('[data-testid=drill-banner]').text()).toMatch(
      /^Statistik: Opgivet · Support · 23\.\s?–\s?29\. mar\. 2026/,
    );
    w.unmount();
  });
});

function handResult(over: (r: StatisticsResult) => void = () => undefined): StatisticsResult {
  const r = computeStatistics(HAND_CALLS, {
    ...DEFAULT_PARAMETERS,
    timeZone: HAND_ZONE,
    fromMs: null,
    toMs: null,
    by: ['queue'],
  });
  over(r);
  return r;
}

describe("the statistics tables in the reader's language", () => {
  it('Danish: dialer modes translated, the silent share with its % sign, the limit said as what it limits', () => {
    env = setupEnv({ locale: 'da' });
    const result = handResult((r) => {
      r.outbound.silent = [
        { day: '2026-03-27', campaign: 'Kampagne A', connected: 2, silent: 1, silentPct: 50, overLimit: true },
      ];
    });
    const w = mount(SideTables, { props: { result }, global: { plugins: env.plugins } });
    const modes = w.findAll('[data-testid=stats-outbound] tbody tr').map((r) => r.findAll('td')[1]!.text());
    expect(modes).toContain('prædiktiv');
    expect(modes).toContain('forhåndsvisning');
    expect(modes).not.toContain('predictive');
    const silent = w.get('[data-testid=stats-silent]');
    expect(silent.get('tbody tr').findAll('td')[4]!.text()).toBe('50,0 %');
    expect(silent.get('caption').text()).toContain('(grænse 3,0 %)');
    w.unmount();
  });

  it('English: "50.0 %"', () => {
    const result = handResult((r) => {
      r.outbound.silent = [
        { day: '2026-03-27', campaign: null, connected: 2, silent: 1, silentPct: 50, overLimit: true },
      ];
    });
    const w = mount(SideTables, { props: { result }, global: { plugins: env.plugins } });
    expect(w.get('[data-testid=stats-silent] tbody tr').findAll('td')[4]!.text()).toBe('50.0 %');
    w.unmount();
  });

  it('"Abandoned" is the call list\'s word in every Danish statistics text', () => {
    const da = messages.da;
    const texts: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') texts.push(v);
      else for (const x of Object.values(v as object)) walk(x);
    };
    walk(da.statistics);
    expect(texts.filter((s) => /afbrud/i.test(s))).toEqual([]);
    expect(da.statistics.figure.abandoned).toBe(da.outcome.abandoned);
    expect(da.statistics.figure.shortAbandoned).toMatch(/opgivet/i);
    expect(da.statistics.figure.abandonedWithinSl).toMatch(/^Opgivet/);
    expect(da.statistics.compare.kpi.abandonRatePct).toMatch(/^Opgivelses/);
  });
});

describe('durations: one format in a column', () => {
  it('m:ss while every value is under an hour, h:mm:ss for all once one reaches it', () => {
    expect(columnHasHours([3506, null, 42])).toBe(false);
    expect(columnHasHours([3506, 3599.5])).toBe(true); // rounds to 1:00:00
    expect([3506, 3720, 42].map((v) => columnDuration(v, false))).toEqual(['58:26', '62:00', '0:42']);
    expect([3506, 3720, 42, 316_152].map((v) => columnDuration(v, true))).toEqual([
      '0:58:26',
      '1:02:00',
      '0:00:42',
      '87:49:12',
    ]);
    expect(columnDuration(null, true)).toBe('–');
  });

  it('the agent table: "0:58:26" above "1:02:00", not "58:26" above "1 h 02 min"', () => {
    const result = handResult((r) => {
      r.agents = [
        { agent: 'Anna', answered: 3, consults: 0, handled: 3, unansweredOffers: 0, talkSec: 3506, avgTalkSec: 1168.7 },
        { agent: 'Bo', answered: 4, consults: 0, handled: 4, unansweredOffers: 0, talkSec: 3720, avgTalkSec: 930 },
      ];
    });
    const w = mount(SideTables, { props: { result }, global: { plugins: env.plugins } });
    const cells = w.findAll('[data-testid=stats-agents] tbody tr').map((r) => r.findAll('td').map((c) => c.text()));
    expect(cells.map((c) => c[4])).toEqual(['0:58:26', '1:02:00']);
    // The average column has no hour: minutes and seconds.
    expect(cells.map((c) => c[5])).toEqual(['19:29', '15:30']);
    w.unmount();
  });

  it('the queue table: a time column with an hour anywhere (the total included) shows hours in every row', () => {
    const result = handResult((r) => {
      r.total.maxWaitSec = 3900;
    });
    const w = mount(QueueTable, { props: { result }, global: { plugins: env.plugins } });
    const col = [...w.findAll('thead th')].findIndex((th) => th.text() === 'Max wait');
    const values = w.findAll('tbody tr').map((r) => r.findAll('th, td')[col]!.text());
    expect(values.at(-1)).toBe('1:05:00');
    expect(values.slice(0, -1).every((v) => /^\d+:\d{2}:\d{2}$/.test(v))).toBe(true);
    w.unmount();
  });

  it('Danish hours are "t" in the call list; English keeps "h"', () => {
    expect(formatDuration(5940, 'da')).toBe('1 t 39 min');
    expect(formatDuration(5940, 'en')).toBe('1 h 39 min');
    expect(formatDuration(5940)).toBe('1 h 39 min');
    const speak = COLUMNS.find((c) => c.key === 'speakTimeSec')!;
    const row = { speakTimeSec: 5940 } as CallListRow;
    expect(speak.cell(row, (k) => k, 'da')).toBe('1 t 39 min');
    expect(speak.cell(row, (k) => k, 'en')).toBe('1 h 39 min');
  });
});

describe('the form', () => {
  it('the silent-call limit says what it limits, and keeps the Update button with it when the row wraps', () => {
    env = setupEnv({ locale: 'da' });
    const w = mount(StatisticsView, { global: { plugins: env.plugins, stubs: { StatsChart: true } } });
    const group = w.get('[data-testid=stats-apply-group]');
    expect(group.find('[data-testid=stats-silent-limit]').exists()).toBe(true);
    expect(group.find('[data-testid=stats-apply]').exists()).toBe(true);
    expect(group.get('label').text()).toBe('Grænse for tavse opkald (%)');
    w.unmount();
  });
});
