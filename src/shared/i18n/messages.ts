// UI messages in English and Danish. Plain strings only (no linked "@" messages,
// no HTML): vue-i18n compiles them to an AST at runtime without eval, so the
// renderer's strict CSP holds. Danish event labels follow the seed text.

import { da } from './da';
import { en, type Messages } from './en';

export type { Messages };

export const SUPPORTED_LOCALES = ['en', 'da'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

export const messages: Record<Locale, Messages> = { en, da };

/** Picks en or da from a BCP 47 tag such as navigator.language ("da-DK" → da); English otherwise. */
export function pickLocale(tag: string | null | undefined): Locale {
  const lang = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return lang === 'da' ? 'da' : 'en';
}

/** A message by its dotted key ("callType.inbound"), as vue-i18n's t finds it; the key itself when absent. */
export function messageAt(m: Messages, key: string): string {
  let at: unknown = m;
  for (const part of key.split('.'))
    at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
  return typeof at === 'string' ? at : key;
}
