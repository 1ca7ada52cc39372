// @vitest-environment happy-dom
// The imports view accounts for every row an import read: rejected rows open under their count,
// and so do the kept rows (stored, used by no call) with their reasons — a kept row of a call
// that was never derived could not be seen anywhere in the app.
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ImportsView from '../../src/renderer/src/views/ImportsView.vue';
import { setupEnv, type TestEnv } from './mount-helpers';

let env: TestEnv;
beforeEach(async () => {
  vi.useFakeTimers();
  env = setupEnv();
  const { jobId } = await env.api.imports.start({ files: ['/exports/calls.csv'], timeZone: 'Europe/Copenhagen' });
  await vi.advanceTimersByTimeAsync(60_000);
  expect((await env.api.imports.progress(jobId)).state).toBe('done');
});
afterEach(() => vi.useRealTimers());

describe('imports view: kept rows', () => {
  it('the Kept count opens the kept rows with file, line, table, call and reason (en, da)', async () => {
    const w = mount(ImportsView, { global: { plugins: env.plugins }, attachTo: document.body });
    await vi.advanceTimersByTimeAsync(0);
    const open = w.find('[data-testid="kept-open"]');
    expect(open.text()).toBe('21 ▾');
    expect(open.attributes('aria-expanded')).toBe('false');
    await open.trigger('click');
    await vi.advanceTimersByTimeAsync(0);
    expect(open.attributes('aria-expanded')).toBe('true');
    const rows = w.findAll('[data-testid="kept-rows"] tbody tr');
    expect(rows.map((r) => r.findAll('td').map((c) => c.text()))).toEqual([
      ['calls.csv', '12', 'call_events', 'c12', 'superseded by a re-delivery (newer dte_updated)'],
      ['calls.csv', '15', 'call_events', '—', 'unknown event_type "Z" (not i, m, q or c)'],
    ]);
    expect(w.find('[data-testid="kept-rows"] thead').text()).toContain('Call');
    // Open beside the rejected rows of the same import, it says which table it is.
    expect(w.find('[data-testid="kept-rows"] caption').text()).toMatch(/^Kept rows of import #\d+/);
    env.i18n.global.locale.value = 'da';
    await w.vm.$nextTick();
    expect(w.find('[data-testid="kept-rows"] thead').text()).toContain('Opkald');
    expect(w.find('[data-testid="kept-rows"] thead').text()).toContain('Tabel');
    expect(w.find('[data-testid="kept-rows"] caption').text()).toMatch(/^Gemte rækker i import #\d+/);
    w.unmount();
  });

  it('the rejected rows open under the same import with a caption of their own', async () => {
    const w = mount(ImportsView, { global: { plugins: env.plugins }, attachTo: document.body });
    await vi.advanceTimersByTimeAsync(0);
    await w.find('[data-testid="kept-open"]').trigger('click');
    await w.find('[data-testid="rejected-open"]').trigger('click');
    await vi.advanceTimersByTimeAsync(0);
    expect(w.find('[data-testid="rejected-rows"] caption').text()).toMatch(/^Rejected rows of import #\d+/);
    expect(w.find('[data-testid="kept-rows"] caption').text()).toMatch(/^Kept rows of import #\d+/);
    w.unmount();
  });
});
