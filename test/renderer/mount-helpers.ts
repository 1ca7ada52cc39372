// Shared set-up for component tests: a fresh Pinia, vue-i18n and the fake API.
import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { vi } from 'vitest';
import { setApi, setHost, type HostApi } from '../../src/renderer/src/api';
import { makeI18n } from '../../src/renderer/src/i18n';
import type { Locale } from '../../src/shared/i18n/messages';
import { createFakeApi, type FakeApi } from './fake-api';

export interface TestEnv {
  api: FakeApi;
  host: HostApi & { uploaded: File[][] };
  pinia: Pinia;
  i18n: ReturnType<typeof makeI18n>;
  plugins: [Pinia, ReturnType<typeof makeI18n>];
}

export function setupEnv(options: { generated?: number; locale?: Locale } = {}): TestEnv {
  useFakeClock();
  const api = createFakeApi({ generated: options.generated ?? 300 });
  const uploaded: File[][] = [];
  const host = {
    mode: 'browser' as const,
    uploaded,
    pickExportFiles: async () => null,
    uploadFiles: async (files: File[]) => {
      uploaded.push(files);
      return files.map((f) => `/srv/uploads/${f.name}`);
    },
    onCommand: () => () => undefined,
  };
  setApi(api);
  setHost(host);
  const pinia = createPinia();
  setActivePinia(pinia);
  const i18n = makeI18n(options.locale ?? 'en');
  return { api, host, pinia, i18n, plugins: [pinia, i18n] };
}

/** happy-dom lays nothing out: give scroll containers a viewport so the virtualiser renders rows. */
export function fakeLayout(height = 640, width = 1200): void {
  const rect = { x: 0, y: 0, top: 0, left: 0, bottom: height, right: width, width, height, toJSON: () => ({}) };
  HTMLElement.prototype.getBoundingClientRect = () => rect as DOMRect;
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => height });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => width });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => height });
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => width });
}

/**
 * Component tests run on a fake clock (set up by setupEnv): the stores' typing and counting
 * delays and the fake API's latencies pass only when a test moves time on, so no test waits
 * for real and none depends on how loaded the machine is. Restore with `vi.useRealTimers()`
 * in afterEach. setImmediate stays real: flushPromises uses it.
 */
export function useFakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
}

/** Moves the fake clock on by `ms` (running the timers due) and lets the promises they resolve settle. */
export async function advance(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await flushPromises();
}
