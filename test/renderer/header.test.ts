// @vitest-environment happy-dom
// Header: demo badge, language switch (persisted), theme switch; the empty-archive state.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/renderer/src/App.vue';
import { LOCALE_KEY } from '../../src/renderer/src/i18n';
import { THEME_KEY } from '../../src/renderer/src/stores/settings';
import { fakeLayout, advance, setupEnv, type TestEnv } from './mount-helpers';

let env: TestEnv;
const stubs = { EventChart: { template: '<div data-testid="event-chart" />' } };

afterEach(() => vi.useRealTimers());

beforeEach(() => {
  localStorage.clear();
  fakeLayout();
  env = setupEnv();
});

describe('header', () => {
  it('shows the demo badge, switches language (remembered) and theme (remembered)', async () => {
    const w = mount(App, { attachTo: document.body, global: { plugins: env.plugins, stubs } });
    await flushPromises();
    await advance(20);
    expect(w.get('[data-testid=demo-badge]').text()).toBe('Demo data');
    expect(w.get('[data-testid=import-open]').text()).toBe('Import exports…');

    await w.get('[data-testid=lang-switch]').setValue('da');
    await flushPromises();
    expect(w.get('[data-testid=demo-badge]').text()).toBe('Demodata');
    expect(w.get('[data-testid=result-count]').text()).toMatch(/opkald/);
    expect(localStorage.getItem(LOCALE_KEY)).toBe('da');
    expect(document.documentElement.getAttribute('lang')).toBe('da');

    const before = document.documentElement.getAttribute('data-theme');
    await w.get('[data-testid=theme-switch]').trigger('click');
    await flushPromises();
    const after = document.documentElement.getAttribute('data-theme');
    expect(after).not.toBe(before);
    expect(localStorage.getItem(THEME_KEY)).toBe(after);
    w.unmount();
  });

  it('offers an import when the archive has no calls yet', async () => {
    const empty = env.api;
    empty.archive.info = async () => ({
      path: '/x/new.sqlite',
      isDemo: false,
      calls: 0,
      imports: 0,
      firstCall: null,
      lastCall: null,
      schemaVersion: 1,
      appVersion: '0.1.0',
    });
    empty.calls.search = async () => ({ rows: [], total: 0, nextCursor: null });
    const w = mount(App, { attachTo: document.body, global: { plugins: env.plugins, stubs } });
    await flushPromises();
    await advance(20);
    expect(w.find('[data-testid=demo-badge]').exists()).toBe(false);
    const box = w.get('[data-testid=empty-archive]');
    expect(box.text()).toContain('no calls yet');
    await box.get('button').trigger('click');
    await flushPromises();
    expect(w.find('[data-testid=import-dialog]').exists()).toBe(true);
    w.unmount();
  });
});
