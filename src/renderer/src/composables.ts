// Small shared helpers for components: the current locale typed, clipboard copy.
import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Locale } from '../../shared/i18n/messages';
import { LOCALE_KEY } from './i18n';

export function useLocale() {
  const { locale } = useI18n();
  const current = computed<Locale>({
    get: () => (locale.value === 'da' ? 'da' : 'en'),
    set: (next) => {
      locale.value = next;
      globalThis.localStorage?.setItem(LOCALE_KEY, next);
      globalThis.document?.documentElement.setAttribute('lang', next);
    },
  });
  return current;
}

/** Copies text; `copied` is true for a moment afterwards (for a "Copied" hint). */
export function useCopy() {
  const copied = ref(false);
  async function copy(text: string): Promise<void> {
    try {
      await globalThis.navigator?.clipboard?.writeText(text);
      copied.value = true;
      setTimeout(() => (copied.value = false), 1500);
    } catch {
      copied.value = false;
    }
  }
  return { copied, copy };
}
