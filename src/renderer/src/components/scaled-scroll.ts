// Scaled scrolling for very long lists. Browsers paint with float32 coordinates,
// exact only up to 16.7 million px; a million 32 px rows need 32 million, and rows
// near the end would jitter. Past MAX_SCROLL_PX the scroll element is kept at that
// height and its scroll position is mapped linearly onto the virtual one (the
// virtualiser still thinks in full-size pixels); rows are drawn relative to the viewport.
import { elementScroll, observeElementOffset, type Virtualizer } from '@tanstack/vue-virtual';

export const MAX_SCROLL_PX = 15_000_000;

/** Virtual px per real px: 1 for lists that fit, > 1 beyond MAX_SCROLL_PX. */
export function scrollScale(totalPx: number, viewportPx: number): number {
  if (totalPx <= MAX_SCROLL_PX) return 1;
  return Math.max(1, (totalPx - viewportPx) / (MAX_SCROLL_PX - viewportPx));
}

/** Virtualiser options that read and write the scroll position through the scale. */
export function scaledScrollOptions(scale: () => number) {
  return {
    observeElementOffset: (
      instance: Virtualizer<HTMLElement, Element>,
      cb: (offset: number, isScrolling: boolean) => void,
    ) => observeElementOffset(instance, (offset, isScrolling) => cb(offset * scale(), isScrolling)),
    scrollToFn: (
      offset: number,
      options: { adjustments?: number; behavior?: ScrollBehavior },
      instance: Virtualizer<HTMLElement, Element>,
    ) => {
      const s = scale();
      elementScroll(offset / s, { ...options, adjustments: (options.adjustments ?? 0) / s }, instance);
    },
  };
}

/** Where the block of rendered rows goes inside the (possibly shortened) scroll content. */
export function blockTop(firstItemStart: number, virtualOffset: number, scale: number): number {
  return virtualOffset / scale + (firstItemStart - virtualOffset);
}
