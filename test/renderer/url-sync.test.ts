// @vitest-environment happy-dom
// Browser mode's address bar (#13 item 5): a URL's query opens that view; a new
// search or filter pushes a history entry, another call in the same list replaces
// it; back (popstate) shows the earlier view again.
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { useCallsStore } from '../../src/renderer/src/stores/calls';
import { useDetailStore } from '../../src/renderer/src/stores/detail';
import { useNavStore } from '../../src/renderer/src/stores/nav';
import { useStatisticsStore } from '../../src/renderer/src/stores/statistics';
import { installUrlSync, placePushes, pushes, showView } from '../../src/renderer/src/url-sync';
import { defaultStatsView, emptyViewState } from '../../src/shared/links';
import { setupEnv } from './mount-helpers';

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  window.history.replaceState(null, '', '/');
});

describe('URL state', () => {
  it('opens the view a URL names', async () => {
    window.history.replaceState(null, '', '/?q=4512&type=callback&sort=queue&dir=asc&call=in-0005');
    setupEnv();
    stop = installUrlSync();
    await flushPromises();
    const calls = useCallsStore();
    expect(calls.text).toBe('4512');
    expect(calls.filters.types).toEqual(['callback']);
    expect([calls.sort, calls.direction]).toEqual(['queue', 'asc']);
    expect(useDetailStore().callId).toBe('in-0005');
  });

  it('pushes a new search, replaces a new call, and goes back', async () => {
    setupEnv();
    stop = installUrlSync();
    const calls = useCallsStore();
    const detail = useDetailStore();
    const start = window.history.length;
    calls.setFilters({ outcomes: ['abandoned'] });
    await flushPromises();
    expect(window.location.search).toBe('?outcome=abandoned');
    expect(window.history.length).toBe(start + 1);
    await detail.open('in-0005');
    await flushPromises();
    expect(window.location.search).toBe('?outcome=abandoned&call=in-0005');
    expect(window.history.length).toBe(start + 1); // replaced
    calls.toggleSort('queue');
    await flushPromises();
    expect(window.location.search).toBe('?outcome=abandoned&sort=queue&dir=asc&call=in-0005');
    expect(window.history.length).toBe(start + 2);
    // Back: the browser restores the URL, then fires popstate; the view follows.
    window.history.replaceState(null, '', '/?outcome=abandoned&call=in-0005');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await flushPromises();
    expect([calls.sort, calls.direction]).toEqual(['start', 'desc']);
    expect(window.location.search).toBe('?outcome=abandoned&call=in-0005');
  });

  it('typing refines one entry until a call was opened from its results', () => {
    const a = { ...emptyViewState(), text: '45' };
    expect(pushes(a, { ...a, text: '451' }, false)).toBe(false);
    expect(pushes(a, { ...a, text: '451' }, true)).toBe(true);
    expect(pushes(a, { ...a, call: '9' }, true)).toBe(false);
    expect(pushes(a, { ...a, types: ['callback'] }, false)).toBe(true);
    expect(pushes(a, { ...a, sort: 'queue' }, false)).toBe(true);
  });

  it('opens the tab and the statistics a URL names; the view then starts on them, not on the whole archive', async () => {
    window.history.replaceState(null, '', '/?tab=statistics&sfrom=2026-03-28&sto=2026-03-29&sby=day');
    const { api } = setupEnv();
    stop = installUrlSync();
    await flushPromises();
    const stats = useStatisticsStore();
    expect(useNavStore().tab).toBe('statistics');
    expect(stats.form).toMatchObject({ from: '2026-03-28', to: '2026-03-29', by: ['day'] });
    await stats.start('2026-03-27T08:00:00Z', '2026-03-29T12:00:00Z');
    await flushPromises();
    expect(stats.form).toMatchObject({ from: '2026-03-28', to: '2026-03-29' });
    expect(api.log.find((c) => c.method === 'stats.compute')?.arg).toMatchObject({
      from: '2026-03-28',
      to: '2026-03-30',
      by: ['day'],
    });
    expect(window.location.search).toBe('?tab=statistics&sfrom=2026-03-28&sto=2026-03-29&sby=day');
  });

  it('a period a link names that runs past the newest call is compared like for like once the newest day is known', async () => {
    window.history.replaceState(null, '', '/?tab=statistics&sfrom=2026-03-23&sto=2026-04-05');
    setupEnv();
    stop = installUrlSync();
    const stats = useStatisticsStore();
    await stats.start('2026-03-27T08:00:00Z', '2026-03-29T12:00:00Z');
    await flushPromises();
    // Two weeks of which the archive has the first (to Sunday 29 March): the same seven days before.
    expect(stats.previous).toMatchObject({ range: { from: '2026-03-09', to: '2026-03-15' }, cut: true });
  });

  it("another tab and other statistics push; the Statistics view's own first figures replace; Back returns", async () => {
    setupEnv();
    stop = installUrlSync();
    const nav = useNavStore();
    const stats = useStatisticsStore();
    const start = window.history.length;
    nav.tab = 'statistics';
    await flushPromises();
    expect(window.location.search).toBe('?tab=statistics');
    expect(window.history.length).toBe(start + 1);
    // The view's start: the first figures are of the whole archive, which the URL then names (replaced).
    await stats.start('2026-03-27T08:00:00Z', '2026-03-29T12:00:00Z');
    await flushPromises();
    expect(window.location.search).toBe('?tab=statistics&sfrom=2026-03-27&sto=2026-03-29');
    expect(window.history.length).toBe(start + 1);
    // Editing the form names nothing yet; the figures shown do.
    stats.form.by = ['agent'];
    await flushPromises();
    expect(window.location.search).toBe('?tab=statistics&sfrom=2026-03-27&sto=2026-03-29');
    await stats.choosePeriod('prevWeek');
    await flushPromises();
    expect(window.location.search).toBe('?tab=statistics&sfrom=2026-03-16&sto=2026-03-22&sby=agent');
    expect(window.history.length).toBe(start + 2);
    // Back: the whole archive's statistics again.
    window.history.replaceState(null, '', '/?tab=statistics&sfrom=2026-03-27&sto=2026-03-29');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await flushPromises();
    expect(stats.asked).toMatchObject({ from: '2026-03-27', to: '2026-03-29', by: ['queue'] });
    window.history.replaceState(null, '', '/');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await flushPromises();
    expect(nav.tab).toBe('calls');
  });

  it('placePushes: a tab or other statistics, not the first figures of a view that named none', () => {
    const week = { ...defaultStatsView(), from: '2026-03-23', to: '2026-03-29' };
    expect(placePushes({ tab: 'calls', stats: null }, { tab: 'log', stats: null })).toBe(true);
    expect(placePushes({ tab: 'statistics', stats: null }, { tab: 'statistics', stats: week })).toBe(false);
    expect(placePushes({ tab: 'statistics', stats: week }, { tab: 'statistics', stats: { ...week, to: '' } })).toBe(
      true,
    );
    expect(placePushes({ tab: 'log', stats: null }, { tab: 'log', stats: null })).toBe(false);
  });

  it("a callscope:// link's query (Electron) opens its tab too", async () => {
    setupEnv();
    showView('tab=log');
    expect(useNavStore().tab).toBe('log');
    showView('q=4512');
    expect(useNavStore().tab).toBe('calls');
    expect(useCallsStore().text).toBe('4512');
  });
});
