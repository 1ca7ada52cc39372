// @vitest-environment happy-dom
// The call list: rows from the API, sorting, keyboard selection, search typing.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CallsView from '../../src/renderer/src/views/CallsView.vue';
import { useCallsStore } from '../../src/renderer/src/stores/calls';
import type { CallSearch } from '../../src/shared/api/archive-api';
import { fakeLayout, advance, setupEnv, type TestEnv } from './mount-helpers';

let env: TestEnv;

function mountList() {
  return mount(CallsView, {
    attachTo: document.body,
    global: { plugins: env.plugins, stubs: { EventChart: { template: '<div data-testid="event-chart" />' } } },
  });
}
function searches(): CallSearch[] {
  return env.api.log.filter((c) => c.method === 'calls.search').map((c) => c.arg as CallSearch);
}

afterEach(() => vi.useRealTimers());

beforeEach(() => {
  fakeLayout();
  env = setupEnv({ generated: 300 });
});

describe('call list', () => {
  it('renders rows and the result count from the API', async () => {
    const w = mountList();
    await flushPromises();
    await advance(20);
    const rows = w.findAll('[data-testid=call-row]');
    expect(rows.length).toBeGreaterThan(10);
    // Newest first: the fixture inbound call at 13:00 is the first row.
    expect(rows[0]!.attributes('data-call-id')).toBe('in-0005');
    expect(rows[0]!.text()).toContain('+4511223344');
    expect(rows[0]!.text()).toContain('Inbound');
    expect(w.get('[data-testid=result-count]').text()).toBe('305 calls');
    expect(searches()[0]).toMatchObject({ sort: 'start', direction: 'desc', limit: 100 });
    w.unmount();
  });

  it('sorts by a column when its header is clicked, and flips on a second click', async () => {
    const w = mountList();
    await flushPromises();
    const header = w.get('[data-testid=sort-speakTimeSec]');
    await header.trigger('click');
    await flushPromises();
    expect(searches().at(-1)).toMatchObject({ sort: 'speakTimeSec', direction: 'asc' });
    expect(header.element.parentElement!.getAttribute('aria-sort')).toBe('ascending');
    await header.trigger('click');
    await flushPromises();
    expect(searches().at(-1)).toMatchObject({ sort: 'speakTimeSec', direction: 'desc' });
    expect(header.element.parentElement!.getAttribute('aria-sort')).toBe('descending');
    // The rows follow the sort: longest speaktime first.
    await advance(20);
    const first = w.findAll('[data-testid=call-row]')[0]!;
    const calls = useCallsStore();
    const speak = Array.from({ length: calls.loadedFromTop() }, (_, i) => calls.rowAt(i)!.speakTimeSec);
    expect(Math.max(...speak)).toBe(calls.rowAt(0)!.speakTimeSec);
    expect(first.attributes('data-call-id')).toBe(calls.rowAt(0)!.callId);
    w.unmount();
  });

  it('moves the selection with the keyboard and opens the call with Enter', async () => {
    const w = mountList();
    await flushPromises();
    await advance(20);
    const list = w.get('[data-testid=call-list]');
    const selected = () =>
      w.findAll('[data-testid=call-row]').findIndex((r) => r.attributes('aria-selected') === 'true');
    expect(selected()).toBe(0);
    await list.trigger('keydown', { key: 'ArrowDown' });
    await list.trigger('keydown', { key: 'ArrowDown' });
    expect(useCallsStore().selectedIndex).toBe(2);
    await list.trigger('keydown', { key: 'ArrowUp' });
    expect(useCallsStore().selectedIndex).toBe(1);
    await list.trigger('keydown', { key: 'PageDown' });
    expect(useCallsStore().selectedIndex).toBeGreaterThan(10);
    await list.trigger('keydown', { key: 'Home' });
    expect(useCallsStore().selectedIndex).toBe(0);
    await list.trigger('keydown', { key: 'ArrowDown' });
    await w.vm.$nextTick();
    expect(selected()).toBe(1);
    await list.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    const gets = env.api.log.filter((c) => c.method === 'calls.get');
    expect(gets.at(-1)!.arg).toBe(useCallsStore().rowAt(1)!.callId);
    expect(w.find('[data-testid=call-detail]').exists()).toBe(true);
    // Esc closes the detail.
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await flushPromises();
    expect(w.find('[data-testid=call-detail]').exists()).toBe(false);
    w.unmount();
  });

  it('End selects the last call at once, jumping to its page (offset) instead of reading every page between', async () => {
    const w = mountList();
    await flushPromises();
    await w.get('[data-testid=call-list]').trigger('keydown', { key: 'End' });
    await flushPromises();
    await advance(20);
    const calls = useCallsStore();
    expect(calls.selectedIndex).toBe(304);
    // Generated rows start 2026-03-09 16:00 and go back 37 s each: the oldest is the last.
    expect(calls.rowAt(304)!.callId).toBe('gen-0000299');
    expect(searches().filter((s) => s.offset === 300)).toHaveLength(1);
    expect(calls.loadedFromTop()).toBeLessThan(305); // the head was not paged through
    // (That the selected row is then drawn is checked in Chromium by the end-to-end keyboard test.)
    w.unmount();
  });

  it('loads the rows in between with the keyset cursor, in order, when the view needs them', async () => {
    const w = mountList();
    await flushPromises();
    const calls = useCallsStore();
    await calls.ensureRange(150, 170);
    const all = await env.api.calls.search({ sort: 'start', direction: 'desc', limit: 1000 });
    for (let i = 0; i < 171; i++) expect(calls.rowAt(i)?.callId).toBe(all.rows[i]!.callId);
    const paged = searches().filter((s) => s.cursor && s.direction === 'desc');
    expect(paged.length).toBeGreaterThan(0);
    w.unmount();
  });

  it('a deep jump (the scrollbar dragged to the middle) reads the rows there in one request, then scrolls on with the cursor', async () => {
    env = setupEnv({ generated: 5000 });
    const w = mountList();
    await flushPromises();
    const calls = useCallsStore();
    const before = searches().length;
    await calls.ensureRange(2510, 2530);
    const jump = searches().slice(before);
    expect(jump).toHaveLength(1);
    expect(jump[0]).toMatchObject({ offset: 2500, limit: 100 }); // its page
    expect(jump[0]!.cursor).toBeUndefined();
    const all = await env.api.calls.search({ sort: 'start', direction: 'desc', limit: 1000, offset: 2000 });
    for (let i = 2500; i < 2600; i++) expect(calls.rowAt(i)?.callId).toBe(all.rows[i - 2000]!.callId);
    expect(calls.rowAt(2499)).toBeUndefined();
    expect(calls.rowAt(1000)).toBeUndefined();
    // Scrolling on down continues from the loaded page with its keyset cursor.
    await calls.ensureRange(2570, 2600);
    const next = searches().at(-1)!;
    expect(next.cursor).toBeTruthy();
    expect(next.offset).toBeUndefined();
    expect(calls.rowAt(2650)?.callId).toBe(all.rows[650]!.callId);
    w.unmount();
  });

  it('searches as you type, and drops an answer that arrives after a newer one', async () => {
    const w = mountList();
    await flushPromises();
    // The first query is slow, the second fast: the slow answer must not win.
    env.api.searchDelay = (q) => (q.text === '+4511' ? 400 : 0);
    const input = w.get('[data-testid=search-input]');
    await input.setValue('+4511');
    await advance(5);
    await input.setValue('cb-2nd');
    await advance(250);
    // The fast, newer answer is shown; now the slow, older one arrives.
    expect(useCallsStore().total).toBe(1);
    await advance(300);
    await flushPromises();
    const texts = searches().map((s) => s.text);
    expect(texts).toContain('+4511');
    expect(texts.at(-1)).toBe('cb-2nd');
    expect(useCallsStore().total).toBe(1);
    expect(w.findAll('[data-testid=call-row]').map((r) => r.attributes('data-call-id'))).toEqual(['cb-2nd-0001']);
    w.unmount();
  });

  it('a new result set keeps the open call and selects its row; moving the selection shows the next call', async () => {
    const w = mountList();
    await flushPromises();
    await advance(20);
    const calls = useCallsStore();
    const detail = (await import('../../src/renderer/src/stores/detail')).useDetailStore();
    const third = calls.rowAt(2)!.callId;
    await w.findAll('[data-testid=call-row]')[2]!.trigger('click');
    await flushPromises();
    expect(detail.callId).toBe(third);
    // The results come again (as after an import): the open call stays open and its row is the selected one.
    await calls.refresh();
    await flushPromises();
    await advance(20);
    expect(detail.callId).toBe(third);
    expect(calls.rowAt(calls.selectedIndex)?.callId).toBe(third);
    expect(w.get('[data-testid=call-row][aria-selected=true]').attributes('data-call-id')).toBe(third);
    await w.get('[data-testid=call-list]').trigger('keydown', { key: 'ArrowDown' });
    await flushPromises();
    expect(detail.callId).toBe(calls.rowAt(calls.selectedIndex)!.callId);
    expect(detail.callId).not.toBe(third);
    w.unmount();
  });

  it('"/" focuses the search box', async () => {
    const w = mountList();
    await flushPromises();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '/' }));
    expect(document.activeElement).toBe(w.get('[data-testid=search-input]').element);
    w.unmount();
  });
});

describe('recent searches under the search box', () => {
  it('Esc puts them away (they cover the filter chips) until focus leaves the box and comes back', async () => {
    await env.api.searches.recordRecent({ outcomes: ['abandoned'] });
    const w = mountList();
    await flushPromises();
    const input = w.get('[data-testid=search-input]');
    await input.trigger('focusin');
    expect(w.find('[data-testid=recent-searches]').text()).toContain('Abandoned');
    await input.trigger('keydown', { key: 'Escape' });
    expect(w.find('[data-testid=recent-searches]').exists()).toBe(false);
    await input.trigger('focusin'); // still in the box: they stay away
    expect(w.find('[data-testid=recent-searches]').exists()).toBe(false);
    await input.trigger('focusout', { relatedTarget: null });
    await input.trigger('focusin');
    expect(w.find('[data-testid=recent-searches]').exists()).toBe(true);
    w.unmount();
  });
});
