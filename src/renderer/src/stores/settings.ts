// UI settings that outlive a session: theme, the list/detail split (and the locale,
// which vue-i18n holds; see useLocale). Persisted in localStorage.
import { defineStore } from 'pinia';
import { ref, watch, watchEffect } from 'vue';
import { DEFAULT_DETAIL_SHARE } from '../components/split';
import { displayZone, zoneFor, type ZoneMode } from '../format';
import { useArchiveStore } from './archive';

export type Theme = 'light' | 'dark';
export const THEME_KEY = 'callscope.theme';
export const DETAIL_SHARE_KEY = 'callscope.detailShare';
export const ZONE_MODE_KEY = 'callscope.zoneMode';

function initialZoneMode(): ZoneMode {
  const saved = globalThis.localStorage?.getItem(ZONE_MODE_KEY);
  return saved === 'computer' || saved === 'utc' ? saved : 'export';
}

function initialDetailShare(): number {
  const saved = Number(globalThis.localStorage?.getItem(DETAIL_SHARE_KEY));
  return saved > 0 && saved < 1 ? saved : DEFAULT_DETAIL_SHARE;
}

function initialTheme(): Theme {
  const saved = globalThis.localStorage?.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const useSettingsStore = defineStore('settings', () => {
  const theme = ref<Theme>(initialTheme());
  function applyTheme(): void {
    globalThis.document?.documentElement.setAttribute('data-theme', theme.value);
  }
  function toggleTheme(): void {
    theme.value = theme.value === 'dark' ? 'light' : 'dark';
  }
  watch(theme, (t) => {
    globalThis.localStorage?.setItem(THEME_KEY, t);
    applyTheme();
  });
  applyTheme();
  /** The open call's share of the calls view's width (the splitter). */
  const detailShare = ref(initialDetailShare());
  watch(detailShare, (v) => globalThis.localStorage?.setItem(DETAIL_SHARE_KEY, String(v)));
  /** Which zone times are shown in: the exports' (default), this computer's, or UTC (format.ts displayZone follows it). */
  const zoneMode = ref<ZoneMode>(initialZoneMode());
  watch(zoneMode, (v) => globalThis.localStorage?.setItem(ZONE_MODE_KEY, v));
  const archive = useArchiveStore();
  /** The exports' zone, when the archive knows one. */
  const exportZone = () => archive.info?.exportTimeZone ?? null;
  watchEffect(() => {
    displayZone.value = zoneFor(zoneMode.value, exportZone());
  });
  return { theme, toggleTheme, detailShare, zoneMode, exportZone };
});
