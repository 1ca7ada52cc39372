// @vitest-environment happy-dom
// The import dialog as a modal (focus trap, Esc from anywhere, focus back to the
// opener), the report of a file imported again, and backend errors in Danish.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/renderer/src/App.vue';
import ImportDialog from '../../src/renderer/src/components/ImportDialog.vue';
import { ApiCallError } from '../../src/renderer/src/api';
import { errorText } from '../../src/renderer/src/errors';
import { useImportsStore } from '../../src/renderer/src/stores/imports';
import { focusables } from '../../src/renderer/src/components/modal';
import type { Locale } from '../../src/shared/i18n/messages';
import { fakeLayout, advance, setupEnv, type TestEnv } from './mount-helpers';

let env: TestEnv;
const stubs = { EventChart: { template: '<div data-testid="event-chart" />' } };
const press = (key: string, shiftKey = false) =>
  document.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true }));

function mountApp(locale: Locale = 'en') {
  env = setupEnv({ locale });
  return mount(App, { attachTo: document.body, global: { plugins: env.plugins, stubs } });
}

async function importOnce(w: ReturnType<typeof mountApp>, path: string): Promise<void> {
  useImportsStore().openDialog([path]);
  await flushPromises();
  await w.get('[data-testid=import-start]').trigger('click');
  await advance(1800); // the fake job takes 1.5 s
  await flushPromises();
  await advance(10);
}

afterEach(() => vi.useRealTimers());

beforeEach(() => fakeLayout());

describe('import dialog as a modal', () => {
  it('keeps Tab and Shift+Tab inside and brings stray focus back', async () => {
    const w = mountApp();
    await flushPromises();
    const opener = w.get('[data-testid=import-open]');
    (opener.element as HTMLElement).focus();
    await opener.trigger('click');
    await flushPromises();
    const dialog = w.get('[data-testid=import-dialog]').element as HTMLElement;
    expect(document.activeElement).toBe(dialog);
    const inside = focusables(dialog);
    // The hidden file input is not a Tab stop; the ✕, choose, time zone are.
    expect(inside.map((el) => el.dataset['testid'])).toEqual(['import-close', 'import-choose', 'import-timezone']);
    inside.at(-1)!.focus();
    press('Tab');
    expect(document.activeElement).toBe(inside[0]);
    press('Tab', true);
    expect(document.activeElement).toBe(inside.at(-1));
    // Focus that lands on the page behind (a click, a script) is brought back in.
    (w.get('[data-testid=search-input]').element as HTMLElement).focus();
    expect(dialog.contains(document.activeElement)).toBe(true);
    w.unmount();
  });

  it('closes a finished import with Esc wherever focus is, and gives focus back to the opener', async () => {
    const w = mountApp();
    await flushPromises();
    const opener = w.get('[data-testid=import-open]').element as HTMLElement;
    opener.focus();
    await importOnce(w, '/data/march.csv');
    expect(w.find('[data-testid=import-report]').exists()).toBe(true);
    // The Import button that had focus is gone: focus is on the report's Close.
    expect((document.activeElement as HTMLElement).dataset['testid']).toBe('import-done');
    (document.activeElement as HTMLElement).blur();
    press('Escape');
    await flushPromises();
    await advance(5);
    expect(w.find('[data-testid=import-dialog]').exists()).toBe(false);
    expect(document.activeElement).toBe(opener);
    w.unmount();
  });

  it('drop-opened (no opener): Esc closes it and focus goes to the Import button', async () => {
    const w = mountApp();
    await flushPromises();
    (document.activeElement as HTMLElement | null)?.blur();
    await importOnce(w, '/data/dropped.csv');
    press('Escape');
    await flushPromises();
    await advance(5);
    expect(w.find('[data-testid=import-dialog]').exists()).toBe(false);
    expect((document.activeElement as HTMLElement).dataset['testid']).toBe('import-open');
    w.unmount();
  });

  it('Esc while importing hides the dialog and the import goes on (cancel is its own button)', async () => {
    const w = mountApp();
    await flushPromises();
    useImportsStore().openDialog(['/data/big.csv']);
    await flushPromises();
    await w.get('[data-testid=import-start]').trigger('click');
    await flushPromises();
    press('Escape');
    await flushPromises();
    expect(w.find('[data-testid=import-dialog]').exists()).toBe(false);
    expect(w.get('[data-testid=import-status]').text()).toMatch(/Importing… \d+%/);
    expect(env.api.log.some((c) => c.method === 'imports.cancel')).toBe(false);
    await advance(1800);
    await flushPromises();
    expect(useImportsStore().history.length).toBe(1);
    w.unmount();
  });
});

describe('the same file imported again', () => {
  it('says plainly that the file is already in the archive, when and as which import, and counts nothing', async () => {
    const w = mountApp();
    await flushPromises();
    await importOnce(w, '/data/march.csv');
    await w.get('[data-testid=import-again]').trigger('click');
    await importOnce(w, '/data/march.csv');
    const report = w.get('[data-testid=import-report]');
    expect(w.get('[data-testid=import-nothing-changed]').text()).toBe(
      'Nothing changed: this file is already in the archive.',
    );
    const row = report.get('[data-testid=import-report-row]');
    expect(row.attributes('data-status')).toBe('duplicate');
    expect(row.findAll('td.num').map((td) => td.text())).toEqual(['—', '—', '—', '—', '—']);
    expect(report.text()).toMatch(
      /Already in the archive: imported on \d{1,2} \w{3} 20\d\d, \d\d:\d\d .+ as import #1\. Nothing changed\./,
    );
    // The earlier import's rejected rows are not shown as if this one had rejected them.
    expect(report.find('[data-testid=rejected-rows]').exists()).toBe(false);
    w.unmount();
  });

  it('again in another time zone: says the first reading of the local times stays', async () => {
    const w = mountApp();
    await flushPromises();
    await importOnce(w, '/data/march.csv');
    await w.get('[data-testid=import-again]').trigger('click');
    useImportsStore().openDialog(['/data/march.csv']);
    await flushPromises();
    const first = (w.get('[data-testid=import-timezone]').element as HTMLSelectElement).value;
    const other = first === 'UTC' ? 'Europe/Copenhagen' : 'UTC';
    await w.get('[data-testid=import-timezone]').setValue(other);
    await w.get('[data-testid=import-start]').trigger('click');
    await advance(1800);
    await flushPromises();
    expect(w.get('[data-testid=import-report]').text()).toContain(
      `Its local times were read in ${first} then, not in ${other}, and stay so.`,
    );
    w.unmount();
  });

  it('in Danish too', async () => {
    const w = mountApp('da');
    await flushPromises();
    await importOnce(w, '/data/march.csv');
    await w.get('[data-testid=import-again]').trigger('click');
    await importOnce(w, '/data/march.csv');
    expect(w.get('[data-testid=import-nothing-changed]').text()).toBe('Intet er ændret: filen er allerede i arkivet.');
    expect(w.get('[data-testid=import-report]').text()).toMatch(
      /Allerede i arkivet: importeret .+ som import nr\. 1\. Intet er ændret\./,
    );
    w.unmount();
  });
});

describe('what the reader found', () => {
  it('shows the detected format (why, as its tooltip) and the unknown names kept, in Danish', async () => {
    env = setupEnv({ locale: 'da' });
    const record = {
      id: 7,
      fileName: 'queue_log',
      fileSize: 10,
      sha256: 'ab',
      timeZone: 'UTC',
      format: 'asterisk-queue-log',
      startedAt: '2026-03-01T10:00:00.000Z',
      finishedAt: '2026-03-01T10:00:01.000Z',
      status: 'done' as const,
      rowsRead: 46,
      rowsUsed: 44,
      rowsKept: 2,
      rowsRejected: 0,
      callsDerived: 9,
      appVersion: '0.1.0',
      message: null,
      formatWhy: '46 of 46 sampled lines have the queue_log form',
      unknownNames: [
        { kind: 'event' as const, name: 'FOOEVENT', count: 3 },
        { kind: 'field' as const, name: 'Agent.NewField', count: 2 },
      ],
    };
    env.api.imports.progress = async (jobId) => ({
      jobId,
      state: 'done',
      fileIndex: 0,
      fileCount: 1,
      bytesRead: 10,
      bytesTotal: 10,
      rows: 46,
      calls: 9,
      etaSec: null,
      results: [record],
      error: null,
    });
    useImportsStore().openDialog(['/data/queue_log']);
    const w = mount(ImportDialog, { attachTo: document.body, global: { plugins: env.plugins } });
    await flushPromises();
    await w.get('[data-testid=import-start]').trigger('click');
    await flushPromises();
    const format = w.get('[data-testid=import-format]');
    expect(format.text()).toBe('Asterisk queue_log');
    expect(format.attributes('title')).toBe('Hvorfor dette format: 46 of 46 sampled lines have the queue_log form');
    expect(w.get('[data-testid=import-report]').text()).toContain(
      'Ukendte navne gemt og talt: FOOEVENT ×3 (hændelse), Agent.NewField ×2 (felt)',
    );
    w.unmount();
  });
});

describe('backend errors', () => {
  it('are shown in Danish by their code, with the server line as the detail', async () => {
    env = setupEnv({ locale: 'da' });
    env.api.calls.search = async () => {
      throw new ApiCallError('internal', 'database is locked');
    };
    const CallsView = (await import('../../src/renderer/src/views/CallsView.vue')).default;
    const w = mount(CallsView, { attachTo: document.body, global: { plugins: env.plugins, stubs } });
    await flushPromises();
    const line = w.get('[role=alert]');
    expect(line.attributes('data-error-code')).toBe('internal');
    // The list's lead says what failed (#14 item 16), then the code's sentence and the server's line.
    expect(line.text()).toBe(
      'Opkaldene kunne ikke hentes. Arkivet kunne ikke gennemføre forespørgslen. Detaljer: database is locked',
    );
    w.unmount();
  });

  it('fall back to a generic sentence for codes without one, keeping the server line', () => {
    const t = (key: string, v?: Record<string, unknown>) => (v ? `${key}(${String(v['message'])})` : key);
    expect(errorText({ code: '502', message: 'Bad Gateway' }, t)).toBe('error.http error.detail(Bad Gateway)');
    expect(errorText({ code: 'weird', message: '' }, t)).toBe('error.unknown');
    expect(errorText({ code: 'too_large', message: 'x' }, t)).toBe('error.too_large error.detail(x)');
  });

  it('a failed import job says so in Danish, with the archive line as the detail', async () => {
    env = setupEnv({ locale: 'da' });
    env.api.imports.progress = async (jobId) => ({
      jobId,
      state: 'failed',
      fileIndex: 0,
      fileCount: 1,
      bytesRead: 0,
      bytesTotal: 10,
      rows: 0,
      calls: 0,
      etaSec: null,
      results: [],
      error: 'SQLITE_FULL: database or disk is full',
    });
    useImportsStore().openDialog(['/data/x.csv']);
    const w = mount(ImportDialog, { attachTo: document.body, global: { plugins: env.plugins } });
    await flushPromises();
    await w.get('[data-testid=import-start]').trigger('click');
    await flushPromises();
    expect(w.get('[role=alert]').text()).toBe('Importen mislykkedes. Detaljer: SQLITE_FULL: database or disk is full');
    w.unmount();
  });

  it('the import dialog shows an upload failure in the chosen language', async () => {
    env = setupEnv({ locale: 'da' });
    env.host.uploadFiles = async () => {
      throw new ApiCallError('too_large', 'upload exceeds 2 GiB');
    };
    useImportsStore().openDialog();
    const w = mount(ImportDialog, { attachTo: document.body, global: { plugins: env.plugins } });
    await flushPromises();
    const input = w.get('[data-testid=import-file-input]');
    Object.defineProperty(input.element, 'files', { value: [new File(['x'], 'big.csv')], configurable: true });
    await input.trigger('change');
    await w.get('[data-testid=import-start]').trigger('click');
    await flushPromises();
    expect(w.get('[role=alert]').text()).toBe(
      'Filerne kunne ikke overføres. Filen eller forespørgslen er for stor. Detaljer: upload exceeds 2 GiB',
    );
    w.unmount();
  });
});
