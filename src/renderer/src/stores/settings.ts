// UI settings that outlive a session: theme, the list/detail split (and the locale,
// which vue-i18n holds; see useLocale). Persisted in localStorage.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { DEFAULT_DETAIL_SHARE } from '../components/split';

export type Theme = 'light' | 'dark';
export const THEME_KEY = 'callscope.theme';
export const DETAIL_SHARE_KEY = 'callscope.detailShare';

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
  return { theme, toggleTheme, detailShare };
});
