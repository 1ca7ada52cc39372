// Chart rows: one per archive event, in the call's order (the engine already
// sorted them by start and the spec's tie order). Pure data, no drawing.

import type { ArchiveCall, ArchiveEventType } from '../model/archive-call';
import type { RowOrigin } from '../model/call-events';
import { resultText } from './result-codes';
import { isSilentDialerCall } from '../statistics/compute';

export type ChartLocale = 'en' | 'da';

/** One colour per event type; Deleted is red as in the platform's archive. */
export const EVENT_COLORS: Record<ArchiveEventType, string> = {
  queue: '#4f7fd9',
  queue_callback: '#8a63d2',
  conversation: '#2f9d5a',
  consult: '#d98a1c',
  consult_queue: '#1b9aa3',
  menu: '#7d8799',
  deleted: '#d43d3d',
};

/** The silent-call message of a silent dialer call (R18): its own colour, so it stands out from other menus. */
export const SILENT_COLOR = '#b4307e';
export const SILENT_LABEL: Record<ChartLocale, string> = { en: 'Silent call', da: 'Tavst opkald' };

export interface ChartEventRow {
  /** Position in call.events (and in CallDetail.eventSources). */
  index: number;
  type: ArchiveEventType;
  /** UTC epoch ms. */
  start: number;
  end: number;
  durationSec: number;
  /** The duration as the chosen language writes it ("1 t 05 min"); absent: English. */
  durationText?: string;
  /** Drawn as a thin marker of minimum width, so it is never invisible. */
  zeroLength: boolean;
  agent: string | null;
  name: string | null;
  /** The event label in the chosen language, e.g. "1 unanswered call finished". */
  label: string | null;
  result: string | null;
  /** The result code with its meaning, "h · caller hung up" (spec section 2); null without a code. */
  resultText: string | null;
  color: string;
  sources: RowOrigin[];
  /** The silent-call message of a silent dialer call (R18, #14 item 5): marked and named in the legend. */
  silent?: boolean;
}

export function buildEventRows(
  call: ArchiveCall,
  eventSources: RowOrigin[][] | undefined,
  locale: ChartLocale,
): ChartEventRow[] {
  // R18: a silent dialer call's Menu event is the silent-call message (the statistics' definition).
  const silentCall = isSilentDialerCall(call);
  return call.events.map((event, index) => {
    const silent = silentCall && event.type === 'menu';
    const start = Date.parse(event.start);
    // An end before the start would draw backwards; clamp it (the table still shows the raw value).
    const end = Math.max(start, Date.parse(event.end));
    return {
      index,
      type: event.type,
      start,
      end,
      durationSec: event.durationSec,
      durationText: formatDuration(event.durationSec, locale),
      zeroLength: end - start < 1 || event.durationSec === 0,
      agent: event.agent,
      name: event.name,
      label: (locale === 'da' ? (event.labelDa ?? event.label) : event.label) ?? (silent ? SILENT_LABEL[locale] : null),
      result: event.result,
      resultText: event.result ? resultText(event.type, event.result, locale) : null,
      color: silent ? SILENT_COLOR : EVENT_COLORS[event.type],
      sources: eventSources?.[index] ?? [],
      ...(silent ? { silent } : {}),
    };
  });
}

/** The hour's unit: "h" in English, "t" (time) in Danish. */
const HOUR_UNIT: Record<ChartLocale, string> = { en: 'h', da: 't' };

/**
 * 42 → "0:42", 198 → "3:18"; an hour or more reads in hours and minutes, 7390 → "2 h 03 min"
 * (Danish "2 t 03 min"), 172866 → "48 h 01 min" (a clock-like "48:01:06" reads as a time of day);
 * fractions rounded.
 */
export function formatDuration(sec: number | null | undefined, locale: ChartLocale = 'en'): string {
  if (sec === null || sec === undefined || !Number.isFinite(sec)) return '—';
  const total = Math.round(Math.abs(sec));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  const sign = sec < 0 ? '-' : '';
  return h > 0 ? `${sign}${h} ${HOUR_UNIT[locale]} ${String(m).padStart(2, '0')} min` : `${sign}${m}:${ss}`;
}

/** Who a bar is about: the agent, or the queue / menu name; a Consult to queue names the queue consulted. */
export function barWho(row: Pick<ChartEventRow, 'type' | 'agent' | 'name'>): string | null {
  return row.type === 'consult_queue' ? (row.name ?? row.agent) : (row.agent ?? row.name);
}

/**
 * The text drawn on (or beside) a bar: how long, label, who. The duration comes first so that a
 * text shortened to fit ("3 h 08 min · 1 unanswered call fin…") still says how long it took.
 */
export function barText(row: ChartEventRow): string {
  const parts: string[] = [row.durationText ?? formatDuration(row.durationSec)];
  if (row.label) parts.push(row.label);
  const who = barWho(row);
  if (who) parts.push(who);
  return parts.join(' · ');
}
