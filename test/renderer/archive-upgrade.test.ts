// @vitest-environment happy-dom
// The app's upgrade progress (#10): while the host upgrades an archive of an older schema,
// archive.opening is polled and a dialog that cannot be closed shows the phase (rows with a
// count, then compacting) and a bar; it goes when the archive is ready. A failure is one line,
// in the reader's language, and says the archive is open read-only.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/renderer/src/App.vue';
import { UPGRADE_POLL_MS } from '../../src/renderer/src/stores/archive';
import type { Locale } from '../../src/shared/i18n/messages';
import { advance, fakeLayout, setupEnv, type TestEnv } from './mount-helpers';

let env: TestEnv;
const stubs = { EventChart: { template: '<div data-testid="event-chart" />' } };
const press = (key: string) =>
  document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

function mountApp(locale: Locale, states: TestEnv['api']['openingStates']) {
  env = setupEnv({ locale });
  env.api.openingStates.push(...states);
  return mount(App, { attachTo: document.body, global: { plugins: env.plugins, stubs } });
}

beforeEach(() => fakeLayout());
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('archive upgrade progress', () => {
  it('shows the rows phase with a count and a bar, then compacting, and goes when the archive is ready', async () => {
    const w = mountApp('en', [
      { state: 'upgrading', phase: 'rows', toVersion: 3, done: 0, total: 0 },
      { state: 'upgrading', phase: 'rows', toVersion: 3, done: 40_000, total: 160_000 },
      { state: 'upgrading', phase: 'compacting', toVersion: 3, done: 0, total: 0 },
    ]);
    await flushPromises();
    const dialog = () => w.find('[data-testid=archive-upgrade]');
    expect(dialog().exists()).toBe(true);
    expect(w.get('[data-testid=upgrade-phase]').text()).toBe('Starting…');

    await advance(UPGRADE_POLL_MS);
    expect(w.get('[data-testid=upgrade-phase]').text()).toBe('Rewriting the stored rows for schema 3');
    expect(w.get('[data-testid=upgrade-count]').text()).toBe('40,000 of 160,000 rows');
    const bar = w.get('[data-testid=archive-upgrade] [role=progressbar]');
    expect(bar.attributes('aria-valuenow')).toBe('25');
    // It cannot be closed while it runs: the archive is not usable yet.
    expect(w.get('[data-testid=upgrade-close]').attributes('disabled')).toBeDefined();
    press('Escape');
    await flushPromises();
    expect(dialog().exists()).toBe(true);

    await advance(UPGRADE_POLL_MS);
    expect(w.get('[data-testid=upgrade-phase]').text()).toBe('Compacting the file…');
    expect(w.get('[data-testid=archive-upgrade] [role=progressbar]').attributes('aria-valuenow')).toBeUndefined();

    await advance(UPGRADE_POLL_MS);
    expect(dialog().exists()).toBe(false);
    // Polled while it ran, not after.
    const polls = () => env.api.log.filter((c) => c.method === 'archive.opening').length;
    const n = polls();
    await advance(UPGRADE_POLL_MS * 5);
    expect(polls()).toBe(n);
  });

  it('a failed upgrade is one line in Danish, says the archive is read-only, and can be closed', async () => {
    const w = mountApp('da', [{ state: 'failed', message: 'disk I/O error', readOnly: true }]);
    await flushPromises();
    const dialog = w.get('[data-testid=archive-upgrade]');
    expect(dialog.attributes('data-state')).toBe('failed');
    expect(dialog.get('[role=alert]').text()).toContain('Opgraderingen mislykkedes.');
    expect(dialog.get('[role=alert]').text()).toContain('disk I/O error');
    expect(w.get('[data-testid=upgrade-after]').text()).toContain('skrivebeskyttet');
    await w.get('[data-testid=upgrade-continue]').trigger('click');
    expect(w.find('[data-testid=archive-upgrade]').exists()).toBe(false);
  });

  it('an archive that needs no upgrade shows nothing', async () => {
    const w = mountApp('en', []);
    await flushPromises();
    expect(w.find('[data-testid=archive-upgrade]').exists()).toBe(false);
  });
});
