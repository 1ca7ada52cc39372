// Display formatting. Times are shown in the user's machine's local time zone,
// with the zone abbreviated (e.g. "CET"): supervisors compare calls with their own
// clock, and the archive stores UTC (each import's source zone is in its record).

import type { Locale } from '../../shared/i18n/messages';

const bcp47: Record<Locale, string> = { en: 'en-GB', da: 'da-DK' };

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: Locale, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale}|${key}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(bcp47[locale], options);
    cache.set(id, f);
  }
  return f;
}

function toMs(value: string | number): number {
  return typeof value === 'number' ? value : Date.parse(value);
}

/** "2026-11-25 14:03:12" in local time: compact, sortable, the same in every language (the column header names the zone). */
export function formatListTime(value: string | number, _locale?: Locale): string {
  const ms = toMs(value);
  if (Number.isNaN(ms)) return '—';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** An instant through one cached formatter; '—' for a value that is not a time. */
function formatInstant(
  value: string | number,
  locale: Locale,
  key: string,
  options: Intl.DateTimeFormatOptions,
): string {
  const ms = toMs(value);
  return Number.isNaN(ms) ? '—' : fmt(locale, key, options).format(ms);
}

const TO_THE_MINUTE: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZoneName: 'short',
};

/** Full instant with milliseconds and zone, for detail and tooltips. */
export function formatFullTime(value: string | number, locale: Locale): string {
  return formatInstant(value, locale, 'full', { ...TO_THE_MINUTE, second: '2-digit', fractionalSecondDigits: 3 });
}

/** "25 Nov 2026, 23:16 CET": an instant to the minute, with zone (when a file was imported). */
export function formatDateTime(value: string | number, locale: Locale): string {
  return formatInstant(value, locale, 'minute', TO_THE_MINUTE);
}

/** "14:03:12" for axis ticks and event table. */
export function formatClock(value: string | number, locale: Locale): string {
  return formatInstant(value, locale, 'clock', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

/** The local zone's short name at an instant, e.g. "CET" or "GMT+1". */
export function zoneAbbreviation(locale: Locale, at: number = Date.now()): string {
  const parts = fmt(locale, 'zone', { timeZoneName: 'short' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
}

export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(bcp47[locale]).format(n);
}

export function formatBytes(n: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${new Intl.NumberFormat(bcp47[locale], { maximumFractionDigits: u === 0 ? 0 : 1 }).format(v)} ${units[u]}`;
}

/** All IANA zones the runtime knows (falls back to a short list). */
export function timeZoneList(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [
    'UTC',
    'Europe/Copenhagen',
    'Europe/London',
    'America/New_York',
  ];
  const own = machineTimeZone();
  return zones.includes(own) ? zones : [own, ...zones];
}
