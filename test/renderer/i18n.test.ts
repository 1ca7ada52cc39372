// Messages: Danish covers every English key with a non-empty text; the locale follows the system language.
import { describe, expect, it } from 'vitest';
import { messages, pickLocale } from '../../src/shared/i18n/messages';
import { PLATFORM_FORMATS } from '../../src/shared/formats';
import { makeI18n } from '../../src/renderer/src/i18n';
import { formatName, PLATFORM_NAMES } from '../../src/renderer/src/import-text';

function leaves(obj: unknown, prefix = ''): [string, string][] {
  if (typeof obj === 'string') return [[prefix, obj]];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('messages', () => {
  it('has the same keys in en and da, none empty', () => {
    const en = leaves(messages.en);
    const da = leaves(messages.da);
    expect(da.map(([k]) => k)).toEqual(en.map(([k]) => k));
    expect(da.filter(([, v]) => v.trim() === '')).toEqual([]);
  });

  it('uses the spec and seed labels for event types', () => {
    expect(messages.en.eventType.queue_callback).toBe('Queue (callback)');
    expect(messages.da.eventType.queue_callback).toBe('Kø (tilbagekald)');
    expect(messages.da.eventType.consult).toBe('Rådfør');
    expect(messages.da.eventType.consult_queue).toBe('Rådfør kø');
    expect(messages.da.eventType.deleted).toBe('Slettet');
    expect(messages.da.eventType.conversation).toBe('Samtale');
  });

  it('avoids vue-i18n syntax characters that would need escaping (@ and $)', () => {
    for (const [key, text] of [...leaves(messages.en), ...leaves(messages.da)]) {
      expect(`${key}: ${text}`).not.toMatch(/[@$]/);
    }
  });

  it('picks Danish for da tags and English otherwise', () => {
    expect(pickLocale('da-DK')).toBe('da');
    expect(pickLocale('da')).toBe('da');
    expect(pickLocale('en-US')).toBe('en');
    expect(pickLocale('sv-SE')).toBe('en');
    expect(pickLocale(undefined)).toBe('en');
  });
});

describe('detected format names', () => {
  it('name the call-events formats in the user language, other platforms by product name, unknown ids as they are', () => {
    for (const [locale, name] of [
      ['en', 'Call-events export (CSV)'],
      ['da', 'Eksport af opkaldshændelser (CSV)'],
    ] as const) {
      const { t, te } = makeI18n(locale).global;
      expect(formatName('call-events-csv', t, te)).toBe(name);
      expect(formatName('asterisk-queue-log', t, te)).toBe('Asterisk queue_log');
      expect(formatName('some-future-format', t, te)).toBe('some-future-format');
    }
  });

  it('know every platform format by the name its reader gives it', () => {
    // The renderer keeps its own copy so that the parsers stay out of the bundle.
    expect(PLATFORM_NAMES).toEqual(Object.fromEntries(PLATFORM_FORMATS.map((f) => [f.id, f.name])));
  });
});
