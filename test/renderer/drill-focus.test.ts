// @vitest-environment happy-dom
// A figure drilled into from Statistics: the calls tab shows its calls with focus on the list. The
// figure's button went with its tab, and focus fell to the page body (Tab started again at the top).
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/renderer/src/App.vue';
import { useNavStore } from '../../src/renderer/src/stores/nav';
import { useStatisticsStore } from '../../src/renderer/src/stores/statistics';
import { advance, fakeLayout, setupEnv } from './mount-helpers';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  vi.useRealTimers();
});

describe('drilling from a statistics figure', () => {
  it('opens the calls tab with focus on the call list', async () => {
    fakeLayout();
    const env = setupEnv();
    const w = mount(App, {
      attachTo: document.body,
      global: {
        plugins: env.plugins,
        stubs: { EventChart: { template: '<div />' }, StatsChart: { template: '<div />' } },
      },
    });
    await flushPromises();
    useNavStore().tab = 'statistics';
    await flushPromises();
    await useStatisticsStore().load();
    await flushPromises();
    const figure = w.find('button.count-link');
    expect(figure.exists()).toBe(true);
    (figure.element as HTMLElement).focus();
    await figure.trigger('click');
    await flushPromises();
    await advance(20);
    expect(useNavStore().tab).toBe('calls');
    expect(document.activeElement?.id).toBe('call-list');
    w.unmount();
  });
});
