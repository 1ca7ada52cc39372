// The calls view's split between the list and the open call's detail: the
// detail's width as a share of the area, kept within both sides' minimum widths.

/** The list keeps at least this much room: Start, caller's number, outcome and type. */
export const LIST_MIN_PX = 440;
/** The detail needs this much for a readable chart and the metrics under it. */
export const DETAIL_MIN_PX = 560;
/** The detail's share of the area when nothing was chosen yet. */
export const DEFAULT_DETAIL_SHARE = 0.56;
/** Keyboard step of the splitter (arrow keys), in px. */
export const SPLIT_STEP_PX = 40;

/**
 * The detail's width in px for an area `areaPx` wide and a wanted share: the
 * list keeps LIST_MIN_PX where it can, the detail DETAIL_MIN_PX (the detail
 * wins when the area is too narrow for both).
 */
export function detailWidth(areaPx: number, share: number, handlePx = 0): number {
  const room = Math.max(0, areaPx - handlePx);
  const wanted = Math.round(room * (Number.isFinite(share) ? share : DEFAULT_DETAIL_SHARE));
  const max = Math.max(DETAIL_MIN_PX, room - LIST_MIN_PX);
  return Math.min(room, Math.max(DETAIL_MIN_PX, Math.min(max, wanted)));
}

/** The share that gives the detail `px` px of an area `areaPx` wide (for remembering a drag). */
export function shareOf(areaPx: number, px: number, handlePx = 0): number {
  const room = areaPx - handlePx;
  return room > 0 ? Math.min(1, Math.max(0, px / room)) : DEFAULT_DETAIL_SHARE;
}
