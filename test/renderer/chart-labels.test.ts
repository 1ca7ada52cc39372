// #14 items 5, 12, 13 in the pure chart model: bar labels placed clear of the zig-zag gap marks
// and attempt marks (the duration kept first), no repeated tick label, the silent-call message
// marked (colour, dashed outline, label, legend), and callback attempts as marks with a tooltip.
import { describe, expect, it } from 'vitest';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { CustomChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { AxisBreak } from 'echarts/features';
import {
  attemptTooltipHtml,
  barText,
  buildAttemptMarks,
  buildEventRows,
  buildGanttModel,
  buildGanttOption,
  chartLegend,
  EVENT_COLORS,
  freeSpans,
  gapMarkSpans,
  LIGHT_CHART_THEME,
  makeRenderItem,
  placeBarLabel,
  SILENT_COLOR,
  textWidth,
  uniqueTickFormatter,
  type ChartTexts,
  type LabelSpace,
  type RenderApi,
  type Span,
} from '../../src/shared/chart';
import type { ArchiveCall, ArchiveEvent, CallAttempt } from '../../src/shared/model/archive-call';
import { callbackOverDst, callbackSecondAttempt, detailOf } from './fixtures';

echarts.use([SVGRenderer, CustomChart, GridComponent, TooltipComponent, DataZoomComponent, AxisBreak]);

const texts: ChartTexts = {
  typeLabel: (t) => t,
  formatTime: (ms) => new Date(ms).toISOString().slice(11, 19),
  formatDateTime: (ms) => new Date(ms).toISOString(),
  start: 'Start',
  end: 'End',
  duration: 'Duration',
  result: 'Result',
  rawRows: 'Raw rows',
  attemptTitle: (n) => `Attempt ${n}`,
  attemptAnswered: 'answered',
  attemptUnanswered: 'not answered',
  attemptNoAgent: 'no agent',
};

function ev(type: ArchiveEvent['type'], start: string, end: string, extra: Partial<ArchiveEvent> = {}): ArchiveEvent {
  const durationSec = (Date.parse(end) - Date.parse(start)) / 1000;
  return { type, start, end, durationSec, name: null, agent: null, label: null, labelDa: null, result: null, ...extra };
}

/** R18: a predictive dialer call the contact answered with no agent free: the silent-call message. */
const silentDialer: ArchiveCall = {
  callId: 'silent-5004',
  type: 'dialer_contact_first',
  dialerMode: 'predictive',
  start: '2026-03-10T10:00:00.000Z',
  end: '2026-03-10T10:00:40.000Z',
  callerNumber: '+4540404040',
  accessNumber: null,
  queues: ['DialSpring'],
  agents: [],
  outcome: 'unanswered',
  timeBeforeAnswerSec: null,
  waitTimeSec: 30,
  speakTimeSec: 0,
  callbackAttempts: null,
  registrations: [],
  events: [
    ev('queue', '2026-03-10T10:00:00.000Z', '2026-03-10T10:00:00.000Z', { name: 'DialSpring', result: 'q' }),
    ev('queue_callback', '2026-03-10T10:00:00.000Z', '2026-03-10T10:00:30.000Z', { name: 'DialSpring' }),
    ev('menu', '2026-03-10T10:00:30.000Z', '2026-03-10T10:00:40.000Z', { name: 'Silent message', result: 'k' }),
  ],
};

const attempts: CallAttempt[] = [
  {
    start: '2026-03-10T09:00:00.000Z',
    end: '2026-03-10T09:00:30.000Z',
    answeredAt: null,
    agent: 'Anna Holm',
    result: 't',
    connected: false,
  },
  {
    start: '2026-03-10T11:09:50.000Z',
    end: '2026-03-10T11:10:18.000Z',
    answeredAt: '2026-03-10T11:10:18.000Z',
    agent: 'Bo Jensen',
    result: 'k',
    connected: true,
  },
];

/** The text's drawn span for a placement (left- or right-aligned at x). */
function textSpan(p: { x: number; align: 'left' | 'right'; text: string }): Span {
  const w = textWidth(p.text) - 8;
  return p.align === 'left' ? [p.x, p.x + w] : [p.x - w, p.x];
}
const crosses = (a: Span, b: Span) => a[0] < b[1] && b[0] < a[1];

describe('freeSpans', () => {
  it('cuts the obstacles out of a stretch, in order', () => {
    expect(freeSpans(0, 100, [[40, 50]])).toEqual([
      [0, 40],
      [50, 100],
    ]);
    expect(
      freeSpans(0, 100, [
        [90, 120],
        [-10, 5],
      ]),
    ).toEqual([[5, 90]]);
    expect(freeSpans(0, 100, [[0, 100]])).toEqual([]);
  });
});

describe('placeBarLabel (#14 item 12)', () => {
  const text = '41:07 · Conversation · Anders Poulsen';
  const base: LabelSpace = { barFrom: 100, barTo: 900, plotFrom: 50, plotTo: 1000, obstacles: [] };

  it('inside a wide bar, white, from its left edge', () => {
    expect(placeBarLabel(text, base)).toEqual({ text, x: 106, align: 'left', inside: true });
  });

  it('a gap mark across the bar: the text goes into a free stretch, never across the zig-zag', () => {
    const gap: Span = [200, 212];
    const p = placeBarLabel(text, { ...base, obstacles: [gap] });
    expect(p.text).toBe(text);
    expect(p.inside).toBe(true);
    expect(crosses(textSpan(p), gap)).toBe(false);
  });

  it('beside a short bar, the text stops before the next gap mark and keeps the duration first', () => {
    const gap: Span = [300, 312];
    const p = placeBarLabel(text, { ...base, barFrom: 100, barTo: 140, obstacles: [gap], plotFrom: 95 });
    expect(p.inside).toBe(false);
    expect(crosses(textSpan(p), gap)).toBe(false);
    expect(p.text.startsWith('41:07')).toBe(true);
  });

  it('left of a bar at the plot end when the right has no room', () => {
    const p = placeBarLabel(text, { ...base, barFrom: 960, barTo: 995 });
    expect(p).toMatchObject({ align: 'right', inside: false, text, x: 954 });
  });

  it('never crosses an obstacle (a sweep of bars, gaps and marks)', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const a = 50 + rnd() * 900;
      const b = Math.min(1000, a + rnd() * 600);
      const obstacles: Span[] = Array.from({ length: Math.floor(rnd() * 4) }, () => {
        const x = 50 + rnd() * 950;
        return [x - 6, x + 6] as Span;
      });
      const p = placeBarLabel(text, { barFrom: a, barTo: b, plotFrom: 50, plotTo: 1000, obstacles });
      if (p.text === '') continue;
      for (const o of obstacles) expect(crosses(textSpan(p), o), JSON.stringify({ a, b, o, p })).toBe(false);
      expect(p.text.startsWith('41:07') || p.text === '41:…' || p.text.length <= 5).toBe(true);
    }
  });
});

describe('gap marks and the render item', () => {
  const api = (datum: number[], t0: number): RenderApi => ({
    value: (dim) => datum[dim]!,
    coord: ([x, y]) => [100 + (x - t0) / 1000, 20 + y * 30],
    size: () => [0, 30],
  });

  it('gapMarkSpans: both edges of each cut, widened by the zig-zag', () => {
    const t0 = 0;
    expect(gapMarkSpans([{ start: 100_000, end: 110_000 }], api([0, 0, 0, 0], t0), 0)).toEqual([[194, 216]]);
  });

  it("a bar crossing a cut: its text does not cross the cut's zig-zag", () => {
    const rows = buildEventRows(callbackSecondAttempt, undefined, 'en');
    const qcb = rows[3]!;
    const t0 = qcb.start;
    // A cut 20 s after the bar's start: the text would run across it at x = 120.
    const breaks = [{ start: t0 + 20_000, end: t0 + 30_000 }];
    const item = makeRenderItem(
      rows,
      LIGHT_CHART_THEME,
      breaks,
    )(
      { dataIndex: 3, coordSys: { x: 100, y: 0, width: 900, height: 200 } },
      api([3, qcb.start, t0 + 400_000, qcb.durationSec], t0),
    ) as { children: { type: string; style: { x: number; align: 'left' | 'right'; text: string } }[] };
    const text = item.children.find((c) => c.type === 'text')!.style;
    expect(text.text).toBe('3 h 08 min · 1 unanswered call finished · Bo Jensen');
    expect(crosses(textSpan(text), [114, 136])).toBe(false);
  });
});

describe('uniqueTickFormatter (no tick label twice)', () => {
  it('blanks a later tick whose text repeats an earlier one, and starts over at index 0', () => {
    const f = uniqueTickFormatter((ms) => String(Math.round(ms / 1000)));
    expect([f(1000, 0), f(1400, 1), f(2000, 2), f(2000, 3)]).toEqual(['1', '', '2', '2']);
    expect(f(1400, 0)).toBe('1');
  });
  it('is the axis formatter of the option', () => {
    const option = buildGanttOption(buildGanttModel(callbackSecondAttempt, undefined, 'en'), texts, LIGHT_CHART_THEME);
    const fmt = (option.xAxis['axisLabel'] as { formatter: (v: number, i: number) => string }).formatter;
    expect(fmt(Date.parse('2026-03-10T08:00:00.200Z'), 0)).toBe('08:00:00');
    expect(fmt(Date.parse('2026-03-10T08:00:00.700Z'), 1)).toBe('');
  });
});

describe('bar durations in the chart language', () => {
  it('an event of an hour or more reads "t" in Danish, "h" in English', () => {
    const long = callbackOverDst.events.findIndex((e) => e.durationSec >= 3600);
    expect(long).toBeGreaterThanOrEqual(0);
    expect(barText(buildEventRows(callbackOverDst, undefined, 'da')[long]!)).toMatch(/^\d+ t \d\d min/);
    expect(barText(buildEventRows(callbackOverDst, undefined, 'en')[long]!)).toMatch(/^\d+ h \d\d min/);
  });
});

describe('silent dialer calls in the chart (#14 item 5)', () => {
  it('marks the silent-call message: own colour, label, legend', () => {
    const rows = buildEventRows(silentDialer, undefined, 'en');
    const menu = rows[2]!;
    expect(menu.silent).toBe(true);
    expect(menu.color).toBe(SILENT_COLOR);
    expect(menu.color).not.toBe(EVENT_COLORS.menu);
    expect(menu.label).toBe('Silent call');
    expect(buildEventRows(silentDialer, undefined, 'da')[2]!.label).toBe('Tavst opkald');
    expect(chartLegend(buildGanttModel(silentDialer, undefined, 'en'))).toEqual(['silent']);
  });
  it('an answered dialer call or an inbound welcome menu is not marked', () => {
    const answered = { ...silentDialer, outcome: 'answered' as const };
    expect(buildEventRows(answered, undefined, 'en')[2]!.silent).toBeUndefined();
    expect(chartLegend(buildGanttModel(answered, undefined, 'en'))).toEqual([]);
  });
  it('draws a dashed outline on the silent bar (not colour alone)', () => {
    const rows = buildEventRows(silentDialer, undefined, 'en');
    const item = makeRenderItem(rows, LIGHT_CHART_THEME)(
      { dataIndex: 2, coordSys: { x: 100, y: 0, width: 800, height: 200 } },
      {
        value: (d) => [2, rows[2]!.start, rows[2]!.end, 10][d]!,
        coord: ([x, y]) => [100 + (x - rows[0]!.start) / 100, 20 + y * 30],
        size: () => [0, 30],
      },
    ) as { children: { type: string; style: { lineDash?: number[] } }[] };
    expect(item.children[0]!.style.lineDash).toEqual([3, 2]);
  });
});

describe('attempt marks (#14 item 13)', () => {
  it('one mark per attempt on the Queue (callback) bar, clamped into it, with time, agent and result', () => {
    const rows = buildEventRows(callbackSecondAttempt, undefined, 'en');
    const marks = buildAttemptMarks(rows, attempts, 'en');
    expect(marks.map((m) => [m.n, m.row, m.agent, m.connected])).toEqual([
      [1, 3, 'Anna Holm', false],
      [2, 3, 'Bo Jensen', true],
    ]);
    expect(marks[0]!.at).toBe(Date.parse('2026-03-10T09:00:00.000Z'));
    // An attempt starting before the bar (made-up) is drawn at the bar's start.
    const early = buildAttemptMarks(rows, [{ ...attempts[0]!, start: '2026-03-10T07:59:00.000Z' }], 'en');
    expect(early[0]!.at).toBe(rows[3]!.start);
    expect(marks[1]!.at).toBe(Date.parse('2026-03-10T11:09:50.000Z'));
    expect(marks[0]!.resultText).toBe('t · alerting timeout (no answer)');
    expect(buildAttemptMarks(rows, attempts, 'da')[0]!.resultText).toBe('t · ringetimeout (intet svar)');
    expect(buildAttemptMarks(rows, undefined, 'en')).toEqual([]);
  });

  it('a tooltip per mark: attempt number, time, agent, answered or not, result', () => {
    const marks = buildAttemptMarks(buildEventRows(callbackSecondAttempt, undefined, 'en'), attempts, 'en');
    const html = attemptTooltipHtml(marks[0]!, texts);
    expect(html).toContain('Attempt 1');
    expect(html).toContain('2026-03-10T09:00:00.000Z');
    expect(html).toContain('Anna Holm');
    expect(html).toContain('not answered');
    expect(html).toContain('t · alerting timeout (no answer)');
    const model = buildGanttModel(callbackSecondAttempt, undefined, 'en', {}, attempts);
    const option = buildGanttOption(model, texts, LIGHT_CHART_THEME);
    expect(option.series).toHaveLength(2);
    const formatter = (option.tooltip as { formatter: (p: { dataIndex: number; seriesIndex: number }) => string })
      .formatter;
    expect(formatter({ dataIndex: 1, seriesIndex: 1 })).toContain('Bo Jensen');
    expect(chartLegend(model)).toEqual(['attempt', 'gap']);
    // Each attempt keeps its place on the axis: no cut runs across a mark (two cuts, around the 09:00 attempt).
    for (const m of model.marks!) expect(model.breaks.some((b) => b.start <= m.at && m.at <= b.end)).toBe(false);
    expect(model.breaks.length).toBeGreaterThanOrEqual(2);
  });

  it('ECharts draws the marks (SVG): a circle per attempt beside the bars', () => {
    const d = { ...detailOf(callbackSecondAttempt), attempts };
    const option = buildGanttOption(
      buildGanttModel(d.call, d.eventSources, 'en', {}, d.attempts),
      texts,
      LIGHT_CHART_THEME,
      d.rawRows,
    );
    const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 1100, height: 260 });
    chart.setOption(option as unknown as echarts.EChartsCoreOption);
    const svg = chart.renderToSVGString();
    chart.dispose();
    expect((svg.match(/<circle /g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(svg).toContain('1 unanswered call finished');
  });
});
