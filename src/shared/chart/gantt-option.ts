// The Gantt option: chart rows + gap cuts → the option object ECharts draws.
// Pure (no DOM, no echarts import): the renderer's EventChart only hands it to
// vue-echarts. The render function works on ECharts' custom-series API, typed
// here structurally so the core stays free of the library.

import type { ArchiveEventType } from '../model/archive-call';
import type { RowOrigin } from '../model/call-events';
import { barText, formatDuration, type ChartEventRow } from './event-rows';
import type { GapBreak, ViewBounds } from './gap-breaks';
import { originKey } from '../model/call-events';

/** Bars narrower than this (zero-length events) are widened to a visible marker. */
export const MIN_BAR_PX = 4;
export const ROW_HEIGHT_PX = 30;
const BAR_FONT = '12px system-ui, sans-serif';
const CHAR_PX = 6.6;

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
}

export interface RawRowView {
  origin: RowOrigin;
  fields: Record<string, string>;
}

export interface GanttModel {
  rows: ChartEventRow[];
  breaks: GapBreak[];
  bounds: ViewBounds;
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
  series: [{ type: 'custom'; data: GanttDatum[]; renderItem: RenderItem; [key: string]: unknown }];
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
  lines.push(`<div>${escapeHtml(texts.duration)}: ${escapeHtml(formatDuration(row.durationSec))}</div>`);
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

function textWidth(text: string): number {
  return text.length * CHAR_PX + 8;
}

/** Shortens text with "…" to fit `px` (the full text is in the tooltip and the event table). */
export function fitText(text: string, px: number): string {
  const chars = Math.floor((px - 8) / CHAR_PX);
  if (chars >= text.length) return text;
  if (chars <= 1) return '';
  return `${text.slice(0, chars - 1)}…`;
}

/** Draws one bar: a rounded rect (never thinner than MIN_BAR_PX) and its text inside, right or left of it. */
export function makeRenderItem(rows: readonly ChartEventRow[], theme: ChartTheme): RenderItem {
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
    const visibleFrom = Math.max(x, cs.x);
    const visibleTo = Math.min(x + width, cs.x + cs.width);
    const full = barText(row);
    const inside = visibleTo - visibleFrom;
    const right = cs.x + cs.width - visibleTo;
    const left = visibleFrom - cs.x;
    let text = full;
    let textStyle: Record<string, unknown>;
    if (inside >= textWidth(full)) {
      textStyle = { x: visibleFrom + 6, fill: '#ffffff', align: 'left' };
    } else if (right >= textWidth(full) || right >= left) {
      text = fitText(full, right);
      textStyle = { x: Math.max(visibleTo, cs.x) + 6, fill: theme.text, align: 'left' };
    } else {
      text = fitText(full, left);
      textStyle = { x: Math.min(visibleFrom, cs.x + cs.width) - 6, fill: theme.text, align: 'right' };
    }
    return {
      type: 'group',
      children: [
        {
          type: 'rect',
          shape: { x, y, width, height, r: 3 },
          style: {
            fill: row.color,
            stroke: row.zeroLength ? theme.text : undefined,
            lineWidth: row.zeroLength ? 1 : 0,
          },
        },
        {
          type: 'text',
          silent: true,
          style: { ...textStyle, y: from[1] ?? 0, text, verticalAlign: 'middle', font: BAR_FONT },
        },
      ],
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
  return {
    animation: false,
    grid: { left: 12, right: 28, top: 8, bottom: 38, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      trigger: 'item',
      confine: true,
      backgroundColor: theme.tooltipBg,
      borderColor: theme.tooltipBorder,
      textStyle: { color: theme.tooltipText, fontSize: 12 },
      extraCssText: 'max-width: 520px; white-space: normal;',
      formatter: (p: { dataIndex: number }) => {
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
      axisLabel: { color: theme.muted, hideOverlap: true, formatter: (v: number) => texts.formatTime(v) },
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
        renderItem: makeRenderItem(rows, theme),
      },
    ],
  };
}

/** Pixel height for the chart: a fixed row height plus axis and zoom slider. */
export function chartHeight(rowCount: number): number {
  return Math.max(3, rowCount) * ROW_HEIGHT_PX + 56;
}
