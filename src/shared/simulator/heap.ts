// Min-heaps for the event loop (pending work by time) and for queue occupancy.

/** Work due at a time; ties run in scheduling order so the run is deterministic. */
export interface Pending {
  at: number;
  seq: number;
  run: (at: number) => void;
}

export class PendingHeap {
  private readonly items: Pending[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  peekAt(): number {
    return this.items.length > 0 ? this.items[0]!.at : Infinity;
  }

  push(at: number, run: (at: number) => void): void {
    const items = this.items;
    const item: Pending = { at, seq: this.seq++, run };
    let i = items.push(item) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(item, items[p]!)) break;
      items[i] = items[p]!;
      i = p;
    }
    items[i] = item;
  }

  pop(): Pending | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    const n = items.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && less(items[r]!, items[l]!) ? r : l;
      if (!less(items[c]!, last)) break;
      items[i] = items[c]!;
      i = c;
    }
    items[i] = last;
    return top;
  }
}

function less(a: Pending, b: Pending): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Times at which waiting callers leave a queue: its size after dropping those ≤ t is the queue length at t. */
export class LeaveTimes {
  private items: number[] = [];

  push(t: number): void {
    const items = this.items;
    let i = items.push(t) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (items[p]! <= t) break;
      items[i] = items[p]!;
      i = p;
    }
    items[i] = t;
  }

  /** Callers still waiting at t. */
  waitingAt(t: number): number {
    const items = this.items;
    while (items.length > 0 && items[0]! <= t) {
      const last = items.pop()!;
      if (items.length === 0) break;
      let i = 0;
      const n = items.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && items[r]! < items[l]! ? r : l;
        if (items[c]! >= last) break;
        items[i] = items[c]!;
        i = c;
      }
      items[i] = last;
    }
    return items.length;
  }
}
