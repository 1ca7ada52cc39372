// The call list's scroll and key maths (list-motion.ts, clampSelection in row-pages.ts) as pure
// functions: where a key moves the selection, how far to scroll to keep it in view, where the
// block of rendered rows sits, and which rows the rendered ones ask to have loaded.
import { describe, expect, it } from 'vitest';
import {
  ANCHOR_STEP,
  blockPlacement,
  keyAction,
  revealScrollTop,
  rowsPerPage,
  rowTop,
  wantedRange,
} from '../../src/renderer/src/components/list-motion';
import { ROW_HEIGHT } from '../../src/renderer/src/components/columns';
import { clampSelection } from '../../src/renderer/src/stores/row-pages';
import { MAX_SCROLL_PX, scrollScale } from '../../src/renderer/src/components/scaled-scroll';

describe('keyAction', () => {
  it('moves one row with the arrows, a page with PgUp / PgDn, to the top with Home', () => {
    expect(keyAction('ArrowDown', 4, 18)).toEqual({ kind: 'move', to: 5 });
    expect(keyAction('ArrowUp', 4, 18)).toEqual({ kind: 'move', to: 3 });
    expect(keyAction('PageDown', 4, 18)).toEqual({ kind: 'move', to: 22 });
    expect(keyAction('PageUp', 4, 18)).toEqual({ kind: 'move', to: -14 }); // clamped by the selection
    expect(keyAction('Home', 500, 18)).toEqual({ kind: 'move', to: 0 });
  });

  it('End asks for the last row (it may wait for the count), Enter opens, other keys are not the list’s', () => {
    expect(keyAction('End', 4, 18)).toEqual({ kind: 'last' });
    expect(keyAction('Enter', 4, 18)).toEqual({ kind: 'open' });
    expect(keyAction('a', 4, 18)).toBeNull();
    expect(keyAction('Tab', 4, 18)).toBeNull();
  });
});

describe('rowsPerPage', () => {
  it('is a viewport less one row, at least one; ten rows less one without a viewport', () => {
    expect(rowsPerPage(640, 32)).toBe(19);
    expect(rowsPerPage(650, 32)).toBe(19);
    expect(rowsPerPage(40, 32)).toBe(1);
    expect(rowsPerPage(0, 32)).toBe(1);
    expect(rowsPerPage(null, 32)).toBe(9);
  });
});

describe('clampSelection', () => {
  it('keeps the selection inside the list and is -1 for an empty one', () => {
    expect(clampSelection(-14, 300)).toBe(0);
    expect(clampSelection(299, 300)).toBe(299);
    expect(clampSelection(320, 300)).toBe(299);
    expect(clampSelection(0, 0)).toBe(-1);
    expect(clampSelection(5, 0)).toBe(-1);
  });
});

describe('revealScrollTop', () => {
  it('does not scroll when the row is whole in view', () => {
    expect(revealScrollTop(0, 0, 640, 1, 32)).toBeNull();
    expect(revealScrollTop(19, 0, 640, 1, 32)).toBeNull(); // 608..640: the last whole row
    expect(revealScrollTop(10, 320, 640, 1, 32)).toBeNull();
  });

  it('scrolls up to put a row above the view at the top, down to put one below it at the bottom', () => {
    expect(revealScrollTop(5, 320, 640, 1, 32)).toBe(160);
    expect(revealScrollTop(20, 0, 640, 1, 32)).toBe(32);
    expect(revealScrollTop(100, 0, 640, 1, 32)).toBe(100 * 32 + 32 - 640);
  });

  it('a row cut by the edge is revealed whole', () => {
    expect(revealScrollTop(10, 330, 640, 1, 32)).toBe(320);
    expect(revealScrollTop(30, 330, 640, 1, 32)).toBe(31 * 32 - 640);
  });

  it('under a scaled scroll, rounds the whole-px scrollTop towards showing the whole row', () => {
    const total = 1_000_000 * ROW_HEIGHT;
    const s = scrollScale(total, 640);
    expect(s).toBeGreaterThan(2);
    const last = 999_999;
    const top = revealScrollTop(last, 0, 640, s) as number;
    expect(Number.isInteger(top)).toBe(true);
    // The row's bottom is inside the view at that scrollTop, and one px less would cut it.
    expect(top * s + 640).toBeGreaterThanOrEqual(rowTop(last) + ROW_HEIGHT);
    expect((top - 1) * s + 640).toBeLessThan(rowTop(last) + ROW_HEIGHT);
    expect(top).toBeLessThanOrEqual(MAX_SCROLL_PX);
    const up = revealScrollTop(500_000, top, 640, s) as number;
    expect(up * s).toBeLessThanOrEqual(rowTop(500_000));
    expect((up + 1) * s).toBeGreaterThan(rowTop(500_000));
  });
});

describe('blockPlacement', () => {
  it('without a scale the block sits at its anchor, which moves only every ANCHOR_STEP px', () => {
    expect(blockPlacement(0, 0, 1)).toEqual({ anchor: 0, top: 0 });
    expect(blockPlacement(3200, 3456, 1)).toEqual({ anchor: 0, top: 0 });
    expect(blockPlacement(ANCHOR_STEP + 64, ANCHOR_STEP + 300, 1)).toEqual({ anchor: ANCHOR_STEP, top: ANCHOR_STEP });
  });

  it('under a scale, rows already shown keep their place in the block while the block moves', () => {
    const s = 2.5;
    const a = blockPlacement(10_000_000, 10_000_100, s);
    const b = blockPlacement(10_000_032, 10_000_132, s);
    expect(a.anchor).toBe(b.anchor);
    // A row on screen in both frames keeps its place inside the block (rowTop - anchor); on
    // screen it moves by the virtual px scrolled (32: one row), though the scrollbar moved 32 / s.
    const onScreen = (p: { top: number; anchor: number }, offset: number) =>
      p.top + (rowTop(312_600) - p.anchor) - offset / s;
    expect(Math.abs(onScreen(b, 10_000_132) - onScreen(a, 10_000_100) + 32)).toBeLessThanOrEqual(1);
  });
});

describe('wantedRange', () => {
  it('asks for the rendered rows first to last, nothing when none are rendered', () => {
    expect(wantedRange([{ index: 40 }, { index: 41 }, { index: 67 }])).toEqual({ from: 40, to: 67 });
    expect(wantedRange([{ index: 3 }])).toEqual({ from: 3, to: 3 });
    expect(wantedRange([])).toBeNull();
  });
});
