// The call list's loaded rows: fixed-size pages at row positions, filled in any
// order. A page right after a loaded one is read with that page's keyset cursor
// (cheap); any other page is a jump — calls.search with offset — so dragging the
// scrollbar to the middle of a million rows reads one request, not every page
// in between.
import type { CallListRow } from '../../../shared/api/archive-api';

export const PAGE_ROWS = 100;
/** At most this many pages in one request (calls.search allows 1000 rows). */
export const MAX_PAGES_PER_REQUEST = 10;
/** Pages read at once when continuing with a cursor. */
export const CURSOR_PAGES = 3;

/** One request to make: `pages` pages from `page` on, continuing `cursor` (null: jump with offset). */
export interface PagePlan {
  page: number;
  pages: number;
  cursor: string | null;
}

/** The selected index for a wish: inside 0..total-1, or -1 when the list is empty. */
export function clampSelection(index: number, total: number): number {
  if (total <= 0) return -1;
  return Math.min(Math.max(0, index), total - 1);
}

export class RowPages {
  private readonly pages = new Map<number, { rows: CallListRow[]; next: string | null }>();

  constructor(readonly size = PAGE_ROWS) {}

  clear(): void {
    this.pages.clear();
  }

  pageOf(index: number): number {
    return Math.floor(index / this.size);
  }

  rowAt(index: number): CallListRow | undefined {
    if (index < 0) return undefined;
    return this.pages.get(this.pageOf(index))?.rows[index % this.size];
  }

  /** The position of call `callId` among the loaded rows (wherever they are), or -1. */
  indexOf(callId: string): number {
    for (const [page, { rows }] of this.pages) {
      const i = rows.findIndex((r) => r.callId === callId);
      if (i >= 0) return page * this.size + i;
    }
    return -1;
  }

  /** Rows loaded from the top without a gap (how far plain scrolling from the start has got). */
  loadedFromTop(): number {
    let n = 0;
    for (let p = 0; ; p++) {
      const page = this.pages.get(p);
      if (!page) return n;
      n += page.rows.length;
      if (page.rows.length < this.size) return n;
    }
  }

  /**
   * The next request towards rows from..to of a result of `total` rows, reading
   * `aheadRows` beyond `to` (the direction of travel: the next page is asked for
   * once the view is within that many rows of it — not right after the first
   * page, which would put a second request behind every keystroke); null when
   * all are loaded.
   */
  plan(from: number, to: number, total: number, aheadRows = this.size / 2): PagePlan | null {
    if (total <= 0) return null;
    const clamp = (i: number) => Math.max(0, Math.min(i, total - 1));
    const first = this.pageOf(clamp(from));
    const last = this.pageOf(clamp(to + aheadRows));
    let page = first;
    while (page <= last && this.pages.has(page)) page++;
    if (page > last) return null;
    const cursor = this.pages.get(page - 1)?.next ?? null;
    // Reading on with a cursor (scrolling down) takes a few pages at once: fewer requests, same cost per row.
    const want = cursor ? Math.max(last, page + CURSOR_PAGES - 1) : last;
    const end = Math.min(want, this.pageOf(total - 1));
    let pages = 1;
    while (page + pages <= end && !this.pages.has(page + pages) && pages < MAX_PAGES_PER_REQUEST) pages++;
    return { page, pages, cursor };
  }

  /** Stores the answer to a plan: rows from page `page` on, and the cursor after the last of them. */
  store(page: number, rows: CallListRow[], nextCursor: string | null): void {
    const count = Math.max(1, Math.ceil(rows.length / this.size));
    for (let k = 0; k < count; k++) {
      const slice = rows.slice(k * this.size, (k + 1) * this.size);
      // Only the last page knows its cursor; the pages before it are followed by loaded pages.
      this.pages.set(page + k, { rows: slice, next: k === count - 1 ? nextCursor : null });
    }
  }
}
