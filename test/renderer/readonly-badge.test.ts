// @vitest-environment happy-dom
// #11 item 1: the header says when the archive is open read-only (read-only media), in both languages.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/renderer/src/App.vue';
import { fakeLayout, advance, setupEnv, type TestEnv } from './mount-helpers';

let env: TestEnv;
const stubs = { EventChart: { template: '<div data-testid="event-chart" />' } };

afterEach(() => vi.useRealTimers());

beforeEach(() => {
  localStorage.clear();
  fakeLayout();
  env = setupEnv();
});

describe('read-only archive badge', () => {
  it('shows "Read-only" / "Skrivebeskyttet" when the archive info says so, nothing otherwise', async () => {
    const info = await env.api.archive.info();
    const plain = mount(App, { attachTo: document.body, global: { plugins: env.plugins, stubs } });
    await flushPromises();
    await advance(20);
    expect(plain.find('[data-testid=readonly-badge]').exists()).toBe(false);
    plain.unmount();

    env.api.archive.info = async () => ({ ...info, readOnly: true });
    const w = mount(App, { attachTo: document.body, global: { plugins: env.plugins, stubs } });
    await flushPromises();
    await advance(20);
    expect(w.get('[data-testid=readonly-badge]').text()).toBe('Read-only');
    expect(w.get('[data-testid=readonly-badge]').attributes('title')).toMatch(/not imported into/);
    await w.get('[data-testid=lang-switch]').setValue('da');
    await flushPromises();
    expect(w.get('[data-testid=readonly-badge]').text()).toBe('Skrivebeskyttet');
    w.unmount();
  });
});
