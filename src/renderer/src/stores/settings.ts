// UI settings that outlive a session: theme (and the locale, which vue-i18n holds;
// see useLocale). Persisted in localStorage.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

export type Theme = 'light' | 'dark';
export const THEME_KEY = 'callscope.theme';

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
  return { theme, toggleTheme };
});
