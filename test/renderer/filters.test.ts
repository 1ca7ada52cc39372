// @vitest-environment happy-dom
// Filter chips → the CallSearch the list sends to the API.
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import FilterBar from '../../src/renderer/src/components/FilterBar.vue';
import { useCallsStore } from '../../src/renderer/src/stores/calls';
import { activeFilterCount, buildCallSearch, emptyFilters } from '../../src/renderer/src/stores/search-query';
import type { CallSearch } from '../../src/shared/api/archive-api';
import { advance, setupEnv, type TestEnv } from './mount-helpers';
import { FACETS_RECHECK_MS } from '../../src/renderer/src/stores/call-facets';
import { useArchiveStore } from '../../src/renderer/src/stores/archive';
import { displayZone } from '../../src/renderer/src/format';

let env: TestEnv;
beforeEach(() => {
  env = setupEnv({ generated: 300 });
});

function lastSearch(): CallSearch {
  const s = env.api.log.filter((c) => c.method === 'calls.search');
  return s.at(-1)!.arg as CallSearch;
}

async function mountBar() {
  const w = mount(FilterBar, { attachTo: document.body, global: { plugins: env.plugins } });
  await useCallsStore().refresh();
  await flushPromises();
  return w;
}

describe('buildCallSearch', () => {
  it('sends only the sort and page size when no filter is set', () => {
    expect(buildCallSearch('  ', emptyFilters(), 'start', 'desc', 100)).toEqual({
      sort: 'start',
      direction: 'desc',
      limit: 100,
    });
  });

  it('maps every active filter, trims the text and passes the cursor', () => {
    const f = emptyFilters();
    f.from = '2026-03-01T00:00:00.000Z';
    f.types = ['callback'];
    f.outcomes = ['answered', 'deleted'];
    f.queues = ['Support'];
    f.agents = ['Bo Jensen'];
    f.waitTimeSec = { min: 30 };
    f.speakTimeSec = { max: 600 };
    f.callbackAttempts = { min: 2, max: undefined };
    f.durationSec = { min: Number.NaN };
    expect(buildCallSearch(' +4522 ', f, 'waitTimeSec', 'asc', 200, 'c1')).toEqual({
      text: '+4522',
      from: '2026-03-01T00:00:00.000Z',
      types: ['callback'],
      outcomes: ['answered', 'deleted'],
      queues: ['Support'],
      agents: ['Bo Jensen'],
      waitTimeSec: { min: 30 },
      speakTimeSec: { max: 600 },
      callbackAttempts: { min: 2 },
      sort: 'waitTimeSec',
      direction: 'asc',
      limit: 200,
      cursor: 'c1',
    });
    expect(activeFilterCount(f)).toBe(8);
  });
});

describe('filter chips', () => {
  it('call type chip: ticking an option searches with types', async () => {
    const w = await mountBar();
    await w.get('[data-testid=filter-type]').trigger('click');
    await flushPromises(); // counts load when a chip showing them opens
    const options = w.get('[data-testid=filter-type-options]');
    const callback = options.findAll('label').find((l) => l.text().startsWith('Callback'))!;
    // Counts come from the facets.
    expect(callback.text()).toMatch(/Callback\s*\d+/);
    await callback.get('input').setValue(true);
    await flushPromises();
    expect(lastSearch().types).toEqual(['callback']);
    expect(w.get('[data-testid=filter-type]').text()).toContain('Callback');
    w.unmount();
  });

  it('queue and agent chips offer the facet values with counts', async () => {
    const w = await mountBar();
    await w.get('[data-testid=filter-queue]').trigger('click');
    await flushPromises(); // counts load when a chip showing them opens
    const queues = w.get('[data-testid=filter-queue-options]');
    const labels = queues.findAll('label').map((l) => l.text());
    expect(labels.some((l) => /^Support\s*\d+/.test(l))).toBe(true);
    await queues.findAll('input[type=checkbox]')[0]!.setValue(true);
    await flushPromises();
    expect(lastSearch().queues).toHaveLength(1);
    await w.get('[data-testid=filter-agent]').trigger('click');
    await flushPromises(); // counts load when a chip showing them opens
    const agents = w.get('[data-testid=filter-agent-options]');
    const anna = agents.findAll('label').find((l) => l.text().startsWith('Anna Holm'))!;
    await anna.get('input').setValue(true);
    await flushPromises();
    expect(lastSearch().agents).toEqual(['Anna Holm']);
    expect(lastSearch().queues).toHaveLength(1);
    w.unmount();
  });

  it('outcome chip and durations chip', async () => {
    const w = await mountBar();
    await w.get('[data-testid=filter-outcome]').trigger('click');
    await flushPromises(); // counts load when a chip showing them opens
    const deleted = w
      .get('[data-testid=filter-outcome-options]')
      .findAll('label')
      .find((l) => l.text().startsWith('Deleted'))!;
    await deleted.get('input').setValue(true);
    await flushPromises();
    expect(lastSearch().outcomes).toEqual(['deleted']);
    await w.get('[data-testid=filter-durations]').trigger('click');
    await w.get('[data-testid=filter-waitTimeSec-min]').setValue('60');
    await flushPromises();
    expect(lastSearch().waitTimeSec).toEqual({ min: 60 });
    await w.get('[data-testid=filter-speakTimeSec-max]').setValue('300');
    await flushPromises();
    expect(lastSearch()).toMatchObject({ outcomes: ['deleted'], waitTimeSec: { min: 60 }, speakTimeSec: { max: 300 } });
    // Clear filters removes them all.
    await w.get('[data-testid=filter-clear]').trigger('click');
    await flushPromises();
    const q = lastSearch();
    expect(q.outcomes).toBeUndefined();
    expect(q.waitTimeSec).toBeUndefined();
    w.unmount();
  });

  it('estimated counts (a large archive answers a sample first) are marked, then replaced by the exact ones (#18)', async () => {
    const exact = env.api.calls.facets.bind(env.api.calls);
    let estimates = 2;
    env.api.calls.facets = async (q) => {
      const f = await exact(q);
      if (estimates-- <= 0) return f;
      return { ...f, type: f.type.map((c) => ({ ...c, count: c.count * 2 })), estimated: true };
    };
    const w = await mountBar();
    await w.get('[data-testid=filter-type]').trigger('click');
    await flushPromises();
    const inbound = () => w.get('[data-testid=filter-type-options]').findAll('label')[0]!;
    const marked = () => inbound().find('[data-estimated]').exists();
    expect(marked()).toBe(true);
    expect(inbound().text()).toContain('≈');
    const estimate = inbound().text();
    const facetCalls = () => env.api.log.filter((c) => c.method === 'calls.facets').length;
    // Asked again after a while: still an estimate, then the exact counts, and no more asking.
    await advance(FACETS_RECHECK_MS);
    expect(facetCalls()).toBe(2);
    expect(marked()).toBe(true);
    await advance(FACETS_RECHECK_MS);
    expect(facetCalls()).toBe(3);
    expect(marked()).toBe(false);
    expect(inbound().text()).not.toContain('≈');
    expect(inbound().text()).not.toBe(estimate);
    await advance(FACETS_RECHECK_MS * 5);
    expect(facetCalls()).toBe(3);
    w.unmount();
  });

  it('loads counts only while a chip showing them is open (they must not hold up typing)', async () => {
    const w = await mountBar();
    const facetCalls = () => env.api.log.filter((c) => c.method === 'calls.facets').length;
    expect(facetCalls()).toBe(0);
    await useCallsStore().refresh();
    await flushPromises();
    expect(facetCalls()).toBe(0);
    await w.get('[data-testid=filter-queue]').trigger('click');
    await flushPromises();
    expect(facetCalls()).toBe(1);
    // While it is open, a new query loads its counts once, after its rows.
    await useCallsStore().refresh();
    await flushPromises();
    expect(facetCalls()).toBe(2);
    await w.get('[data-testid=filter-queue]').trigger('click'); // closed
    await flushPromises();
    await useCallsStore().refresh();
    await flushPromises();
    expect(facetCalls()).toBe(2);
    w.unmount();
  });

  it("time chip: a preset counts back from the archive's newest call, not from today (issue 14 item 9)", async () => {
    displayZone.value = 'Europe/Copenhagen';
    const w = await mountBar();
    // An archive of last month: its newest call is long before today.
    useArchiveStore().info = { ...(await env.api.archive.info()), lastCall: '2026-10-06T09:15:00.000Z' };
    await w.get('[data-testid=filter-time]').trigger('click');
    expect(w.get('[data-testid=preset-hint]').text()).toContain('2026-10-06 11:15:00 +02');
    await w.get('[data-testid=preset-7d]').trigger('click');
    await flushPromises();
    // The seven days (Copenhagen) that end with the newest call's day.
    expect(lastSearch()).toMatchObject({ from: '2026-09-29T22:00:00.000Z', to: '2026-10-06T22:00:00.000Z' });
    expect(w.get('[data-testid=filter-time]').text()).toContain('2026-09-30 – 2026-10-06');
    await w.get('[data-testid=preset-24h]').trigger('click');
    await flushPromises();
    expect(lastSearch()).toMatchObject({ from: '2026-10-05T10:00:00.000Z', to: '2026-10-06T10:00:00.000Z' });
    // Not whole days: the chip shows the hours.
    expect(w.get('[data-testid=filter-time]').text()).toContain('2026-10-05 12:00 – 2026-10-06 12:00');
    w.unmount();
  });
});
