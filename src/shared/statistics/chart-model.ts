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
  /** Weekday name of an ISO weekday (1 = Monday). */
  weekday(n: number): string;
  /** A group's key shown on an axis (e.g. a day formatted for the locale). */
  keyLabel(g: Grouping, value: string | null): string;
}

type Option = Record<string, unknown>;

function axisStyle(theme: StatsChartTheme) {
  return {
    axisLabel: { color: theme.muted },
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
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 48, top: 36, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: labels, ...axisStyle(theme) },
    yAxis: [
      { type: 'value', name: texts.calls, minInterval: 1, ...axisStyle(theme) },
      { type: 'value', name: texts.percent, min: 0, max: 100, ...axisStyle(theme), splitLine: { show: false } },
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

/** Hour of day (x) × weekday (y) heatmap of offered calls or of the service level. */
export function heatmapOption(
  groups: readonly QueueGroup[],
  figure: 'offered' | 'serviceLevelPct',
  texts: StatsChartTexts,
  theme: StatsChartTheme,
): Option {
  const cells = heatmapCells(groups, figure).filter((c) => c[2] !== null);
  const max = figure === 'serviceLevelPct' ? 100 : Math.max(1, ...cells.map((c) => c[2] ?? 0));
  return {
    animation: false,
    textStyle: { color: theme.text },
    tooltip: { position: 'top' },
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
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
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      textStyle: { color: theme.text },
      inRange: { color: theme.scale },
    },
    series: [
      {
        type: 'heatmap',
        name: figure === 'serviceLevelPct' ? texts.serviceLevelPct : texts.offered,
        data: cells,
        label: { show: true, color: theme.text, fontSize: 10 },
      },
    ],
  };
}

/** Per-queue comparison: offered, answered, abandoned and the service level per queue. */
export function perQueueOption(groups: readonly QueueGroup[], texts: StatsChartTexts, theme: StatsChartTheme): Option {
  return overTimeOption(groups, 'queue', texts, theme);
}
