// The chart's pure model (src/shared/chart): rows, colours, zero-length markers,
// gap compression, labels and the option object handed to ECharts.
import { describe, expect, it } from 'vitest';
import {
  barWho,
  resultText,
  barText,
  buildEventRows,
  buildGanttModel,
  buildGanttOption,
  computeGapBreaks,
  computeViewBounds,
  EVENT_COLORS,
  escapeHtml,
  fitText,
  formatDuration,
  LIGHT_CHART_THEME,
  makeRenderItem,
  MIN_BAR_PX,
  tooltipHtml,
  type ChartTexts,
  type RenderApi,
} from '../../src/shared/chart';
import {
  agentToAgent,
  callbackDeleted,
  callbackSecondAttempt,
  calloutUnanswered,
  detailOf,
  inboundWelcome,
} from './fixtures';

const labels: Record<string, string> = {
  queue: 'Queue',
  queue_callback: 'Queue (callback)',
  conversation: 'Conversation',
  consult: 'Consult',
  consult_queue: 'Consult to queue',
  menu: 'Menu',
  deleted: 'Deleted',
};
const texts: ChartTexts = {
  typeLabel: (t) => labels[t]!,
  formatTime: (ms) => new Date(ms).toISOString().slice(11, 19),
  formatDateTime: (ms) => new Date(ms).toISOString(),
  start: 'Start',
  end: 'End',
  duration: 'Duration',
  result: 'Result',
  rawRows: 'Raw rows',
};

/** A linear stand-in for ECharts' coordinate system: 1 px per second from t0, 30 px per row. */
function linearApi(t0: number, datum: number[]): RenderApi {
  return {
    value: (dim) => datum[dim]!,
    coord: ([x, y]) => [100 + (x - t0) / 1000, 20 + y * 30],
    size: () => [0, 30],
  };
}

describe('event rows', () => {
  it('keeps one row per archive event in the call order, with the event times', () => {
    const rows = buildEventRows(inboundWelcome, undefined, 'en');
    expect(rows.map((r) => r.type)).toEqual(['menu', 'queue', 'conversation', 'menu']);
    expect(rows.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(rows[2]!.start).toBe(Date.parse('2026-03-10T13:00:45.000Z'));
    expect(rows[2]!.end).toBe(Date.parse('2026-03-10T13:06:05.000Z'));
  });

  it('gives each type its own colour, Deleted red', () => {
    const colours = Object.values(EVENT_COLORS);
    expect(new Set(colours).size).toBe(colours.length);
    const rows = buildEventRows(callbackDeleted, undefined, 'en');
    const deleted = rows.find((r) => r.type === 'deleted')!;
    expect(deleted.color).toBe(EVENT_COLORS.deleted);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(deleted.color.slice(i, i + 2), 16));
    expect(r).toBeGreaterThan(180);
    expect(g! + b!).toBeLessThan(180);
  });

  it('marks zero-length events and draws them at least MIN_BAR_PX wide', () => {
    const rows = buildEventRows(calloutUnanswered, undefined, 'en');
    expect(rows[0]!.zeroLength).toBe(true);
    expect(rows[1]!.zeroLength).toBe(false);
    const option = buildGanttOption(buildGanttModel(calloutUnanswered, undefined, 'en'), texts, LIGHT_CHART_THEME);
    const datum = option.series[0].data[0]!.value;
    const item = makeRenderItem(rows, LIGHT_CHART_THEME)(
      { dataIndex: 0, coordSys: { x: 100, y: 0, width: 800, height: 200 } },
      linearApi(rows[0]!.start, datum),
    ) as { children: { type: string; shape?: { width: number; x: number } }[] };
    const rect = item.children.find((c) => c.type === 'rect')!;
    expect(rect.shape!.width).toBeGreaterThanOrEqual(MIN_BAR_PX);
    // Centred on its instant.
    expect(rect.shape!.x).toBeCloseTo(100 - MIN_BAR_PX / 2);
  });

  it('uses the label of the chosen language', () => {
    expect(buildEventRows(callbackSecondAttempt, undefined, 'en')[3]!.label).toBe('1 unanswered call finished');
    expect(buildEventRows(callbackSecondAttempt, undefined, 'da')[3]!.label).toBe('1 ubesvaret opkald færdig');
  });

  it('puts duration first, then label and agent on the bar (a shortened text keeps the duration)', () => {
    const rows = buildEventRows(callbackSecondAttempt, undefined, 'en');
    expect(barText(rows[3]!)).toBe('3 h 08 min · 1 unanswered call finished · Bo Jensen');
    expect(barText(buildEventRows(agentToAgent, undefined, 'en')[1]!)).toBe('3:18 · Carl Berg');
    expect(fitText(barText(rows[3]!), 120).startsWith('3 h 08 min')).toBe(true);
  });

  it('labels a Consult to queue bar with the queue consulted, not the consulting agent', () => {
    const row = { ...buildEventRows(agentToAgent, undefined, 'en')[1]!, type: 'consult_queue' as const };
    expect(barText({ ...row, agent: 'Anna Holm', name: 'Second line', label: null })).toBe('3:18 · Second line');
    expect(barWho({ type: 'consult', agent: 'Anna Holm', name: 'Second line' })).toBe('Anna Holm');
  });

  it('gives result codes their meaning from the spec, per event type and language', () => {
    expect(resultText('queue', 'h', 'en')).toBe('h · caller hung up');
    expect(resultText('menu', 'h', 'en')).toBe('h · hung up');
    expect(resultText('conversation', 't', 'da')).toBe('t · ringetimeout (intet svar)');
    expect(resultText('queue', 'Z', 'en')).toBe('Z');
    expect(buildEventRows(callbackSecondAttempt, undefined, 'en')[1]!.resultText).toBe(
      'q · callback ordered or request queued',
    );
  });

  it('formats durations as m:ss and h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(42.4)).toBe('0:42');
    expect(formatDuration(198)).toBe('3:18');
    expect(formatDuration(7390)).toBe('2 h 03 min');
    expect(formatDuration(48 * 3600 + 66)).toBe('48 h 01 min');
    expect(formatDuration(3599)).toBe('59:59');
    expect(formatDuration(null)).toBe('—');
  });
});

describe('gap compression', () => {
  it('cuts the hours between the callback order and the answered attempt', () => {
    const rows = buildEventRows(callbackSecondAttempt, undefined, 'en');
    const breaks = computeGapBreaks(rows);
    expect(breaks).toHaveLength(1);
    const order = Date.parse('2026-03-10T08:02:00.000Z');
    const answer = Date.parse('2026-03-10T11:10:18.000Z');
    expect(breaks[0]!.start).toBeGreaterThan(order);
    expect(breaks[0]!.end).toBeLessThan(answer);
    // Most of the wait is cut, so both ends get room.
    expect(breaks[0]!.end - breaks[0]!.start).toBeGreaterThan(0.9 * (answer - order));
  });

  it('never cuts a stretch where something other than waiting happens', () => {
    // A 5:20 conversation and a 3:18 consult stay proportional.
    expect(computeGapBreaks(buildEventRows(inboundWelcome, undefined, 'en'))).toEqual([]);
    expect(computeGapBreaks(buildEventRows(agentToAgent, undefined, 'en'))).toEqual([]);
  });

  it('does not cut short waits', () => {
    expect(computeGapBreaks(buildEventRows(calloutUnanswered, undefined, 'en'))).toEqual([]);
  });

  it('pads the view bounds around all events', () => {
    const rows = buildEventRows(agentToAgent, undefined, 'en');
    const bounds = computeViewBounds(rows, []);
    expect(bounds.min).toBeLessThan(rows[0]!.start);
    expect(bounds.max).toBeGreaterThan(rows[1]!.end);
  });
});

describe('ECharts option', () => {
  const detail = detailOf(callbackSecondAttempt);
  const model = buildGanttModel(detail.call, detail.eventSources, 'en');
  const option = buildGanttOption(model, texts, LIGHT_CHART_THEME, detail.rawRows);

  it('has one category per event, in order, first at the top', () => {
    expect(option.yAxis.data).toEqual(['1. Menu', '2. Queue', '3. Menu', '4. Queue (callback)', '5. Conversation']);
    expect(option.yAxis.inverse).toBe(true);
    expect(option.series[0].data.map((d) => d.value[0])).toEqual([0, 1, 2, 3, 4]);
  });

  it('passes the gap cuts as axis breaks on a time axis with zoom and pan', () => {
    expect(option.xAxis.type).toBe('time');
    // Labels are to the second: ticks closer than a second would repeat a label.
    expect(option.xAxis['minInterval']).toBe(1000);
    expect(option.xAxis.breaks).toHaveLength(1);
    expect(option.xAxis.breaks[0]!.start).toBe(model.breaks[0]!.start);
    expect(option.dataZoom.map((z) => z.type)).toEqual(['inside', 'slider']);
    expect(option.animation).toBe(false);
  });

  it('colours each bar by its event type', () => {
    expect(option.series[0].data.map((d) => d.itemStyle.color)).toEqual(model.rows.map((r) => EVENT_COLORS[r.type]));
  });

  it('puts its tooltip on the page (the detail panel scrolls and cut a tooltip kept in the chart)', () => {
    expect(option.tooltip).toMatchObject({ trigger: 'item', appendTo: 'body' });
  });

  it('shows start, end, duration and the raw rows behind an event in its tooltip', () => {
    const html = tooltipHtml(model.rows[3]!, texts, detail.rawRows);
    expect(html).toContain('Queue (callback)');
    expect(html).toContain('1 unanswered call finished');
    expect(html).toContain('Start: 2026-03-10T08:02:00.000Z');
    expect(html).toContain('End: 2026-03-10T11:10:18.000Z');
    expect(html).toContain('Duration: 3 h 08 min');
    expect(tooltipHtml(model.rows[1]!, texts, [])).toContain('Result: q · callback ordered or request queued');
    expect(html).toContain('fixture.csv:5');
    expect(html).toContain('call_id=cb-2nd-0001');
  });

  it('escapes text from the export in tooltips', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).not.toContain('<');
    const evil = { ...model.rows[0]!, name: '<b>x</b>' };
    expect(tooltipHtml(evil, texts, [])).not.toContain('<b>x</b>');
  });
});

describe('bar text placement', () => {
  it('shortens text that fits neither inside nor beside its bar, rather than cutting it at the edge', () => {
    expect(fitText('1 unanswered call finished · Bo Jensen · 3 h 08 min', 1000)).toBe(
      '1 unanswered call finished · Bo Jensen · 3 h 08 min',
    );
    const short = fitText('1 unanswered call finished · Bo Jensen · 3 h 08 min', 120);
    expect(short.endsWith('…')).toBe(true);
    expect(short.length * 6.6 + 8).toBeLessThanOrEqual(128);
  });

  it('puts white text inside a wide bar and theme text beside a narrow one', () => {
    const rows = buildEventRows(callbackSecondAttempt, undefined, 'en');
    const render = makeRenderItem(rows, LIGHT_CHART_THEME);
    const t0 = rows[0]!.start;
    const textOf = (i: number, api: RenderApi) =>
      (
        render({ dataIndex: i, coordSys: { x: 100, y: 0, width: 20000, height: 200 } }, api) as {
          children: { type: string; style?: { fill: string; text: string } }[];
        }
      ).children.find((c) => c.type === 'text')!.style!;
    const conv = rows[4]!;
    // 1 px per second: the 4:22 conversation is 262 px wide, enough for "4:22 · Bo Jensen".
    const inside = textOf(4, linearApi(t0, [4, conv.start, conv.end, conv.durationSec]));
    expect(inside.fill).toBe('#ffffff');
    const menu = rows[0]!;
    const beside = textOf(0, linearApi(t0, [0, menu.start, menu.end, menu.durationSec]));
    expect(beside.fill).toBe(LIGHT_CHART_THEME.text);
    expect(beside.text).toBe('0:12 · Welcome');
  });
});
