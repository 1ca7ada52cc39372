// The Statistics view's pure chart models, on the hand-written archive.
import { describe, expect, it } from 'vitest';
import {
  computeStatistics,
  DEFAULT_PARAMETERS,
  heatmapCells,
  heatmapLabel,
  heatmapLabelMinWidth,
  heatmapOption,
  LIGHT_STATS_THEME,
  overTimeOption,
  perQueueOption,
  type Grouping,
  type StatsChartTexts,
  withBackground,
} from '../../src/shared/statistics';
import { HAND_CALLS, HAND_ZONE } from './hand-archive';

const groups = (by: Grouping[]) =>
  computeStatistics(HAND_CALLS, { ...DEFAULT_PARAMETERS, timeZone: HAND_ZONE, fromMs: null, toMs: null, by }).groups;
const texts: StatsChartTexts = {
  offered: 'Offered',
  answered: 'Answered',
  abandoned: 'Abandoned',
  serviceLevelPct: 'SL',
  calls: 'Calls',
  percent: '%',
  number: (n) => new Intl.NumberFormat('da-DK').format(n),
  weekday: (n) => ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][n - 1] ?? '?',
  keyLabel: (_g, v) => v ?? '(none)',
};

describe('statistics chart model', () => {
  it('over time: one category per interval, bars of offered / answered / abandoned and the service level as a line', () => {
    const option = overTimeOption(groups(['day']), 'day', texts, LIGHT_STATS_THEME) as {
      xAxis: { data: string[] };
      series: { type: string; data: (number | null)[] }[];
    };
    expect(option.xAxis.data).toEqual(['2026-03-27', '2026-03-28', '2026-03-29']);
    expect(option.series.map((s) => s.type)).toEqual(['bar', 'bar', 'bar', 'line']);
    expect(option.series[0]?.data).toEqual([16, 6, 4]);
    expect(option.series[3]?.data).toEqual([35.7, 66.7, 50]);
  });

  it("over time: the axes' and the tooltip's numbers in the locale's digits, a missing service level as a dash", () => {
    type Fmt = (v: unknown) => string;
    const option = overTimeOption(groups(['day']), 'day', texts, LIGHT_STATS_THEME) as {
      yAxis: { axisLabel: { formatter: Fmt } }[];
      tooltip: { valueFormatter: Fmt };
    };
    expect(option.yAxis.map((a) => a.axisLabel.formatter(60000))).toEqual(['60.000', '60.000']);
    expect(option.tooltip.valueFormatter(66.7)).toBe('66,7');
    expect(option.tooltip.valueFormatter(null)).toBe('—');
  });

  it('per queue: every queue is named under its bars, slanted beyond three queues', () => {
    type PerQueue = { xAxis: { data: string[]; axisLabel: { interval: number; rotate: number } } };
    const option = perQueueOption(groups(['queue']), texts, LIGHT_STATS_THEME) as PerQueue;
    expect(option.xAxis.data).toEqual(['Sales', 'Support']);
    expect(option.xAxis.axisLabel).toMatchObject({ interval: 0, rotate: 0 });
    const six = Array.from({ length: 6 }, (_, i) => ({ ...groups(['queue'])[0]!, key: { queue: `Queue ${i}` } }));
    expect((perQueueOption(six, texts, LIGHT_STATS_THEME) as PerQueue).xAxis.axisLabel.rotate).toBe(30);
  });

  it('heatmap: [hour, weekday] cells of offered calls and of the service level (null where it has no denominator)', () => {
    const g = groups(['weekday', 'hourofday']);
    const offered = heatmapCells(g, 'offered');
    // Friday (index 4) 09:00: c01–c05; Saturday (5) 00:00: c17 only, abandoned within SL → SL null.
    expect(offered).toContainEqual([9, 4, 5]);
    expect(heatmapCells(g, 'serviceLevelPct')).toContainEqual([0, 5, null]);
    const option = heatmapOption(g, 'serviceLevelPct', texts, LIGHT_STATS_THEME) as {
      baseOption: { series: { data: unknown[] }[]; visualMap: { max: number } };
    };
    expect(option.baseOption.visualMap.max).toBe(100);
    expect(option.baseOption.series[0]?.data).not.toContainEqual([0, 5, null]);
  });

  it('heatmap labels: drawn only in a chart wide enough for the widest label in each of 24 cells', () => {
    // A third of a 1366 px window (about 420 px) cannot hold 24 four-digit labels; they ran into each other.
    expect(heatmapLabelMinWidth('4032')).toBeGreaterThan(420);
    expect(heatmapLabelMinWidth('4032')).toBe(72 + 24 * (4 * 6.5 + 6));
    expect(heatmapLabelMinWidth('7')).toBe(72 + 24 * (6.5 + 6));
    // Whole numbers in the locale's digits: a service level of 66.66 % is 67; 4032 calls are 4.032 in Danish.
    expect(heatmapLabel(66.66, texts)).toBe('67');
    expect(heatmapLabel(4032, texts)).toBe('4.032');
    const g = groups(['weekday', 'hourofday']);
    type Heat = {
      baseOption: {
        series: { label: { show: boolean; formatter: (p: { value: number[] }) => string } }[];
        tooltip: { formatter: (p: { value: number[] }) => string };
      };
      media: { query: { minWidth: number }; option: { series: { label: { show: boolean } }[] } }[];
    };
    const option = heatmapOption(g, 'offered', texts, LIGHT_STATS_THEME) as Heat;
    expect(option.baseOption.series[0]?.label.show).toBe(false);
    expect(option.media).toEqual([
      { query: { minWidth: heatmapLabelMinWidth('5') }, option: { series: [{ label: { show: true } }] } },
    ]);
    expect(option.baseOption.series[0]?.label.formatter({ value: [9, 4, 5] })).toBe('5');
    expect(option.baseOption.tooltip.formatter({ value: [9, 4, 5] })).toBe('Fri 09:00 · Offered: 5');
  });

  it('withBackground: the SVG copy gets its background where ECharts reads it, in a media option too', () => {
    expect(withBackground({ series: [] }, '#fff')).toEqual({ series: [], backgroundColor: '#fff' });
    expect(withBackground({ baseOption: { series: [] }, media: [] }, '#000')).toEqual({
      baseOption: { series: [], backgroundColor: '#000' },
      media: [],
    });
  });
});
