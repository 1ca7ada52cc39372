// Where a bar's text goes (#14 item 12): inside the bar when it fits, else beside it, never
// across a zig-zag gap mark or an attempt mark (obstacles, in px). Pure: the render item
// measures the bar and the obstacles with ECharts' coordinates and hands them here.

/** Average glyph width of the bar font (12px system-ui): text widths are estimated, not measured. */
export const CHAR_PX = 6.6;
/** Room kept between a text and the bar edge, a gap mark or an attempt mark. */
export const LABEL_PAD_PX = 6;

export const textWidth = (text: string): number => text.length * CHAR_PX + 8;

/** Shortens text with "…" to fit `px` (the full text is in the tooltip and the event table). */
export function fitText(text: string, px: number): string {
  const chars = Math.floor((px - 8) / CHAR_PX);
  if (chars >= text.length) return text;
  if (chars <= 1) return '';
  return `${text.slice(0, chars - 1)}…`;
}

export type Span = readonly [number, number];

export interface LabelSpace {
  /** The bar's left and right edge (px), as drawn. */
  barFrom: number;
  barTo: number;
  /** The plot area's left and right edge (px). */
  plotFrom: number;
  plotTo: number;
  /** Spans the text must not cross: the gap marks (zig-zags) and the attempt marks on this row. */
  obstacles: readonly Span[];
}

export interface LabelPlacement {
  text: string;
  /** Anchor x of the text: its left edge (align left) or its right edge (align right). */
  x: number;
  align: 'left' | 'right';
  /** Inside the bar (white text) or beside it (theme text). */
  inside: boolean;
}

/** The parts of [from, to] that no obstacle covers, left to right. */
export function freeSpans(from: number, to: number, obstacles: readonly Span[]): Span[] {
  const out: Span[] = [];
  let start = from;
  const sorted = [...obstacles].filter(([a, b]) => b > from && a < to).sort((p, q) => p[0] - q[0]);
  for (const [a, b] of sorted) {
    if (a > start) out.push([start, a]);
    start = Math.max(start, b);
  }
  if (to > start) out.push([start, to]);
  return out;
}

interface Candidate {
  span: Span;
  inside: boolean;
  align: 'left' | 'right';
}

const width = (s: Span): number => s[1] - s[0];

/**
 * The candidates in order of preference: the free stretches inside the bar (left first), the
 * stretch right of the bar up to the next obstacle, the stretch left of it back to the previous one.
 */
function candidates(space: LabelSpace): Candidate[] {
  const from = Math.max(space.barFrom, space.plotFrom);
  const to = Math.min(space.barTo, space.plotTo);
  const out: Candidate[] = [];
  if (to > from)
    for (const span of freeSpans(from, to, space.obstacles)) out.push({ span, inside: true, align: 'left' });
  const rightStart = Math.max(to, space.plotFrom);
  const right = freeSpans(rightStart, space.plotTo, space.obstacles)[0];
  if (right && right[0] === rightStart) out.push({ span: right, inside: false, align: 'left' });
  const leftEnd = Math.min(from, space.plotTo);
  const lefts = freeSpans(space.plotFrom, leftEnd, space.obstacles);
  const left = lefts[lefts.length - 1];
  if (left && left[1] === leftEnd) out.push({ span: left, inside: false, align: 'right' });
  return out;
}

function place(c: Candidate, text: string): LabelPlacement {
  return {
    text,
    x: c.align === 'left' ? c.span[0] + LABEL_PAD_PX : c.span[1] - LABEL_PAD_PX,
    align: c.align,
    inside: c.inside,
  };
}

/**
 * The first candidate the whole text fits in; else the widest one with the text shortened (the
 * duration comes first in a bar text, so a shortened text still says how long). The text never
 * reaches into an obstacle: a text beside the bar stops before the next gap mark.
 */
export function placeBarLabel(full: string, space: LabelSpace): LabelPlacement {
  const list = candidates(space);
  const need = textWidth(full) + LABEL_PAD_PX;
  // Inside the bar the text needs its own width; beside it, the gap from the bar edge as well.
  const fits = list.find((c) => width(c.span) >= (c.inside ? textWidth(full) : need));
  if (fits) return place(fits, full);
  let best: Candidate | undefined;
  for (const c of list) if (!best || width(c.span) > width(best.span)) best = c;
  if (!best) return { text: '', x: space.barTo, align: 'left', inside: false };
  return place(best, fitText(full, width(best.span) - (best.inside ? 0 : LABEL_PAD_PX)));
}

/**
 * A tick formatter that never shows one label twice: a tick whose text equals an earlier tick's
 * (two instants in the same second, a rounded axis end) gets no label. ECharts asks for the
 * ticks left to right, index 0 first; a new pass starts at index 0.
 */
export function uniqueTickFormatter(format: (ms: number) => string): (value: number, index: number) => string {
  let seen = new Map<string, number>();
  return (value, index) => {
    if (index === 0) seen = new Map();
    const label = format(value);
    const first = seen.get(label);
    if (first !== undefined && first !== value) return '';
    seen.set(label, value);
    return label;
  };
}
