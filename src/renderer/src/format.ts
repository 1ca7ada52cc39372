// Display formatting. Every instant is shown in the display zone (settings: the
// zone the archive's exports were read in — the default —, this computer's zone, or
// UTC) with the UTC offset of that very instant ("+02:00" in summer, "+01:00" in
// winter): a column or header cannot name one zone for rows on both sides of a DST
// change, and an auditor in another zone reads every time unambiguously.

import { ref } from 'vue';
import type { Locale } from '../../shared/i18n/messages';

/** The UI language's BCP 47 tag (Intl's formatters and collators). */
export const bcp47: Record<Locale, string> = { en: 'en-GB', da: 'da-DK' };

/** The IANA zone times are shown in (reactive: templates and computeds that format re-run when it changes). */
export const displayZone = ref<string>(machineTimeZone());

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: Locale, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const zone = displayZone.value;
  const id = `${locale}|${key}|${zone}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(bcp47[locale], { ...options, timeZone: zone });
    cache.set(id, f);
  }
  return f;
}

function toMs(value: string | number): number {
  return typeof value === 'number' ? value : Date.parse(value);
}

/** The parts of an instant in the display zone, and its UTC offset there ("+02:00"). */
function instantParts(ms: number): Record<string, string> {
  const parts = fmt('en', 'parts', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(ms);
  const out: Record<string, string> = {};
  for (const p of parts) out[p.type] = p.value;
  return out;
}

/** The display zone's UTC offset at an instant, ISO 8601 style: "+02:00", "-05:00", "+05:30", "+00:00". */
export function offsetAt(value: string | number): string {
  const ms = toMs(value);
  if (Number.isNaN(ms)) return '';
  const name = instantParts(ms)['timeZoneName'] ?? 'GMT';
  const m = /([+-\u2212])(\d{1,2})(?::?(\d{2}))?/.exec(name);
  if (!m) return '+00:00';
  const sign = m[1] === '+' ? '+' : '-';
  return `${sign}${(m[2] ?? '0').padStart(2, '0')}:${m[3] ?? '00'}`;
}

/**
 * "2026-11-25 14:03:12 +01" in the display zone: compact, sortable, the same in every language,
 * with its own offset (ISO 8601's short "+01" for whole hours, "+05:30" otherwise).
 */
export function formatListTime(value: string | number, _locale?: Locale): string {
  const ms = toMs(value);
  if (Number.isNaN(ms)) return '—';
  const p = instantParts(ms);
  const offset = offsetAt(ms).replace(/:00$/, '');
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}:${p['second']} ${offset}`;
}

/** "2026-11-25" in the display zone. */
export function formatListDate(value: string | number): string {
  const ms = toMs(value);
  if (Number.isNaN(ms)) return '—';
  const p = instantParts(ms);
  return `${p['year']}-${p['month']}-${p['day']}`;
}

/** An instant through one cached formatter; '—' for a value that is not a time. */
function formatInstant(
  value: string | number,
  locale: Locale,
  key: string,
  options: Intl.DateTimeFormatOptions,
): string {
  const ms = toMs(value);
  return Number.isNaN(ms) ? '—' : clockWithColons(fmt(locale, key, options).formatToParts(ms));
}

const CLOCK_PARTS = new Set(['hour', 'minute', 'second']);
/**
 * The parts joined, with a colon between hours, minutes and seconds in every language: Danish Intl
 * writes "11.38.00", and the list (ISO, "11:38:00") sat beside the chart and events in one view.
 * Danish allows both; the decimal comma of the milliseconds stays ("11:38:00,250", ISO 8601's own).
 */
export function clockWithColons(parts: Intl.DateTimeFormatPart[]): string {
  return parts
    .map((p, i) =>
      p.type === 'literal' && CLOCK_PARTS.has(parts[i - 1]?.type ?? '') && CLOCK_PARTS.has(parts[i + 1]?.type ?? '')
        ? ':'
        : p.value,
    )
    .join('');
}

const TO_THE_MINUTE: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

/** An instant and its own offset: "25 Nov 2026, 14:03 +01:00". */
function withOffset(value: string | number, text: string): string {
  return text === '—' ? text : `${text} ${offsetAt(value)}`;
}

/** Full instant with milliseconds and offset, for detail and tooltips: "14 Sept 2026, 10:03:12.250 +02:00". */
export function formatFullTime(value: string | number, locale: Locale): string {
  return withOffset(
    value,
    formatInstant(value, locale, 'full', { ...TO_THE_MINUTE, second: '2-digit', fractionalSecondDigits: 3 }),
  );
}

/** "25 Nov 2026, 23:16 +01:00": an instant to the minute, with its offset (when a file was imported). */
export function formatDateTime(value: string | number, locale: Locale): string {
  return withOffset(value, formatInstant(value, locale, 'minute', TO_THE_MINUTE));
}

/** "14:03:12" for axis ticks and the event table (a call within one day). */
export function formatClock(value: string | number, locale: Locale): string {
  return formatInstant(value, locale, 'clock', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}

/** "25 Nov 14:03:12" for the axis and event table of a call that spans days. */
export function formatDayClock(value: string | number, locale: Locale): string {
  return formatInstant(value, locale, 'dayclock', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}

/** True when the two instants fall on different days in the display zone (then times need dates). */
export function spansDays(from: string | number, to: string | number): boolean {
  return formatListDate(from) !== formatListDate(to);
}

export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export type ZoneMode = 'export' | 'computer' | 'utc';

/**
 * The short name of an IANA zone for a tight control: its last part with spaces ("Europe/Copenhagen" →
 * "Copenhagen", "America/Argentina/Buenos_Aires" → "Buenos Aires"); a zone of one part as it is ("UTC").
 * The header's zone menu shows it so that the archive's name keeps its room at 1280 px; the full id
 * stays in the menu's tooltip.
 */
export function zoneShortName(zone: string): string {
  const last = zone.slice(zone.lastIndexOf('/') + 1);
  return last.replaceAll('_', ' ') || zone;
}

/** The zone for a display mode: the exports' zone (when the archive knows one), this computer's, or UTC. */
export function zoneFor(mode: ZoneMode, exportZone: string | null | undefined): string {
  if (mode === 'utc') return 'UTC';
  if (mode === 'export' && exportZone) return exportZone;
  return machineTimeZone();
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

/** The display zone's UTC offset at an instant in minutes east of UTC (time-presets.ts counts days with it). */
export function offsetMinutesAt(ms: number): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offsetAt(ms));
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}
