// vue-i18n in composition mode. vue-i18n 11 compiles messages just in time to an
// AST and interprets it (no eval / new Function), so the strict CSP holds.
import { createI18n } from 'vue-i18n';
import { messages, pickLocale, type Locale, type Messages } from '../../shared/i18n/messages';

export const LOCALE_KEY = 'callscope.locale';

export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(LOCALE_KEY);
  if (saved === 'en' || saved === 'da') return saved;
  return pickLocale(globalThis.navigator?.language);
}

export function makeI18n(locale: Locale = initialLocale()) {
  return createI18n<[Messages], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
    missingWarn: false,
    fallbackWarn: false,
  });
}
