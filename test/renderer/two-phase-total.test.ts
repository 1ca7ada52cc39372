// @vitest-environment happy-dom
// Results before the count: the list shows a page whose total the archive has not
// counted yet (totalPending), sizes itself by the rows known so far, asks for the
// count once typing pauses (never for an older text) and snaps to it; End waits for it.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CallsView from '../../src/renderer/src/views/CallsView.vue';
import { COUNT_DELAY_MS, COUNT_RECHECK_MS, useCallsStore } from '../../src/renderer/src/stores/calls';
import type { CallSearch } from '../../src/shared/api/archive-api';
import { fakeLayout, advance, setupEnv, type TestEnv } from './mount-helpers';

let env: TestEnv;

function mountList() {
  return mount(CallsView, {
    attachTo: document.body,
    global: { plugins: env.plugins, stubs: { EventChart: { template: '<div data-testid="event-chart" />' } } },
  });
}
const searches = (): CallSearch[] =>
  env.api.log.filter((c) => c.method === 'calls.search').map((c) => c.arg as CallSearch);
/** The requests that count (no `count: false`). */
const counts = () => searches().filter((s) => s.count !== false && s.offset === undefined);

afterEach(() => vi.useRealTimers());

beforeEach(() => {
  fakeLayout();
  env = setupEnv({ generated: 300 });
  env.api.pendingTotals = () => true;
});

describe('two-phase total', () => {
  it('shows the rows at once with a lower bound, then the counted total', async () => {
    const w = mountList();
    await flushPromises();
    await advance(5);
    const calls = useCallsStore();
    expect(searches()[0]).toMatchObject({ count: false, limit: 100 });
    expect(w.findAll('[data-testid=call-row]').length).toBeGreaterThan(10);
    expect(calls.totalPending).toBe(true);
    expect(calls.total).toBe(101); // 100 rows and at least one more
    expect(w.get('[data-testid=result-count]').text()).toBe('at least 101 calls (counting…)');
    expect(w.get('[role=grid]').attributes('aria-rowcount')).toBe('102');
    expect(counts()).toHaveLength(0); // not before the quiet time
    await advance(COUNT_DELAY_MS + 50);
    await flushPromises();
    expect(counts()).toHaveLength(1);
    expect(counts()[0]).toMatchObject({ limit: 1 });
    expect(calls.totalPending).toBe(false);
    expect(calls.total).toBe(305);
    expect(w.get('[data-testid=result-count]').text()).toBe('305 calls');
    expect(w.get('[role=grid]').attributes('aria-rowcount')).toBe('306');
    w.unmount();
  });

  it('asks again for a count the archive answered as "at least N" (past its budget, #18), until it is exact', async () => {
    const search = env.api.calls.search.bind(env.api.calls);
    let late = 2;
    env.api.calls.search = async (q) => {
      const page = await search(q);
      if (q.count === false || late-- <= 0) return page;
      return { ...page, total: page.rows.length + 1, totalPending: true };
    };
    const w = mountList();
    await flushPromises();
    const calls = useCallsStore();
    await advance(COUNT_DELAY_MS + 50);
    expect(counts()).toHaveLength(1);
    expect(calls.totalPending).toBe(true);
    await advance(COUNT_RECHECK_MS);
    expect(counts()).toHaveLength(2);
    expect(calls.totalPending).toBe(true);
    await advance(COUNT_RECHECK_MS);
    expect(counts()).toHaveLength(3);
    expect(calls.totalPending).toBe(false);
    expect(calls.total).toBe(305);
    await advance(COUNT_RECHECK_MS * 5);
    expect(counts()).toHaveLength(3);
    w.unmount();
  });

  it('grows with the pages read on while the count is pending', async () => {
    const w = mountList();
    await flushPromises();
    const calls = useCallsStore();
    await calls.ensureRange(90, 100);
    expect(calls.totalPending).toBe(true);
    expect(calls.total).toBeGreaterThan(101);
    expect(
      searches()
        .filter((s) => s.cursor)
        .every((s) => s.count === false),
    ).toBe(true);
    const all = await env.api.calls.search({ sort: 'start', direction: 'desc', limit: 1000 });
    for (let i = 0; i < calls.total - 1; i++) expect(calls.rowAt(i)?.callId).toBe(all.rows[i]!.callId);
    w.unmount();
  });

  it('never counts an older text while typing goes on, and drops a count that arrives after a newer key', async () => {
    const w = mountList();
    await flushPromises();
    await advance(COUNT_DELAY_MS + 50);
    const input = w.get('[data-testid=search-input]');
    const before = counts().length;
    for (const text of ['g', 'ge', 'gen', 'gen-']) {
      await input.setValue(text);
      await advance(60); // faster than the quiet time
    }
    await advance(SETTLE_AFTER_TYPING);
    await flushPromises();
    const later = counts().slice(before);
    expect(later.map((s) => s.text)).toEqual(['gen-']);
    const calls = useCallsStore();
    expect(calls.totalPending).toBe(false);
    expect(calls.total).toBe(300);
    // A slow count, then a new key: its answer must not set the new text's total.
    env.api.searchDelay = (q) => (q.count === false ? 0 : q.text === 'gen-00' ? 400 : 300);
    await input.setValue('gen-00');
    await advance(COUNT_DELAY_MS + 100); // its count is out (400 ms)
    expect(counts().at(-1)?.text).toBe('gen-00');
    await input.setValue('gen-00001');
    await advance(20);
    await flushPromises();
    expect(calls.totalPending).toBe(true);
    // gen-00's count (300 rows) arrives first, while gen-00001's is out: it is dropped.
    await advance(350);
    await flushPromises();
    expect(calls.totalPending).toBe(true);
    await advance(200);
    await flushPromises();
    expect(counts().at(-1)?.text).toBe('gen-00001');
    expect(calls.totalPending).toBe(false);
    expect(calls.total).toBe(100);
    w.unmount();
  });

  it('End waits for the count, then jumps to the last row', async () => {
    const w = mountList();
    await flushPromises();
    await advance(5);
    const calls = useCallsStore();
    expect(calls.totalPending).toBe(true);
    await w.get('[data-testid=call-list]').trigger('keydown', { key: 'End' });
    await flushPromises();
    await advance(20);
    expect(calls.totalPending).toBe(false);
    expect(calls.selectedIndex).toBe(304);
    expect(calls.rowAt(304)!.callId).toBe('gen-0000299');
    expect(searches().filter((s) => s.offset === 300)).toHaveLength(1);
    w.unmount();
  });
});

const SETTLE_AFTER_TYPING = 150 + COUNT_DELAY_MS + 150;
