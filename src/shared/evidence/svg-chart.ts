// The event chart as a static SVG, drawn from the same pure Gantt model the app
// hands to ECharts (rows, gap cuts, bounds): a vector picture for the evidence
// pack that needs no script, no DOM and no chart library to open or print.
import { barText, fitText, formatDuration, rowCategory, type GanttModel } from '../chart';
import type { ArchiveEventType } from '../model/archive-call';
import { escapeAttr, escapeText } from './html';
import { zonedParts } from './zone-time';

export interface SvgChartTexts {
  typeLabel(type: ArchiveEventType): string;
  /** "Compressed wait of 1:02:03" for a cut. */
  compressed(duration: string): string;
  title: string;
}

export const SVG_WIDTH = 960;
const LABEL_W = 170;
const RIGHT_PAD = 24;
const TOP = 8;
const ROW_H = 30;
const AXIS_H = 34;
const GAP_PX = 18;
const CHAR_PX = 6.6;
const MIN_BAR_PX = 4;
const MIN_TICK_SPACING_PX = 84;
const NICE_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map(
  (s) => s * 1000,
);

interface Segment {
  from: number;
  to: number;
  /** Pixel x where the segment begins. */
  x: number;
}

/** Time → x on an axis with the model's cuts squeezed to GAP_PX each. */
export interface BrokenScale {
  x(ms: number): number;
  segments: Segment[];
  gaps: { x: number; from: number; to: number }[];
  pxPerMs: number;
}

export function brokenScale(model: GanttModel, x0: number, x1: number): BrokenScale {
  const { min, max } = model.bounds;
  const cuts = model.breaks
    .filter((b) => b.end > min && b.start < max)
    .map((b) => ({ start: Math.max(b.start, min), end: Math.min(b.end, max) }))
    .sort((a, b) => a.start - b.start);
  const visible = max - min - cuts.reduce((s, c) => s + (c.end - c.start), 0);
  const pxPerMs = Math.max(x1 - x0 - cuts.length * GAP_PX, 1) / Math.max(visible, 1);
  const segments: Segment[] = [];
  const gaps: BrokenScale['gaps'] = [];
  let x = x0;
  let from = min;
  for (const cut of cuts) {
    segments.push({ from, to: cut.start, x });
    x += (cut.start - from) * pxPerMs;
    gaps.push({ x, from: cut.start, to: cut.end });
    x += GAP_PX;
    from = cut.end;
  }
  segments.push({ from, to: max, x });
  const scale = (ms: number): number => {
    for (const [i, s] of segments.entries()) {
      if (ms > s.to) continue;
      const cut = gaps[i - 1];
      // Inside the cut before this segment: spread over the gap's pixels.
      if (ms < s.from && cut) return cut.x + ((ms - cut.from) / (cut.to - cut.from)) * GAP_PX;
      return s.x + (ms - s.from) * pxPerMs;
    }
    const last = segments[segments.length - 1] ?? { x: x0, from: min };
    return last.x + (ms - last.from) * pxPerMs;
  };
  return { x: scale, segments, gaps, pxPerMs };
}

export function chartSvgHeight(rowCount: number): number {
  return TOP + Math.max(rowCount, 1) * ROW_H + AXIS_H;
}

function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function tickStep(pxPerMs: number): number {
  return NICE_STEPS_MS.find((step) => step * pxPerMs >= MIN_TICK_SPACING_PX) ?? 86_400_000;
}

/** The chart of one call; `timeZone` names the zone of the axis labels. */
export function renderChartSvg(model: GanttModel, texts: SvgChartTexts, timeZone: string): string {
  const { rows } = model;
  const height = chartSvgHeight(rows.length);
  const plotBottom = TOP + Math.max(rows.length, 1) * ROW_H;
  const scale = brokenScale(model, LABEL_W, SVG_WIDTH - RIGHT_PAD);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 ${SVG_WIDTH} ${height}" width="${SVG_WIDTH}" height="${height}" font-family="system-ui, sans-serif" font-size="12">`,
  );
  out.push(`<title id="chart-title">${escapeText(texts.title)}</title>`);
  // Row stripes and labels.
  rows.forEach((row, i) => {
    const y = TOP + i * ROW_H;
    if (i % 2 === 1) out.push(`<rect x="0" y="${y}" width="${SVG_WIDTH}" height="${ROW_H}" fill="#f3f4f7"/>`);
    out.push(
      `<text x="8" y="${y + ROW_H / 2}" dominant-baseline="middle" fill="#1d2330">${escapeText(fitText(rowCategory(row, texts), LABEL_W - 8))}</text>`,
    );
  });
  // Ticks, per visible segment, never closer than MIN_TICK_SPACING_PX.
  const step = tickStep(scale.pxPerMs);
  const spansDays =
    rows.length > 0 && zonedParts(model.bounds.min, timeZone).date !== zonedParts(model.bounds.max, timeZone).date;
  let lastX = -Infinity;
  let lastDate = '';
  for (const seg of scale.segments) {
    for (let t = Math.ceil(seg.from / step) * step; t <= seg.to; t += step) {
      const x = scale.x(t);
      if (x - lastX < MIN_TICK_SPACING_PX) continue;
      lastX = x;
      const p = zonedParts(t, timeZone);
      const clock = p.time.slice(0, 8);
      const label = spansDays && p.date !== lastDate ? `${p.date.slice(5)} ${clock}` : clock;
      lastDate = p.date;
      out.push(`<line x1="${n(x)}" y1="${TOP}" x2="${n(x)}" y2="${plotBottom}" stroke="#e3e6ec"/>`);
      out.push(
        `<text x="${n(x)}" y="${plotBottom + 16}" text-anchor="middle" fill="#5d6678" font-size="11">${escapeText(label)}</text>`,
      );
    }
  }
  out.push(
    `<line x1="${LABEL_W}" y1="${plotBottom}" x2="${SVG_WIDTH - RIGHT_PAD}" y2="${plotBottom}" stroke="#9aa3b2"/>`,
  );
  // Cuts: a zig-zag band where a long wait was squeezed out of the axis.
  for (const gap of scale.gaps) {
    const zig: string[] = [];
    for (let y = TOP, k = 0; y <= plotBottom; y += 6, k++) zig.push(`${n(gap.x + (k % 2 ? 5 : 2))},${y}`);
    const title = texts.compressed(formatDuration((gap.to - gap.from) / 1000));
    out.push(
      `<g class="cut"><title>${escapeText(title)}</title><rect x="${n(gap.x)}" y="${TOP}" width="${GAP_PX}" height="${plotBottom - TOP}" fill="#e9ebf0"/>` +
        `<polyline points="${zig.join(' ')}" fill="none" stroke="#8a93a5"/>` +
        `<polyline points="${zig.map((pt) => pt.replace(/^([\d.]+)/, (v) => n(Number(v) + GAP_PX - 7))).join(' ')}" fill="none" stroke="#8a93a5"/></g>`,
    );
  }
  // Bars with their text inside, right or left of them (the events table has the full text).
  rows.forEach((row, i) => {
    const cy = TOP + i * ROW_H + ROW_H / 2;
    const x0 = scale.x(row.start);
    const raw = scale.x(row.end) - x0;
    const width = Math.max(raw, MIN_BAR_PX);
    const x = raw < MIN_BAR_PX ? x0 - (width - raw) / 2 : x0;
    const h = 18;
    const full = barText({ ...row, label: row.label });
    const need = full.length * CHAR_PX + 12;
    const right = SVG_WIDTH - RIGHT_PAD - (x + width);
    const left = x - LABEL_W;
    let text: string;
    let tx: number;
    let anchor = 'start';
    let fill = '#1d2330';
    if (width >= need) {
      text = full;
      tx = x + 6;
      fill = '#ffffff';
    } else if (right >= need || right >= left) {
      text = fitText(full, right);
      tx = x + width + 6;
    } else {
      text = fitText(full, left);
      tx = x - 6;
      anchor = 'end';
    }
    const stroke = row.zeroLength ? ' stroke="#1d2330" stroke-width="1"' : '';
    out.push(
      `<g class="bar" data-event="${row.index + 1}"><title>${escapeText(`${rowCategory(row, texts)}: ${full}`)}</title>` +
        `<rect x="${n(x)}" y="${n(cy - h / 2)}" width="${n(width)}" height="${h}" rx="3" fill="${escapeAttr(row.color)}"${stroke}/>` +
        (text
          ? `<text x="${n(tx)}" y="${n(cy)}" dominant-baseline="middle" text-anchor="${anchor}" fill="${fill}">${escapeText(text)}</text>`
          : '') +
        `</g>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}
