// Which part of the app a URL shows, besides the call view's search (view-state.ts): the tab,
// and on the Statistics tab the period, grouping and parameters of the figures shown. Browser
// mode keeps it in the address bar, so a reload, Back and a copied URL return to the same
// statistics; callscope:// links carry the same query. Its parameters have names of their own
// (`tab`, `s…`), so a query holds the call view's and this together and each decoder reads
// only its own. Decoding validates as the API does and drops what is not valid.
import { DEFAULT_PARAMETERS, GROUPINGS, SL_ABANDONS, type Grouping, type SlAbandons } from '../statistics/types';
import { isLocalDate } from '../statistics/periods';

export const APP_TABS = ['calls', 'statistics', 'imports', 'log'] as const;
export type AppTab = (typeof APP_TABS)[number];

/** The Statistics view's query as its form holds it: local dates (YYYY-MM-DD, `to` inclusive) or ''. */
export interface StatsViewState {
  from: string;
  to: string;
  /** At most two groupings, distinct. */
  by: Grouping[];
  slSeconds: number;
  slAbandons: SlAbandons;
  shortAbandonSeconds: number;
  silentLimitPct: number;
}

export interface PlaceState {
  tab: AppTab;
  /** The statistics shown (the Statistics tab only; null: the view's own start, the whole archive). */
  stats: StatsViewState | null;
}

export function defaultStatsView(): StatsViewState {
  return { from: '', to: '', by: ['queue'], ...DEFAULT_PARAMETERS };
}

/** The API's limits (schemas.ts statsQuerySchema): seconds up to a day, a percentage up to 100. */
const MAX_SECONDS = 86_400;
const MAX_PCT = 100;
const MAX_BY = 2;

/** Only what differs from the calls tab and the default statistics, in a fixed order. */
export function encodePlaceState(place: PlaceState): string {
  const p = new URLSearchParams();
  if (place.tab === 'calls') return '';
  p.set('tab', place.tab);
  const s = place.stats;
  if (place.tab !== 'statistics' || !s) return p.toString();
  const d = defaultStatsView();
  if (s.from) p.set('sfrom', s.from);
  if (s.to) p.set('sto', s.to);
  if (s.by.join(',') !== d.by.join(',')) p.set('sby', s.by.length ? s.by.join(',') : 'total');
  if (s.slSeconds !== d.slSeconds) p.set('ssl', String(s.slSeconds));
  if (s.slAbandons !== d.slAbandons) p.set('sslab', s.slAbandons);
  if (s.shortAbandonSeconds !== d.shortAbandonSeconds) p.set('sshort', String(s.shortAbandonSeconds));
  if (s.silentLimitPct !== d.silentLimitPct) p.set('ssilent', String(s.silentLimitPct));
  return p.toString();
}

function decodeNumber(value: string | null, max: number, fallback: number): number {
  if (value === null || !/^\d{1,6}(\.\d{1,3})?$/.test(value)) return fallback;
  const n = Number(value);
  return n <= max ? n : fallback;
}

function decodeBy(value: string | null, fallback: Grouping[]): Grouping[] {
  if (value === null) return fallback;
  if (value === 'total') return [];
  const parts = value.split(',');
  const known = parts.filter((g): g is Grouping => (GROUPINGS as readonly string[]).includes(g));
  const by = [...new Set(known)];
  return by.length === parts.length && by.length <= MAX_BY ? by : fallback;
}

/** A query string (with or without "?") → the tab and statistics it names; what is not valid is left at its default. */
export function decodePlaceState(query: string): PlaceState {
  const p = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const tabParam = p.get('tab');
  const tab = (APP_TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as AppTab) : 'calls';
  if (tab !== 'statistics') return { tab, stats: null };
  const names = ['sfrom', 'sto', 'sby', 'ssl', 'sslab', 'sshort', 'ssilent'];
  if (!names.some((n) => p.has(n))) return { tab, stats: null };
  const d = defaultStatsView();
  const from = p.get('sfrom') ?? '';
  const to = p.get('sto') ?? '';
  const slab = p.get('sslab');
  return {
    tab,
    stats: {
      from: isLocalDate(from) ? from : '',
      to: isLocalDate(to) ? to : '',
      by: decodeBy(p.get('sby'), d.by),
      slSeconds: decodeNumber(p.get('ssl'), MAX_SECONDS, d.slSeconds),
      slAbandons: (SL_ABANDONS as readonly string[]).includes(slab ?? '') ? (slab as SlAbandons) : d.slAbandons,
      shortAbandonSeconds: decodeNumber(p.get('sshort'), MAX_SECONDS, d.shortAbandonSeconds),
      silentLimitPct: decodeNumber(p.get('ssilent'), MAX_PCT, d.silentLimitPct),
    },
  };
}

/** One query of the call view's part and this part (each decoder reads only its own names). */
export function joinQueries(...parts: string[]): string {
  return parts.filter(Boolean).join('&');
}
