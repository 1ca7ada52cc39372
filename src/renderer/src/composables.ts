// Small shared helpers for components: the current locale typed, clipboard copy, element width.
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
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

/** The content width of an element (0 until mounted), kept up to date with a ResizeObserver. */
export function useElementWidth(el: Ref<HTMLElement | null>) {
  const width = ref(0);
  let observer: ResizeObserver | null = null;
  watch(
    el,
    (next) => {
      observer?.disconnect();
      observer = null;
      if (!next) return;
      width.value = next.clientWidth;
      if (typeof ResizeObserver === 'undefined') return;
      observer = new ResizeObserver(([entry]) => {
        if (entry) width.value = Math.round(entry.contentRect.width);
      });
      observer.observe(next);
    },
    { immediate: true, flush: 'post' },
  );
  onBeforeUnmount(() => observer?.disconnect());
  return width;
}
