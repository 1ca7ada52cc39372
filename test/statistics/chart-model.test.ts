// The Statistics view's pure chart models, on the hand-written archive.
import { describe, expect, it } from 'vitest';
import {
  computeStatistics,
  DEFAULT_PARAMETERS,
  heatmapCells,
  heatmapOption,
  LIGHT_STATS_THEME,
  overTimeOption,
  type Grouping,
  type StatsChartTexts,
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

  it('heatmap: [hour, weekday] cells of offered calls and of the service level (null where it has no denominator)', () => {
    const g = groups(['weekday', 'hourofday']);
    const offered = heatmapCells(g, 'offered');
    // Friday (index 4) 09:00: c01–c05; Saturday (5) 00:00: c17 only, abandoned within SL → SL null.
    expect(offered).toContainEqual([9, 4, 5]);
    expect(heatmapCells(g, 'serviceLevelPct')).toContainEqual([0, 5, null]);
    const option = heatmapOption(g, 'serviceLevelPct', texts, LIGHT_STATS_THEME) as {
      series: { data: unknown[] }[];
      visualMap: { max: number };
    };
    expect(option.visualMap.max).toBe(100);
    expect(option.series[0]?.data).not.toContainEqual([0, 5, null]);
  });
});
