// The user's choice of list columns (#14 item 10): which are shown and the widths set by
// dragging a header's edge. Pure: the list-columns store keeps it in localStorage.
//
// The choice works with the automatic fitting (columns.ts), not around it: a chosen column is
// only a candidate, fitWithReviewMark still leaves out the least needed ones on a narrow list
// (the key columns stay longest), and a column the user has widened asks for that width as its
// minimum (and stops growing), so it gives way sooner rather than pushing the key columns out.
import type { Column, ColumnKey } from './columns';

export interface ColumnState {
  /** Columns the user has hidden (the call id until chosen). */
  hidden: ColumnKey[];
  /** Widths in px set by resizing; a column without one shares the spare width. */
  widths: Partial<Record<ColumnKey, number>>;
}

export const DEFAULT_HIDDEN: readonly ColumnKey[] = ['callId'];
/** Narrowest and widest a resized column may be. */
export const MIN_COLUMN_PX = 56;
export const MAX_COLUMN_PX = 640;
/** Arrow keys on a column's resize handle; with Shift, the big step. */
export const RESIZE_STEP_PX = 8;
export const RESIZE_BIG_STEP_PX = 40;

export function defaultColumnState(): ColumnState {
  return { hidden: [...DEFAULT_HIDDEN], widths: {} };
}

export function clampWidth(px: number): number {
  return Math.round(Math.min(MAX_COLUMN_PX, Math.max(MIN_COLUMN_PX, px)));
}

/** A stored state read back: unknown columns and bad widths dropped; anything unreadable gives the default. */
export function parseColumnState(raw: string | null | undefined, known: readonly ColumnKey[]): ColumnState {
  if (!raw) return defaultColumnState();
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return defaultColumnState();
  }
  if (typeof value !== 'object' || value === null) return defaultColumnState();
  const v = value as { hidden?: unknown; widths?: unknown };
  const hidden = Array.isArray(v.hidden)
    ? v.hidden.filter((k): k is ColumnKey => known.includes(k as ColumnKey))
    : [...DEFAULT_HIDDEN];
  const widths: ColumnState['widths'] = {};
  if (typeof v.widths === 'object' && v.widths !== null)
    for (const [k, px] of Object.entries(v.widths as Record<string, unknown>))
      if (known.includes(k as ColumnKey) && typeof px === 'number' && Number.isFinite(px))
        widths[k as ColumnKey] = clampWidth(px);
  // Every column hidden is no list at all: start again from the default.
  if (known.every((k) => hidden.includes(k))) return defaultColumnState();
  return { hidden: [...new Set(hidden)], widths };
}

/** Shows or hides a column; the last shown column stays. */
export function toggleColumn(state: ColumnState, key: ColumnKey, known: readonly ColumnKey[]): ColumnState {
  if (state.hidden.includes(key)) return { ...state, hidden: state.hidden.filter((k) => k !== key) };
  const shownLeft = known.filter((k) => k !== key && !state.hidden.includes(k));
  if (!shownLeft.length) return state;
  return { ...state, hidden: [...state.hidden, key] };
}

export function setColumnWidth(state: ColumnState, key: ColumnKey, px: number): ColumnState {
  return { ...state, widths: { ...state.widths, [key]: clampWidth(px) } };
}

/** Back to the automatic width (the column shares the spare width again). */
export function resetColumnWidth(state: ColumnState, key: ColumnKey): ColumnState {
  const widths = { ...state.widths };
  delete widths[key];
  return { ...state, widths };
}

/**
 * The chosen columns, in the list's order, as the fitting sees them: a resized column needs its
 * width (its minimum is that width) and does not grow.
 */
export function chosenColumns(all: readonly Column[], state: ColumnState): Column[] {
  return all
    .filter((c) => !state.hidden.includes(c.key))
    .map((c) => {
      const px = state.widths[c.key];
      return px === undefined ? c : { ...c, min: px, grow: 0 };
    });
}

/** The new width of a column whose resize handle got `key` (null: not a resize key). */
export function keyedWidth(now: number, key: string, shift: boolean): number | null {
  const step = shift ? RESIZE_BIG_STEP_PX : RESIZE_STEP_PX;
  const to: Record<string, number> = {
    ArrowLeft: now - step,
    ArrowRight: now + step,
    Home: MIN_COLUMN_PX,
    End: MAX_COLUMN_PX,
  };
  const px = to[key];
  return px === undefined ? null : clampWidth(px);
}
