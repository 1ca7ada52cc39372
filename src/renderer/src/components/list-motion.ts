// The call list's scroll and key maths as pure functions (Jaeger's generateRowStates is the
// model): the component (CallTable.vue) only reads the DOM, calls these and applies the
// answer. Which rows are in the DOM for a scroll position is the virtualiser's (TanStack
// Virtual) answer; where that block of rows sits, which rows to fetch, where a key moves the
// selection and how far to scroll to keep it in view are computed here.
import { ROW_HEIGHT } from './columns';
import { blockTop } from './scaled-scroll';

/** Virtual px between block origins: rows keep their place in the block layer between two anchors. */
export const ANCHOR_STEP = 1_000_000;

/** What a key does in the list: move the selection to a row, to the last row (once counted), or open the row. */
export type ListKeyAction = { kind: 'move'; to: number } | { kind: 'last' } | { kind: 'open' };

/** Rows one PageUp / PageDown moves: a viewport less one row (the row at the edge stays in sight), at least 1. */
export function rowsPerPage(viewportPx: number | null, rowHeight = ROW_HEIGHT): number {
  const h = viewportPx ?? rowHeight * 10;
  return Math.max(1, Math.floor(h / rowHeight) - 1);
}

/**
 * The list's keys: ↑/↓ one row, PgUp/PgDn a page, Home the first row, End the last (it may
 * have to wait for the count), Enter opens the selected row. Targets are not clamped here:
 * the selection is (clampSelection in row-pages.ts, used by the calls store). null: not a key of the list.
 */
export function keyAction(key: string, selected: number, pageRows: number): ListKeyAction | null {
  switch (key) {
    case 'ArrowDown':
      return { kind: 'move', to: selected + 1 };
    case 'ArrowUp':
      return { kind: 'move', to: selected - 1 };
    case 'PageDown':
      return { kind: 'move', to: selected + pageRows };
    case 'PageUp':
      return { kind: 'move', to: selected - pageRows };
    case 'Home':
      return { kind: 'move', to: 0 };
    case 'End':
      return { kind: 'last' };
    case 'Enter':
      return { kind: 'open' };
    default:
      return null;
  }
}

/**
 * The element's scrollTop that shows row `index` whole with the least scrolling, or null
 * when it is already in view. scrollTop is in real px, rows in virtual px (scale: virtual
 * px per real px, scaled-scroll.ts); the element's scrollTop is whole px, so under a scale
 * it is rounded towards showing the whole row.
 */
export function revealScrollTop(
  index: number,
  scrollTop: number,
  viewportPx: number,
  scale: number,
  rowHeight = ROW_HEIGHT,
): number | null {
  const offset = scrollTop * scale;
  const top = index * rowHeight;
  if (top < offset) return Math.floor(top / scale);
  if (top + rowHeight > offset + viewportPx) return Math.ceil((top + rowHeight - viewportPx) / scale);
  return null;
}

/**
 * Where the block of rendered rows goes: its origin (anchor, virtual px) changes only every
 * ANCHOR_STEP px, so rows already shown keep their place in the block's layer as the list
 * scrolls; the block is moved by `top` (real px inside the possibly shortened scroll content).
 * A row's place inside the block is rowTop(index) - anchor.
 */
export function blockPlacement(
  firstRenderedStart: number,
  virtualOffset: number,
  scale: number,
): { anchor: number; top: number } {
  const anchor = Math.floor(firstRenderedStart / ANCHOR_STEP) * ANCHOR_STEP;
  return { anchor, top: Math.round(blockTop(anchor, virtualOffset, scale)) };
}

/** A row's top in virtual px. */
export function rowTop(index: number, rowHeight = ROW_HEIGHT): number {
  return index * rowHeight;
}

/**
 * The row range to have loaded for the rendered rows (first..last index), or null when
 * nothing is rendered. The pages themselves, with read-ahead and the choice between reading
 * on with a cursor and jumping with an offset, are planned by RowPages.plan (row-pages.ts).
 */
export function wantedRange(rendered: readonly { index: number }[]): { from: number; to: number } | null {
  const first = rendered[0];
  const last = rendered[rendered.length - 1];
  return first && last ? { from: first.index, to: last.index } : null;
}
