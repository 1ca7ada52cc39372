// @vitest-environment happy-dom
// The export and saved-search stores and their components against the fake API:
// the export dialog runs a job to done and hands the files to the host; saved
// searches are saved, run and deleted; a search the user pauses on becomes recent.
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ExportDialog from '../../src/renderer/src/components/ExportDialog.vue';
import SavedSearches from '../../src/renderer/src/components/SavedSearches.vue';
import { useCallsStore } from '../../src/renderer/src/stores/calls';
import { EXPORT_POLL_MS, useExportsStore } from '../../src/renderer/src/stores/exports';
import { RECENT_AFTER_MS, useSearchesStore } from '../../src/renderer/src/stores/searches';
import { displayZone } from '../../src/renderer/src/format';
import { setupEnv, type TestEnv } from './mount-helpers';

let env: TestEnv;
let handedOn: { jobId: string; files: { kind: string; name: string }[] }[];
beforeEach(() => {
  vi.useFakeTimers();
  env = setupEnv({ generated: 300 });
  handedOn = [];
  env.host.saveExport = async (jobId, files) => {
    handedOn.push({ jobId, files });
    return files.map((f) => f.name);
  };
});
const shownZone = displayZone.value;
afterEach(() => {
  vi.useRealTimers();
  displayZone.value = shownZone;
});

describe('export dialog', () => {
  it("exports the list's search with the chosen format, shows progress, hands the files on when done", async () => {
    const calls = useCallsStore();
    calls.setText('Support');
    calls.sort = 'waitTimeSec';
    const exports = useExportsStore();
    displayZone.value = 'Asia/Tokyo';
    exports.openDialog();
    const w = mount(ExportDialog, { global: { plugins: env.plugins }, attachTo: document.body });
    await w.find('[data-testid="export-format-csv-semicolon"]').setValue(true);
    await w.find('[data-testid="export-events"]').setValue(true);
    await w.find('[data-testid="export-start"]').trigger('click');
    await vi.advanceTimersByTimeAsync(0);
    const start = env.api.log.find((c) => c.method === 'exports.start')!.arg as Record<string, unknown>;
    expect(start).toMatchObject({ format: 'csv', separator: ';', includeEvents: true });
    // The file's times are the list's: the zone "Times shown in" chose, said in the dialog too.
    expect(start.timeZone).toBe('Asia/Tokyo');
    expect(w.text()).toContain('Times in Asia/Tokyo');
    expect(start.search).toMatchObject({ text: 'Support', sort: 'waitTimeSec' });
    expect(start.search).not.toHaveProperty('limit');
    expect(w.find('[data-testid="export-progress"]').attributes('data-state')).toBe('running');
    expect(w.find('[data-testid="export-cancel"]').exists()).toBe(true);
    await vi.advanceTimersByTimeAsync(1200 + EXPORT_POLL_MS);
    expect(w.find('[data-testid="export-progress"]').attributes('data-state')).toBe('done');
    expect(handedOn).toHaveLength(1);
    expect(handedOn[0]!.files.map((f) => f.kind)).toEqual(['calls', 'events']);
    expect(w.find('[data-testid="export-saved"]').text()).toMatch(/^Saved: callscope-calls-.*\.csv, callscope-events-/);
    w.unmount();
  });

  it('says one call in the singular (not "All 1 calls"), in English and Danish', async () => {
    const calls = useCallsStore();
    const exports = useExportsStore();
    displayZone.value = 'UTC';
    exports.openDialog();
    calls.total = 1;
    const w = mount(ExportDialog, { global: { plugins: env.plugins }, attachTo: document.body });
    expect(w.text()).toContain('The one call of the current search. Times in UTC.');
    calls.total = 2;
    await w.vm.$nextTick();
    expect(w.text()).toContain('All 2 calls of the current search, in the list order. Times in UTC.');
    calls.total = 1;
    env.i18n.global.locale.value = 'da';
    await w.vm.$nextTick();
    expect(w.text()).toContain('Det ene opkald i den aktuelle søgning. Tider i UTC.');
    w.unmount();
  });

  it('cancel stops the job', async () => {
    const exports = useExportsStore();
    exports.openDialog();
    const w = mount(ExportDialog, { global: { plugins: env.plugins }, attachTo: document.body });
    await w.find('[data-testid="export-start"]').trigger('click');
    await vi.advanceTimersByTimeAsync(0);
    await w.find('[data-testid="export-cancel"]').trigger('click');
    await vi.advanceTimersByTimeAsync(0);
    expect(exports.progress?.state).toBe('cancelled');
    expect(handedOn).toEqual([]);
    w.unmount();
  });
});

describe('saved and recent searches', () => {
  it('saves the current search under a name, runs it again, deletes it', async () => {
    const calls = useCallsStore();
    calls.setText('4520');
    calls.filters = { ...calls.filters, queues: ['Support'] };
    const w = mount(SavedSearches, { global: { plugins: env.plugins }, attachTo: document.body });
    await w.find('[data-testid="saved-searches"]').trigger('click');
    await w.find('[data-testid="saved-search-name"]').setValue('Support 4520');
    await w.find('form').trigger('submit');
    await vi.advanceTimersByTimeAsync(0);
    const saved = env.api.log.find((c) => c.method === 'searches.save')!.arg as { name: string; search: object };
    expect(saved).toEqual({
      name: 'Support 4520',
      search: { text: '4520', queues: ['Support'], sort: 'start', direction: 'desc' },
    });
    expect(w.find('[data-testid="saved-search-list"]').text()).toContain('Support 4520');

    calls.setText('');
    calls.filters = { ...calls.filters, queues: [] };
    await w.find('button[aria-label="Run Support 4520"]').trigger('click');
    expect(calls.text).toBe('4520');
    expect(calls.filters.queues).toEqual(['Support']);

    await w.find('[data-testid="saved-searches"]').trigger('click');
    await vi.advanceTimersByTimeAsync(0);
    await w.find('button[aria-label="Delete Support 4520"]').trigger('click');
    await vi.advanceTimersByTimeAsync(0);
    expect(w.find('[data-testid="saved-search-list"]').exists()).toBe(false);
    w.unmount();
  });

  it('records a search as recent once typing pauses, not per keystroke', async () => {
    const calls = useCallsStore();
    const searches = useSearchesStore();
    searches.trackRecent();
    for (const text of ['4', '45', '452']) {
      calls.setText(text);
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(env.api.log.filter((c) => c.method === 'searches.recordRecent')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(RECENT_AFTER_MS);
    const recorded = env.api.log.filter((c) => c.method === 'searches.recordRecent');
    expect(recorded.map((c) => (c.arg as { text?: string }).text)).toEqual(['452']);
    expect(searches.recent.map((r) => r.search.text)).toEqual(['452']);
  });
});
