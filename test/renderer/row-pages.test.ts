// The list's page cache: which request brings the rows a view needs.
import { describe, expect, it } from 'vitest';
import type { CallListRow } from '../../src/shared/api/archive-api';
import { MAX_PAGES_PER_REQUEST, RowPages } from '../../src/renderer/src/stores/row-pages';

const rows = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ callId: `c${from + i}` }) as CallListRow);

describe('RowPages', () => {
  it('continues after a loaded page with its cursor and jumps (no cursor) anywhere else', () => {
    const p = new RowPages(100);
    p.store(0, rows(0, 100), 'after-99');
    // The first rows on show: nothing more (no request behind every keystroke's first page).
    expect(p.plan(0, 30, 1_000_000)).toBeNull();
    // Within half a page of page 1: read it ahead; a view across pages 1 and 2 reads both at once.
    // Reading on with a cursor takes CURSOR_PAGES pages at once.
    expect(p.plan(30, 60, 1_000_000)).toEqual({ page: 1, pages: 3, cursor: 'after-99' });
    expect(p.plan(90, 520, 1_000_000)).toEqual({ page: 1, pages: 5, cursor: 'after-99' });
    expect(p.plan(500_010, 500_030, 1_000_000)).toEqual({ page: 5000, pages: 1, cursor: null });
    expect(p.plan(500_060, 500_090, 1_000_000)).toEqual({ page: 5000, pages: 2, cursor: null });
    p.store(5000, rows(500_000, 200), 'after-500199');
    expect(p.rowAt(500_150)?.callId).toBe('c500150');
    expect(p.rowAt(499_999)).toBeUndefined();
    // A call is found among any loaded rows (the review keys select the row of the call they open).
    expect(p.indexOf('c500150')).toBe(500_150);
    expect(p.indexOf('c42')).toBe(42);
    expect(p.indexOf('c499999')).toBe(-1);
    // Scrolling on down from the jump: the cursor of the last page stored.
    expect(p.plan(500_180, 500_210, 1_000_000)).toEqual({ page: 5002, pages: 3, cursor: 'after-500199' });
    // Scrolling up from it: the page above is a jump.
    expect(p.plan(499_990, 500_010, 1_000_000)?.cursor).toBeNull();
  });

  it('asks for at most MAX_PAGES_PER_REQUEST pages at once and never past the end', () => {
    const p = new RowPages(100);
    expect(p.plan(0, 5_000, 1_000_000)).toEqual({ page: 0, pages: MAX_PAGES_PER_REQUEST, cursor: null });
    expect(p.plan(950, 990, 1_000)).toEqual({ page: 9, pages: 1, cursor: null }); // read-ahead stops at the end
    expect(p.plan(0, 10, 0)).toBeNull();
    p.store(9, rows(900, 100), null);
    expect(p.plan(950, 990, 1_000)).toBeNull();
  });

  it('counts the rows loaded from the top without a gap', () => {
    const p = new RowPages(100);
    p.store(0, rows(0, 300), 'x');
    p.store(4, rows(400, 100), 'y');
    expect(p.loadedFromTop()).toBe(300);
    p.store(3, rows(300, 100), 'z');
    expect(p.loadedFromTop()).toBe(500);
    p.clear();
    expect(p.loadedFromTop()).toBe(0);
  });
});
