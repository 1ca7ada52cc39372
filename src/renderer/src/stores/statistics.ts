// The Statistics view's state: the query (period, grouping, the spec's
// parameters), the table's result and the charts' results. The only caller of
// the stats API; a count's drill-down hands its calls to the call list.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Drill, DrillFigure, StatisticsResult, StatsQuery } from '../../../shared/api/archive-api';
import { defaultStatsView, type StatsViewState } from '../../../shared/links';
import {
  periodRange,
  comparisonRange,
  TIME_GROUPINGS,
  keyIntervalMs,
  parseBoundary,
  type ArchiveDays,
  type Comparison,
  type NewestCall,
  type QueueFigures,
  type StatsPeriod,
  type GroupKey,
  type Grouping,
} from '../../../shared/statistics';
import { useApi } from '../api';
import { toUiError, type UiError } from '../errors';
import { useCallsStore } from './calls';
import { emptyFilters } from './search-query';

/** Local dates (YYYY-MM-DD) in the archive's zone, `to` inclusive (the whole day); the grouping and parameters. */
export type StatsForm = StatsViewState;

/** The day after a local date (the form's inclusive "to" → the API's exclusive bound). */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The form → the API's query (only what is set; the API fills the spec's defaults). */
export function statsQueryOf(form: StatsForm, by: Grouping[] = form.by): StatsQuery {
  const q: StatsQuery = {
    by,
    slSeconds: form.slSeconds,
    slAbandons: form.slAbandons,
    shortAbandonSeconds: form.shortAbandonSeconds,
    silentLimitPct: form.silentLimitPct,
  };
  if (/^\d{4}-\d{2}-\d{2}$/.test(form.from)) q.from = form.from;
  if (/^\d{4}-\d{2}-\d{2}$/.test(form.to)) q.to = nextDay(form.to);
  return q;
}

export function defaultForm(): StatsForm {
  return defaultStatsView();
}

const copy = (s: StatsViewState): StatsViewState => ({ ...s, by: [...s.by] });

/** The time grouping the over-time chart uses: the table's own, else day. */
export function overTimeGrouping(by: readonly Grouping[]): Grouping {
  return by.find((g) => TIME_GROUPINGS.includes(g)) ?? 'day';
}

/** The query of the period before (comparisonRange): its days, cut at the newest call's point when `until` is set. */
export function priorQueryOf(form: StatsForm, before: Comparison): StatsQuery {
  const q = statsQueryOf({ ...form, ...before.range }, []);
  if (before.until) q.to = before.until;
  return q;
}

/**
 * The stretch of time a drill-down's calls lie in, as the list's Time filter holds it (ISO instants,
 * `to` exclusive): the statistics' period, narrowed to the group's day, week or month when the figure
 * is of one. Null when the statistics had no period and no such group (the whole archive).
 */
export function drillTimeRange(drill: Drill | null | undefined): { from: string; to: string } | null {
  if (!drill) return null;
  const zone = drill.stats.timeZone;
  if (!zone) return null;
  const bound = (text: string | undefined): number | null => (text ? parseBoundary(text, zone) : null);
  let from = bound(drill.stats.from);
  let to = bound(drill.stats.to);
  const key = drill.key ?? {};
  const group = (['day', 'week', 'month'] as const).find((g) => typeof key[g] === 'string');
  const range = group ? keyIntervalMs(group, key[group] as string, zone) : null;
  if (range) {
    from = from === null ? range[0] : Math.max(from, range[0]);
    to = to === null ? range[1] : Math.min(to, range[1]);
  }
  if (from === null || to === null) return null;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export const useStatisticsStore = defineStore('statistics', () => {
  const form = ref<StatsForm>(defaultForm());
  const result = ref<StatisticsResult | null>(null);
  const overTime = ref<StatisticsResult | null>(null);
  const heatmap = ref<StatisticsResult | null>(null);
  const perQueue = ref<StatisticsResult | null>(null);
  const loading = ref(false);
  const error = ref<UiError | null>(null);
  /** The archive's first and newest call's dates in the statistics' zone: the periods count from them. */
  const archiveDays = ref<ArchiveDays | null>(null);
  /** The archive's newest call (its start, the statistics' zone): the period before is cut at the same point. */
  const newestCall = ref<NewestCall | null>(null);
  /** The period compared with (comparisonRange) and its totals: the headline figures compare with them. */
  const previous = ref<(Comparison & { total: QueueFigures }) | null>(null);
  /**
   * The statistics last asked for: the figures shown, or coming. The address bar names these, not the
   * form being edited, and at once, so Back and a link never see a moment of older figures as a new step.
   */
  const asked = ref<StatsViewState | null>(null);
  let generation = 0;
  let resultQuery: StatsQuery | null = null;

  /**
   * The period starts as the archive's own date range: the first statistics are of the whole
   * archive, and the form then shows its first and last call's dates in the zone they were computed in.
   */
  async function start(firstCall: string | null, lastCall: string | null): Promise<void> {
    if (result.value) return;
    await load();
    const first = result.value as StatisticsResult | null; // set by load(): TS keeps the narrowing from before the await
    if (!first || !firstCall || !lastCall) return;
    const zone = first.parameters.timeZone;
    const local = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(iso));
    archiveDays.value = { first: local(firstCall), last: local(lastCall) };
    newestCall.value = { start: lastCall, timeZone: zone };
    // A period a link named stays (compared again like for like, now that the newest call is known);
    // without one the form shows the archive's own range, which the first figures (no period at all) are of.
    if (form.value.from || form.value.to) {
      if (comparisonRange(form.value, newestCall.value)?.cut) await load();
      return;
    }
    form.value = { ...form.value, ...periodRange('all', archiveDays.value) };
    asked.value = copy(form.value);
  }

  /** The statistics a link or Back names: shown at once when the view already shows figures, else by start(). */
  async function show(stats: StatsViewState): Promise<void> {
    form.value = copy(stats);
    asked.value = copy(stats);
    if (result.value || loading.value) await load();
  }

  /** A period shortcut: its dates in the form, then its statistics. */
  async function choosePeriod(period: StatsPeriod): Promise<void> {
    if (!archiveDays.value) return;
    form.value = { ...form.value, ...periodRange(period, archiveDays.value) };
    await load();
  }

  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    try {
      const api = useApi();
      const f = form.value;
      asked.value = copy(f);
      // One after the other: the archive answers one request at a time.
      const query = statsQueryOf(f);
      const main = await api.stats.compute(query);
      const time = await api.stats.compute(statsQueryOf(f, [overTimeGrouping(f.by)]));
      const heat = await api.stats.compute(statsQueryOf(f, ['weekday', 'hourofday']));
      const queues = await api.stats.compute(statsQueryOf(f, ['queue']));
      const before = comparisonRange(f, newestCall.value);
      const prior = before ? await api.stats.compute(priorQueryOf(f, before)) : null;
      if (mine !== generation) return;
      result.value = main;
      resultQuery = query;
      overTime.value = time;
      heatmap.value = heat;
      perQueue.value = queues;
      previous.value = before && prior ? { ...before, total: prior.total } : null;
      error.value = null;
    } catch (e) {
      if (mine === generation) error.value = toUiError(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** Opens the call list on exactly the calls behind a count (the list's total is the figure). */
  function drill(figure: DrillFigure, key: GroupKey | Record<string, string | null>): void {
    if (!resultQuery || !result.value) return;
    // The query the shown figures were computed with (not the form, which may have been edited since).
    const stats: StatsQuery = { ...resultQuery, timeZone: result.value.parameters.timeZone };
    const calls = useCallsStore();
    calls.text = '';
    const drill: Drill = { figure, key, stats };
    // The list's Time filter shows the period the drill applies (the same instants: the list's total stays the figure).
    calls.setFilters({ ...emptyFilters(), ...(drillTimeRange(drill) ?? {}), drill });
  }

  return {
    form,
    result,
    overTime,
    heatmap,
    perQueue,
    loading,
    error,
    archiveDays,
    newestCall,
    previous,
    asked,
    start,
    show,
    load,
    choosePeriod,
    drill,
  };
});
