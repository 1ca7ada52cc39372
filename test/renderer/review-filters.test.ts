// @vitest-environment happy-dom
// Review filters in the list (#15): the chips set tags / statuses / note text / has notes,
// the query carries them, the review facets give the counts, the URL and saved searches keep them.
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import ReviewFilterChips from '../../src/renderer/src/components/ReviewFilterChips.vue';
import { useCallsStore } from '../../src/renderer/src/stores/calls';
import { useReviewStore } from '../../src/renderer/src/stores/review';
import { activeFilterCount, buildCallSearch, emptyFilters } from '../../src/renderer/src/stores/search-query';
import { filtersOf, savedBody, searchSummary } from '../../src/renderer/src/stores/searches';
import { applyView, currentView } from '../../src/renderer/src/url-sync';
import { useDetailStore } from '../../src/renderer/src/stores/detail';
import { savedSearchBodySchema } from '../../src/shared/api/schemas';
import { decodeViewState, emptyViewState, encodeViewState } from '../../src/shared/links';
import type { CallSearch } from '../../src/shared/api/archive-api';
import { setupEnv, type TestEnv } from './mount-helpers';

let env: TestEnv;
beforeEach(() => {
  env = setupEnv({ generated: 50 });
  env.api.review.tags = async () => [
    { id: 1, name: 'late callback', colour: '#c0392b', calls: 5 },
    { id: 2, name: 'wrong queue', colour: '#2f6fde', calls: 2 },
  ];
  env.api.review.facets = async (q) => {
    env.api.log.push({ method: 'review.facets', arg: q });
    return {
      tag: [{ value: 'late callback', count: 4 }],
      status: [
        { value: 'unreviewed', count: 40 },
        { value: 'flagged', count: 10 },
      ],
    };
  };
});

function lastSearch(): CallSearch {
  return env.api.log.filter((c) => c.method === 'calls.search').at(-1)!.arg as CallSearch;
}

describe('the review part of the list query', () => {
  it('sends tags, statuses, trimmed note text and has-notes only when set; each chip counts once', () => {
    const f = emptyFilters();
    expect(buildCallSearch('', f, 'start', 'desc', 10)).toEqual({ sort: 'start', direction: 'desc', limit: 10 });
    f.tags = ['late callback'];
    f.statuses = ['flagged', 'unreviewed'];
    f.noteText = '  refund ';
    f.hasNotes = false;
    expect(buildCallSearch('', f, 'start', 'desc', 10)).toMatchObject({
      tags: ['late callback'],
      statuses: ['flagged', 'unreviewed'],
      noteText: 'refund',
      hasNotes: false,
    });
    // Tags, statuses, and one for the notes chip (text and with / without together).
    expect(activeFilterCount(f)).toBe(3);
    expect(activeFilterCount({ ...emptyFilters(), noteText: '   ' })).toBe(0);
  });

  it('round-trips through the URL view and a saved search', () => {
    const calls = useCallsStore();
    const detail = useDetailStore();
    calls.filters = { ...emptyFilters(), tags: ['a'], statuses: ['reviewed'], noteText: 'x', hasNotes: true };
    const view = currentView(calls, detail);
    expect(view).toMatchObject({ tags: ['a'], statuses: ['reviewed'], noteText: 'x', hasNotes: true });
    expect(decodeViewState(encodeViewState(view))).toEqual(view);
    // A view without review filters has the URL it had before them.
    calls.filters = emptyFilters();
    expect(encodeViewState(currentView(calls, detail))).toBe('');

    applyView({ ...emptyViewState(), tags: ['b'], hasNotes: false }, calls, detail);
    expect(calls.filters).toMatchObject({ tags: ['b'], statuses: [], noteText: '', hasNotes: false });
    applyView(emptyViewState(), calls, detail);
    expect(calls.filters).toMatchObject({ tags: [], hasNotes: null });

    calls.filters = { ...emptyFilters(), tags: ['a'], statuses: ['flagged'], noteText: 'refund', hasNotes: true };
    const body = savedSearchBodySchema.parse(savedBody(calls));
    expect(body).toMatchObject({ tags: ['a'], statuses: ['flagged'], noteText: 'refund', hasNotes: true });
    expect(filtersOf(body)).toEqual(calls.filters);
    expect(filtersOf({})).toEqual(emptyFilters());
  });

  it('names the review filters of a stored search in the user language', () => {
    const t = env.i18n.global.t as (k: string) => string;
    expect(searchSummary({ tags: ['a', 'b'], statuses: ['flagged'], noteText: 'x', hasNotes: false }, t)).toBe(
      '#a, #b · Flagged · note "x" · without notes',
    );
    const da = setupEnv({ locale: 'da' }).i18n.global.t as (k: string) => string;
    expect(searchSummary({ statuses: ['reviewed'], hasNotes: true }, da)).toBe('Gennemgået · med noter');
    // Call types and outcomes are codes: said in the user's words too (a recent search read "abandoned").
    expect(searchSummary({ types: ['callback'], outcomes: ['abandoned'], queues: ['Q_Salg'] }, da)).toBe(
      'Tilbagekald · Opgivet · Q_Salg',
    );
    expect(searchSummary({ outcomes: ['abandoned'] })).toBe('abandoned'); // no translator: the code
  });
});

describe('ReviewFilterChips', () => {
  async function mountChips() {
    const w = mount(ReviewFilterChips, { attachTo: document.body, global: { plugins: env.plugins } });
    await useCallsStore().refresh();
    await flushPromises();
    return w;
  }

  it('loads the tag list and the review facets when a chip opens, and filters by the checked tag', async () => {
    const w = await mountChips();
    expect(env.api.log.some((c) => c.method === 'review.facets')).toBe(false);
    await w.get('[data-testid=filter-tags]').trigger('click');
    await flushPromises();
    expect(env.api.log.filter((c) => c.method === 'review.facets')).toHaveLength(1);
    const labels = w.findAll('[data-testid=filter-tags-options] label');
    expect(labels.map((l) => l.text())).toEqual(['late callback4', 'wrong queue0']);
    expect(labels[0]!.find('.dot').attributes('style')).toContain('background');
    await labels[0]!.get('input').setValue(true);
    await flushPromises();
    expect(useCallsStore().filters.tags).toEqual(['late callback']);
    expect(lastSearch().tags).toEqual(['late callback']);
    // The counts follow the list's search while the chip is open.
    expect(env.api.log.filter((c) => c.method === 'review.facets')).toHaveLength(2);
    expect(w.get('[data-testid=filter-tags]').text()).toContain('late callback');
    w.unmount();
  });

  it('status chip: translated statuses with their counts', async () => {
    const w = await mountChips();
    await w.get('[data-testid=filter-status]').trigger('click');
    await flushPromises();
    const labels = w.findAll('[data-testid=filter-status-options] label').map((l) => l.text());
    expect(labels).toEqual(['Unreviewed40', 'Reviewed0', 'Flagged10']);
    await w.findAll('[data-testid=filter-status-options] input')[2]!.setValue(true);
    expect(lastSearch().statuses).toEqual(['flagged']);
    w.unmount();
  });

  it('notes chip: with / without, and the note text on Enter; Esc gives focus back to the chip', async () => {
    const w = await mountChips();
    const chip = w.get('[data-testid=filter-notes]');
    await chip.trigger('click');
    await w.get('[data-testid=filter-notes-with]').setValue(true);
    expect(lastSearch().hasNotes).toBe(true);
    const box = w.get('[data-testid=filter-note-text]');
    await box.setValue('refund');
    await box.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(lastSearch()).toMatchObject({ noteText: 'refund', hasNotes: true });
    expect(chip.text()).toContain('with notes, “refund”');
    (box.element as HTMLInputElement).focus();
    await box.trigger('keydown', { key: 'Escape' });
    expect(document.activeElement).toBe(chip.element);
    await w.get('[data-testid=filter-notes]').trigger('click');
    await w.get('[data-testid=filter-notes-any]').setValue(true);
    expect(lastSearch().hasNotes).toBeUndefined();
    w.unmount();
  });

  it('"Manage tags…" opens the tag list dialog', async () => {
    const w = await mountChips();
    await w.get('[data-testid=filter-tags]').trigger('click');
    await w.get('[data-testid=filter-tags-manage]').trigger('click');
    expect(useReviewStore().tagManagerOpen).toBe(true);
    expect(w.find('[data-testid=filter-tags-options]').exists()).toBe(false);
    w.unmount();
  });
});
