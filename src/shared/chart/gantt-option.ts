// The Gantt option: chart rows + gap cuts → the option object ECharts draws.
// Pure (no DOM, no echarts import): the renderer's EventChart only hands it to
// vue-echarts. The render function works on ECharts' custom-series API, typed
// here structurally so the core stays free of the library.

import type { ArchiveEventType } from '../model/archive-call';
import type { RowOrigin } from '../model/call-events';
import { barText, formatDuration, type ChartEventRow } from './event-rows';
import type { GapBreak, ViewBounds } from './gap-breaks';
import { originKey } from '../model/call-events';
import type { AttemptMark } from './attempt-marks';
import { placeBarLabel, uniqueTickFormatter, type Span } from './label-placement';

/** Bars narrower than this (zero-length events) are widened to a visible marker. */
export const MIN_BAR_PX = 4;
export const ROW_HEIGHT_PX = 30;
const BAR_FONT = '12px system-ui, sans-serif';
/** Half the width a zig-zag gap mark takes on each side of its edge (zigzagAmplitude plus the stroke). */
export const GAP_MARK_HALF_PX = 6;
/** An attempt mark's radius, and the room a bar text keeps from it. */
export const ATTEMPT_MARK_R = 5;
const ATTEMPT_MARK_HALF_PX = ATTEMPT_MARK_R + 3;
/** Attempt mark colours, the same in both themes (drawn on the Queue (callback) bar's purple). */
export const ATTEMPT_ANSWERED = { fill: '#1d2330', stroke: '#ffffff' };
export const ATTEMPT_UNANSWERED = { fill: '#ffffff', stroke: '#1d2330' };

export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  stripe: string;
  breakFill: string;
  tooltipBg: string;
  tooltipText: string;
  tooltipBorder: string;
}

export const LIGHT_CHART_THEME: ChartTheme = {
  text: '#1d2330',
  muted: '#5d6678',
  grid: '#e3e6ec',
  stripe: 'rgba(120,130,150,0.06)',
  breakFill: '#f2f3f6',
  tooltipBg: '#ffffff',
  tooltipText: '#1d2330',
  tooltipBorder: '#cfd4dd',
};

export const DARK_CHART_THEME: ChartTheme = {
  text: '#e6e9ef',
  muted: '#a3abbb',
  grid: '#2f3542',
  stripe: 'rgba(255,255,255,0.04)',
  breakFill: '#262b35',
  tooltipBg: '#1f242e',
  tooltipText: '#e6e9ef',
  tooltipBorder: '#3a4150',
};

/** Everything language- and zone-dependent, injected by the renderer. */
export interface ChartTexts {
  typeLabel(type: ArchiveEventType): string;
  /** Axis ticks, e.g. "14:03:12". */
  formatTime(ms: number): string;
  /** Tooltip times, e.g. "25 Nov 2026, 14:03:12.250 CET". */
  formatDateTime(ms: number): string;
  start: string;
  end: string;
  duration: string;
  result: string;
  rawRows: string;
  /** Attempt marks (#14 item 13): "Attempt 2"; the answered / not answered words; "no agent". */
  attemptTitle?: (n: number) => string;
  attemptAnswered?: string;
  attemptUnanswered?: string;
  attemptNoAgent?: string;
}

export interface RawRowView {
  origin: RowOrigin;
  fields: Record<string, string>;
}

export interface GanttModel {
  rows: ChartEventRow[];
  breaks: GapBreak[];
  bounds: ViewBounds;
  /** A request call's attempts, marked on its Queue (callback) bar. */
  marks?: AttemptMark[];
}

/** [row index, start ms, end ms, duration s]. */
export type GanttDatum = { value: [number, number, number, number]; itemStyle: { color: string } };

/** The slice of ECharts' custom-series render API the bars use. */
export interface RenderParams {
  dataIndex: number;
  coordSys: { x: number; y: number; width: number; height: number };
}
export interface RenderApi {
  value(dim: number): number | string;
  coord(point: [number, number]): number[];
  size(point: [number, number]): number | number[];
}
export type RenderItem = (params: RenderParams, api: RenderApi) => Record<string, unknown> | null;

export interface GanttOption {
  animation: false;
  grid: Record<string, unknown>;
  tooltip: Record<string, unknown>;
  xAxis: {
    type: 'time';
    min: number;
    max: number;
    breaks: { start: number; end: number; gap: string }[];
    [key: string]: unknown;
  };
  yAxis: { type: 'category'; data: string[]; inverse: true; [key: string]: unknown };
  dataZoom: Record<string, unknown>[];
  series: [
    { type: 'custom'; data: GanttDatum[]; renderItem: RenderItem; [key: string]: unknown },
    ...{ type: 'custom'; data: { value: [number, number] }[]; renderItem: RenderItem; [key: string]: unknown }[],
  ];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function rowCategory(row: ChartEventRow, texts: Pick<ChartTexts, 'typeLabel'>): string {
  return `${row.index + 1}. ${texts.typeLabel(row.type)}`;
}

const RAW_FIELD_LIMIT = 10;
const RAW_ROW_LIMIT = 4;

export function tooltipHtml(row: ChartEventRow, texts: ChartTexts, rawRows: readonly RawRowView[]): string {
  const lines: string[] = [];
  const swatch = `<span class="cs-swatch" style="background:${row.color}"></span>`;
  lines.push(`<div class="cs-tt-title">${swatch}<b>${escapeHtml(texts.typeLabel(row.type))}</b></div>`);
  if (row.label) lines.push(`<div><b>${escapeHtml(row.label)}</b></div>`);
  const who = [row.agent, row.name].filter((x): x is string => !!x);
  if (who.length) lines.push(`<div>${escapeHtml(who.join(' · '))}</div>`);
  lines.push(`<div>${escapeHtml(texts.start)}: ${escapeHtml(texts.formatDateTime(row.start))}</div>`);
  lines.push(`<div>${escapeHtml(texts.end)}: ${escapeHtml(texts.formatDateTime(row.end))}</div>`);
  lines.push(
    `<div>${escapeHtml(texts.duration)}: ${escapeHtml(row.durationText ?? formatDuration(row.durationSec))}</div>`,
  );
  if (row.result) lines.push(`<div>${escapeHtml(texts.result)}: ${escapeHtml(row.resultText ?? row.result)}</div>`);
  if (row.sources.length) {
    lines.push(`<div class="cs-tt-sub">${escapeHtml(texts.rawRows)}</div>`);
    for (const origin of row.sources.slice(0, RAW_ROW_LIMIT)) {
      const raw = rawRows.find((r) => r.origin.file === origin.file && r.origin.line === origin.line);
      const fields = raw
        ? Object.entries(raw.fields)
            .filter(([, v]) => v !== '')
            .slice(0, RAW_FIELD_LIMIT)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')
        : '';
      lines.push(`<div class="cs-tt-raw">${escapeHtml(originKey(origin))} ${escapeHtml(fields)}</div>`);
    }
    if (row.sources.length > RAW_ROW_LIMIT)
      lines.push(`<div class="cs-tt-raw">… +${row.sources.length - RAW_ROW_LIMIT}</div>`);
  }
  return lines.join('');
}

/** The tooltip of an attempt mark: "Attempt 2", when, agent, answered or not, the customer leg's result. */
export function attemptTooltipHtml(m: AttemptMark, texts: ChartTexts): string {
  const lines = [
    `<div class="cs-tt-title"><b>${escapeHtml(texts.attemptTitle ? texts.attemptTitle(m.n) : `#${m.n}`)}</b></div>`,
    `<div>${escapeHtml(texts.start)}: ${escapeHtml(texts.formatDateTime(m.start))}</div>`,
    `<div>${escapeHtml(m.agent ?? texts.attemptNoAgent ?? '—')}</div>`,
    `<div>${escapeHtml((m.connected ? texts.attemptAnswered : texts.attemptUnanswered) ?? '')}</div>`,
  ];
  if (m.result) lines.push(`<div>${escapeHtml(texts.result)}: ${escapeHtml(m.resultText ?? m.result)}</div>`);
  return lines.join('');
}

/** The px spans of the zig-zag gap marks: both edges of each cut, as ECharts places them now (zoom included). */
export function gapMarkSpans(breaks: readonly GapBreak[], api: RenderApi, category: number): Span[] {
  const out: Span[] = [];
  for (const b of breaks) {
    const a = api.coord([b.start, category])[0];
    const z = api.coord([b.end, category])[0];
    if (a === undefined || z === undefined) continue;
    out.push([Math.min(a, z) - GAP_MARK_HALF_PX, Math.max(a, z) + GAP_MARK_HALF_PX]);
  }
  return out;
}

/**
 * Draws one bar: a rounded rect (never thinner than MIN_BAR_PX) and its text inside, right or left
 * of it (placeBarLabel), clear of the gap marks and of the attempt marks on its row.
 */
export function makeRenderItem(
  rows: readonly ChartEventRow[],
  theme: ChartTheme,
  breaks: readonly GapBreak[] = [],
  marks: readonly AttemptMark[] = [],
): RenderItem {
  return (params, api) => {
    const row = rows[params.dataIndex];
    if (!row) return null;
    const category = Number(api.value(0));
    const from = api.coord([Number(api.value(1)), category]);
    const to = api.coord([Number(api.value(2)), category]);
    const size = api.size([0, 1]);
    const band = Array.isArray(size) ? (size[1] ?? ROW_HEIGHT_PX) : size;
    const height = Math.max(8, Math.min(band * 0.62, 20));
    const x0 = from[0] ?? 0;
    const y = (from[1] ?? 0) - height / 2;
    const rawWidth = (to[0] ?? x0) - x0;
    const width = Math.max(rawWidth, MIN_BAR_PX);
    const x = rawWidth < MIN_BAR_PX ? x0 - (width - rawWidth) / 2 : x0;
    const cs = params.coordSys;
    const markSpans: Span[] = marks
      .filter((m) => m.row === row.index)
      .map((m) => api.coord([m.at, category])[0] ?? 0)
      .map((mx) => [mx - ATTEMPT_MARK_HALF_PX, mx + ATTEMPT_MARK_HALF_PX]);
    const label = placeBarLabel(barText(row), {
      barFrom: x,
      barTo: x + width,
      plotFrom: cs.x,
      plotTo: cs.x + cs.width,
      obstacles: [...gapMarkSpans(breaks, api, category), ...markSpans],
    });
    return {
      type: 'group',
      children: [
        {
          type: 'rect',
          shape: { x, y, width, height, r: 3 },
          style: {
            fill: row.color,
            stroke: row.zeroLength || row.silent ? theme.text : undefined,
            lineWidth: row.zeroLength || row.silent ? 1 : 0,
            // The silent-call message: a dashed outline besides its own colour (not colour alone).
            lineDash: row.silent ? [3, 2] : undefined,
          },
        },
        {
          type: 'text',
          silent: true,
          style: {
            x: label.x,
            align: label.align,
            fill: label.inside ? '#ffffff' : theme.text,
            y: from[1] ?? 0,
            text: label.text,
            verticalAlign: 'middle',
            font: BAR_FONT,
          },
        },
      ],
    };
  };
}

/** Draws one attempt mark: a circle on the bar, filled when the attempt connected, hollow when not. */
export function makeAttemptRenderItem(marks: readonly AttemptMark[]): RenderItem {
  return (params, api) => {
    const m = marks[params.dataIndex];
    if (!m) return null;
    const [cx, cy] = api.coord([Number(api.value(1)), Number(api.value(0))]);
    const colours = m.connected ? ATTEMPT_ANSWERED : ATTEMPT_UNANSWERED;
    return {
      type: 'circle',
      shape: { cx: cx ?? 0, cy: cy ?? 0, r: ATTEMPT_MARK_R },
      style: { fill: colours.fill, stroke: colours.stroke, lineWidth: 2 },
    };
  };
}

export function buildGanttOption(
  model: GanttModel,
  texts: ChartTexts,
  theme: ChartTheme,
  rawRows: readonly RawRowView[] = [],
): GanttOption {
  const { rows, breaks, bounds } = model;
  const marks = model.marks ?? [];
  return {
    animation: false,
    grid: { left: 12, right: 28, top: 8, bottom: 38, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      trigger: 'item',
      confine: true,
      // On the page, not in the chart's box: the detail panel scrolls, and a tooltip inside it was cut
      // under the panel's header when the chart was partly scrolled away.
      appendTo: 'body',
      backgroundColor: theme.tooltipBg,
      borderColor: theme.tooltipBorder,
      textStyle: { color: theme.tooltipText, fontSize: 12 },
      extraCssText: 'max-width: 520px; white-space: normal;',
      formatter: (p: { dataIndex: number; seriesIndex?: number }) => {
        if (p.seriesIndex === 1) {
          const m = marks[p.dataIndex];
          return m ? attemptTooltipHtml(m, texts) : '';
        }
        const row = rows[p.dataIndex];
        return row ? tooltipHtml(row, texts, rawRows) : '';
      },
    },
    xAxis: {
      type: 'time',
      min: bounds.min,
      max: bounds.max,
      breaks: breaks.map((b) => ({ start: b.start, end: b.end, gap: '6%' })),
      breakArea: {
        show: true,
        itemStyle: { color: theme.breakFill, borderColor: theme.muted, opacity: 0.55 },
        zigzagAmplitude: 4,
        zigzagZ: 1,
      },
      // Ticks at whole seconds at least: labels are to the second, so finer ticks would repeat one.
      minInterval: 1000,
      // No tick label twice (a rounded axis end beside a whole-second tick): uniqueTickFormatter.
      axisLabel: { color: theme.muted, hideOverlap: true, formatter: uniqueTickFormatter(texts.formatTime) },
      axisLine: { lineStyle: { color: theme.grid } },
      splitLine: { show: true, lineStyle: { color: theme.grid } },
    },
    yAxis: {
      type: 'category',
      data: rows.map((r) => rowCategory(r, texts)),
      inverse: true,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: theme.grid } },
      axisLabel: { color: theme.text, fontSize: 12 },
      splitArea: { show: true, areaStyle: { color: ['transparent', theme.stripe] } },
    },
    dataZoom: [
      // Ctrl+wheel zooms; a plain wheel keeps scrolling the page the chart sits in.
      { type: 'inside', xAxisIndex: 0, filterMode: 'weakFilter', zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false },
      {
        type: 'slider',
        xAxisIndex: 0,
        filterMode: 'weakFilter',
        height: 14,
        bottom: 8,
        showDetail: false,
        borderColor: theme.grid,
        textStyle: { color: theme.muted },
      },
    ],
    series: [
      {
        type: 'custom',
        clip: true,
        // Above the break area, so bar text crossing a cut stays readable.
        z: 10,
        encode: { x: [1, 2], y: 0 },
        data: rows.map((r, i) => ({ value: [i, r.start, r.end, r.durationSec], itemStyle: { color: r.color } })),
        renderItem: makeRenderItem(rows, theme, breaks, marks),
      },
      // Attempt marks (#14 item 13): a series of their own, so each has its own tooltip.
      ...(marks.length
        ? [
            {
              type: 'custom' as const,
              clip: true,
              z: 11,
              encode: { x: 1, y: 0 },
              data: marks.map((m) => ({ value: [m.row, m.at] as [number, number] })),
              renderItem: makeAttemptRenderItem(marks),
            },
          ]
        : []),
    ],
  };
}

/** Pixel height for the chart: a fixed row height plus axis and zoom slider. */
export function chartHeight(rowCount: number): number {
  return Math.max(3, rowCount) * ROW_HEIGHT_PX + 56;
}
