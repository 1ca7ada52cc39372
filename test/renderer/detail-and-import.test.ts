// @vitest-environment happy-dom
// Call detail (metrics, event table with localised labels) and the import dialog.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CallDetailPanel from '../../src/renderer/src/components/CallDetailPanel.vue';
import ImportDialog from '../../src/renderer/src/components/ImportDialog.vue';
import { useDetailStore } from '../../src/renderer/src/stores/detail';
import { useImportsStore } from '../../src/renderer/src/stores/imports';
import { useArchiveStore } from '../../src/renderer/src/stores/archive';
import { machineTimeZone } from '../../src/renderer/src/format';
import type { Locale } from '../../src/shared/i18n/messages';
import { advance, setupEnv, type TestEnv } from './mount-helpers';

let env: TestEnv;
const chartStub = {
  EventChart: { props: ['detail'], template: '<div data-testid="event-chart">{{ detail.call.events.length }}</div>' },
};

async function openCall(callId: string, locale: Locale = 'en') {
  env = setupEnv({ locale });
  const w = mount(CallDetailPanel, { global: { plugins: env.plugins, stubs: chartStub } });
  await useDetailStore().open(callId);
  await flushPromises();
  return w;
}

describe('call detail', () => {
  it('lists the events as text with type labels and the event label, plus metrics', async () => {
    const w = await openCall('cb-2nd-0001');
    const table = w.get('[data-testid=event-table]');
    const types = table.findAll('tbody tr.event').map((r) => r.findAll('td')[1]!.text());
    expect(types).toEqual(['Menu', 'Queue', 'Menu', 'Queue (callback)', 'Conversation']);
    expect(w.get('[data-testid=event-label]').text()).toBe('1 unanswered call finished');
    expect(w.get('[data-testid=event-chart]').text()).toBe('5');
    const metrics = w.get('[data-testid=call-metrics]').text();
    expect(metrics).toContain('3 h 13 min'); // time before answer
    expect(metrics).toContain('4:22'); // speaktime
    expect(metrics).toContain('Anna Holm, Bo Jensen');
    expect(metrics).toContain('Invoice question');
    // The raw rows behind the Queue (callback): file and line.
    expect(table.findAll('tbody tr.trace')[3]!.text()).toContain('fixture.csv: 5');
  });

  it('shows Danish labels: Kø (tilbagekald), Samtale, Rådfør', async () => {
    const w = await openCall('cb-2nd-0001', 'da');
    const text = w.get('[data-testid=event-table]').text();
    expect(text).toContain('Kø (tilbagekald)');
    expect(text).toContain('Samtale');
    expect(w.get('[data-testid=event-label]').text()).toBe('1 ubesvaret opkald færdig');
    await useDetailStore().open('a2a-0002');
    await flushPromises();
    expect(w.get('[data-testid=event-table]').text()).toContain('Rådfør');
  });

  it('shows the call opened last even when an earlier one answers later', async () => {
    const w = await openCall('in-0005');
    const get = env.api.calls.get;
    env.api.calls.get = async (id) => {
      if (id === 'cb-2nd-0001') await advance(80);
      return get(id);
    };
    const slow = useDetailStore().open('cb-2nd-0001');
    const fast = useDetailStore().open('a2a-0002');
    await Promise.all([slow, fast]);
    await flushPromises();
    expect(useDetailStore().detail!.call.callId).toBe('a2a-0002');
    expect(w.get('[data-testid=event-table]').text()).toContain('Consult');
  });

  it('says so when the call is gone', async () => {
    const w = await openCall('no-such-call');
    expect(w.text()).toContain('no longer in the archive');
  });
});

describe('import dialog', () => {
  afterEach(() => vi.useRealTimers());
  beforeEach(() => {
    env = setupEnv();
  });

  it("opens in the zone the archive's exports were read in, else this computer's", async () => {
    const imports = useImportsStore();
    const w = mount(ImportDialog, { global: { plugins: env.plugins } });
    imports.openDialog();
    await flushPromises();
    const zone = () => (w.get('[data-testid=import-timezone]').element as HTMLSelectElement).value;
    expect(zone()).toBe(machineTimeZone()); // the archive is not loaded yet: its zone is not known
    imports.closeDialog();
    await useArchiveStore().load();
    imports.openDialog();
    await flushPromises();
    expect(zone()).toBe('Europe/Copenhagen');
    w.unmount();
  });

  it('uploads the chosen files, imports in the chosen zone, polls progress and reports rejected rows', async () => {
    const imports = useImportsStore();
    imports.openDialog();
    const w = mount(ImportDialog, { global: { plugins: env.plugins } });
    await flushPromises();
    const file = new File(['call_id\n'], 'march.csv', { type: 'text/csv' });
    const input = w.get('[data-testid=import-file-input]');
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
    await input.trigger('change');
    expect(w.text()).toContain('march.csv');
    await w.get('[data-testid=import-timezone]').setValue('Europe/Copenhagen');
    await w.get('[data-testid=import-start]').trigger('click');
    await flushPromises();
    expect(env.host.uploaded[0]!.map((f) => f.name)).toEqual(['march.csv']);
    const start = env.api.log.find((c) => c.method === 'imports.start')!;
    expect(start.arg).toEqual({ files: ['/srv/uploads/march.csv'], timeZone: 'Europe/Copenhagen' });
    expect(w.find('[data-testid=import-progress]').exists()).toBe(true);
    // The fake job finishes after 1.5 s; the dialog polls every 250 ms.
    await advance(1900);
    await flushPromises();
    const polls = env.api.log.filter((c) => c.method === 'imports.progress').length;
    expect(polls).toBeGreaterThanOrEqual(3);
    const report = w.get('[data-testid=import-report]');
    expect(report.text()).toContain('march.csv');
    expect(report.text()).toContain('33,334');
    expect(report.text()).toContain('unknown event_type "x"');
    expect(report.text()).toContain('2044');
    // While and after importing, the chooser gives way to a one-line summary; "Import more" brings it back.
    expect(w.find('[data-testid=import-start]').exists()).toBe(false);
    await w.get('[data-testid=import-again]').trigger('click');
    expect(w.find('[data-testid=import-report]').exists()).toBe(false);
    expect(w.get('[data-testid=import-start]').attributes('disabled')).toBeDefined();
  });

  it('keeps importing when the dialog is closed, shows it in the header, and reopens on a click', async () => {
    const App = (await import('../../src/renderer/src/App.vue')).default;
    const w = mount(App, { attachTo: document.body, global: { plugins: env.plugins, stubs: chartStub } });
    await flushPromises();
    useImportsStore().openDialog(['/data/big.csv']);
    await flushPromises();
    await w.get('[data-testid=import-start]').trigger('click');
    await flushPromises();
    await w.get('[data-testid=import-dialog] .dialog-head button').trigger('click');
    await flushPromises();
    expect(w.find('[data-testid=import-dialog]').exists()).toBe(false);
    expect(w.get('[data-testid=import-status]').text()).toMatch(/Importing… \d+%/);
    await advance(1900);
    await flushPromises();
    // Finished in the background: the indicator goes, the list was refreshed.
    expect(w.find('[data-testid=import-status]').exists()).toBe(false);
    expect(env.api.log.filter((c) => c.method === 'imports.progress').length).toBeGreaterThanOrEqual(3);
    await w.get('[data-testid=import-open]').trigger('click');
    await flushPromises();
    // A new session of the dialog starts empty.
    expect(w.get('[data-testid=import-dialog]').text()).toContain('No files chosen');
    w.unmount();
  });

  it('cancels a running import', async () => {
    useImportsStore().openDialog(['/data/big.csv']);
    const w = mount(ImportDialog, { global: { plugins: env.plugins } });
    await flushPromises();
    expect(w.text()).toContain('big.csv');
    await w.get('[data-testid=import-start]').trigger('click');
    await flushPromises();
    await w.get('[data-testid=import-cancel]').trigger('click');
    await advance(600);
    await flushPromises();
    expect(env.api.log.some((c) => c.method === 'imports.cancel')).toBe(true);
    expect(w.get('[data-testid=import-progress]').attributes('data-state')).toBe('cancelled');
  });
});

describe('call detail, as a new user met it (issue 14)', () => {
  it('names a dialer type once: "Dialer (preview)", not "Dialer (preview) (preview)" (item 3)', async () => {
    const { callTypeText } = await import('../../src/shared/i18n/call-type-text');
    const { messageAt, messages } = await import('../../src/shared/i18n/messages');
    const t = (k: string) => messageAt(messages.en, k);
    expect(callTypeText('dialer_preview', 'preview', t)).toBe('Dialer (preview)');
    expect(callTypeText('dialer_contact_first', 'contact_first', t)).toBe('Dialer (contact first)');
    expect(callTypeText('dialer_contact_first', 'predictive', t)).toBe('Dialer (contact first) (predictive)');
    expect(callTypeText('dialer_preview', null, t)).toBe('Dialer (preview)');
  });

  it('says the dialer mode in Danish too, and once: "Dialer (forhåndsvisning)", "(prædiktiv)"', async () => {
    const { callTypeText } = await import('../../src/shared/i18n/call-type-text');
    const { messageAt, messages } = await import('../../src/shared/i18n/messages');
    const t = (k: string) => messageAt(messages.da, k);
    expect(callTypeText('dialer_preview', 'preview', t)).toBe('Dialer (forhåndsvisning)');
    expect(callTypeText('dialer_contact_first', 'predictive', t)).toBe('Dialer (kontakt først) (prædiktiv)');
    expect(callTypeText('dialer_contact_first', 'Turbo', t)).toBe('Dialer (kontakt først) (Turbo)');
  });

  it('starts another call at the top of the panel (item 11)', async () => {
    const w = await openCall('cb-2nd-0001');
    const content = w.get('[data-testid=detail-content]').element as HTMLElement;
    content.scrollTop = 400;
    await useDetailStore().open('a2a-0002');
    await flushPromises();
    expect(content.scrollTop).toBe(0);
  });

  it('shows a result code with its meaning in the events table (item 6)', async () => {
    const w = await openCall('cb-2nd-0001');
    expect(w.findAll('tbody tr.trace')[1]!.text()).toContain('q · callback ordered or request queued');
  });
});
