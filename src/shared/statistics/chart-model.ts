// Pure chart models of the Statistics view: statistics groups → the option
// object ECharts draws (figure over time, hour-of-day × weekday heatmap,
// per-queue comparison). No DOM: tested directly, drawn by StatsChart.vue.
import type { Grouping, QueueGroup } from './types';

export interface StatsChartTheme {
  text: string;
  muted: string;
  grid: string;
  /** Offered, answered, abandoned, service level. */
  series: [string, string, string, string];
  /** Heatmap scale, low → high. */
  scale: [string, string];
}

export const LIGHT_STATS_THEME: StatsChartTheme = {
  text: '#1f2933',
  muted: '#52606d',
  grid: '#d9dee3',
  series: ['#2f6fb0', '#2e8540', '#c0392b', '#8e44ad'],
  scale: ['#eef4fb', '#1d4f91'],
};

export const DARK_STATS_THEME: StatsChartTheme = {
  text: '#e4e7eb',
  muted: '#9aa5b1',
  grid: '#3e4c59',
  series: ['#6aa7e8', '#5fbf73', '#ef6f61', '#c39bd3'],
  scale: ['#1f2933', '#7fb3ef'],
};

export interface StatsChartTexts {
  offered: string;
  answered: string;
  abandoned: string;
  serviceLevelPct: string;
  calls: string;
  percent: string;
  /** A count or a percentage in the locale's digits (Danish 4.032 and 66,7; ECharts alone writes 4,032). */
  number(n: number): string;
  /** Weekday name of an ISO weekday (1 = Monday). */
  weekday(n: number): string;
  /** A group's key shown on an axis (e.g. a day formatted for the locale). */
  keyLabel(g: Grouping, value: string | null): string;
}

type Option = Record<string, unknown>;

function axisStyle(theme: StatsChartTheme, texts?: StatsChartTexts) {
  return {
    axisLabel: texts ? { color: theme.muted, formatter: (v: number) => texts.number(v) } : { color: theme.muted },
    axisLine: { lineStyle: { color: theme.grid } },
    splitLine: { lineStyle: { color: theme.grid } },
  };
}

/** Offered / answered / abandoned as bars and the service level as a line, per interval of a time grouping. */
export function overTimeOption(
  groups: readonly QueueGroup[],
  grouping: Grouping,
  texts: StatsChartTexts,
  theme: StatsChartTheme,
): Option {
  const labels = groups.map((g) => texts.keyLabel(grouping, g.key[grouping] ?? null));
  const bar = (name: string, values: number[], color: string) => ({
    type: 'bar',
    name,
    data: values,
    itemStyle: { color },
  });
  return {
    animation: false,
    textStyle: { color: theme.text },
    legend: { bottom: 0, textStyle: { color: theme.text } },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? texts.number(v) : '—') },
    grid: { left: 48, right: 48, top: 36, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: labels, ...axisStyle(theme) },
    yAxis: [
      { type: 'value', name: texts.calls, minInterval: 1, ...axisStyle(theme, texts) },
      { type: 'value', name: texts.percent, min: 0, max: 100, ...axisStyle(theme, texts), splitLine: { show: false } },
    ],
    series: [
      bar(
        texts.offered,
        groups.map((g) => g.offered),
        theme.series[0],
      ),
      bar(
        texts.answered,
        groups.map((g) => g.answered),
        theme.series[1],
      ),
      bar(
        texts.abandoned,
        groups.map((g) => g.abandoned),
        theme.series[2],
      ),
      {
        type: 'line',
        name: texts.serviceLevelPct,
        yAxisIndex: 1,
        data: groups.map((g) => g.serviceLevelPct),
        connectNulls: false,
        itemStyle: { color: theme.series[3] },
        lineStyle: { color: theme.series[3] },
      },
    ],
  };
}

export const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'];

/** The cells of a weekday × hour-of-day grouping: [hour index, weekday index, value] (null where no call). */
export function heatmapCells(
  groups: readonly QueueGroup[],
  figure: 'offered' | 'serviceLevelPct',
): [number, number, number | null][] {
  const cells: [number, number, number | null][] = [];
  for (const g of groups) {
    const h = HOURS.indexOf(g.key.hourofday ?? '');
    const w = WEEKDAYS.indexOf(g.key.weekday ?? '');
    if (h >= 0 && w >= 0) cells.push([h, w, g[figure]]);
  }
  return cells;
}

/** Width of one digit of a cell's label (ECharts' default sans-serif at fontSize 10), in px. */
const HEATMAP_DIGIT_PX = 6.5;
/** Room a label needs in its cell besides its digits (a gap each side), in px. */
const HEATMAP_LABEL_GAP_PX = 6;
/** The chart's width that is not cells: the weekday names, the grid's margins and the box's padding, in px. */
const HEATMAP_FRAME_PX = 72;

/** A heatmap cell's label: whole numbers in the locale's digits (a service level of 66.7 % shows as 67). */
export function heatmapLabel(value: number, texts: StatsChartTexts): string {
  return texts.number(Math.round(value));
}

/**
 * The narrowest chart in which every cell's label fits its cell (24 hours across): below it the
 * labels would run into each other, so they are drawn only from this width up (an ECharts media
 * query, so a resized chart follows); the colour scale and the tooltip say the value at any width.
 */
export function heatmapLabelMinWidth(widestLabel: string): number {
  const digits = widestLabel.length;
  return Math.ceil(HEATMAP_FRAME_PX + HOURS.length * (digits * HEATMAP_DIGIT_PX + HEATMAP_LABEL_GAP_PX));
}

/** Hour of day (x) × weekday (y) heatmap of offered calls or of the service level. */
export function heatmapOption(
  groups: readonly QueueGroup[],
  figure: 'offered' | 'serviceLevelPct',
  texts: StatsChartTexts,
  theme: StatsChartTheme,
): Option {
  const cells = heatmapCells(groups, figure).filter((c) => c[2] !== null);
  const max = figure === 'serviceLevelPct' ? 100 : Math.max(1, ...cells.map((c) => c[2] ?? 0));
  const name = figure === 'serviceLevelPct' ? texts.serviceLevelPct : texts.offered;
  const baseOption = {
    animation: false,
    textStyle: { color: theme.text },
    tooltip: {
      position: 'top',
      formatter: (p: { value: [number, number, number] }) =>
        `${texts.weekday(p.value[1] + 1)} ${HOURS[p.value[0]] ?? ''}:00 · ${name}: ${heatmapLabel(p.value[2], texts)}`,
    },
    grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
    xAxis: {
      type: 'category',
      data: HOURS,
      ...axisStyle(theme),
      splitLine: { show: true, lineStyle: { color: theme.grid } },
    },
    yAxis: {
      type: 'category',
      data: WEEKDAYS.map((w) => texts.weekday(Number(w))),
      inverse: true,
      ...axisStyle(theme),
    },
    visualMap: {
      min: 0,
      max,
      // The scale's ends as text beside the bar (a draggable handle's value sat above it, under the hour axis).
      calculable: false,
      text: [heatmapLabel(max, texts), texts.number(0)],
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      textStyle: { color: theme.text },
      inRange: { color: theme.scale },
    },
    series: [
      {
        type: 'heatmap',
        name,
        data: cells,
        label: {
          show: false,
          color: theme.text,
          fontSize: 10,
          formatter: (p: { value: [number, number, number] }) => heatmapLabel(p.value[2], texts),
        },
      },
    ],
  };
  return {
    baseOption,
    media: [
      {
        query: { minWidth: heatmapLabelMinWidth(heatmapLabel(max, texts)) },
        option: { series: [{ label: { show: true } }] },
      },
    ],
  };
}

/**
 * The option to draw once more elsewhere (the SVG copy) with a background: an option with media
 * queries (the heatmap's) keeps its base in `baseOption`, where ECharts reads the background from.
 */
export function withBackground(option: Option, backgroundColor: string): Option {
  const base = option.baseOption;
  return base !== null && typeof base === 'object'
    ? { ...option, baseOption: { ...(base as Option), backgroundColor } }
    : { ...option, backgroundColor };
}

/** Per-queue comparison: offered, answered, abandoned and the service level per queue. */
export function perQueueOption(groups: readonly QueueGroup[], texts: StatsChartTexts, theme: StatsChartTheme): Option {
  const option = overTimeOption(groups, 'queue', texts, theme);
  // Every queue named under its bars (ECharts would skip names that collide), slanted beyond three
  // queues and cut to a width; the tooltip gives the whole name.
  const axisLabel = {
    color: theme.muted,
    interval: 0,
    rotate: groups.length > 3 ? 30 : 0,
    width: PER_QUEUE_LABEL_PX,
    overflow: 'truncate',
  };
  return { ...option, xAxis: { ...(option.xAxis as Option), axisLabel } };
}

/** The widest a queue's name under its bars may be before it is cut (px). */
const PER_QUEUE_LABEL_PX = 110;
