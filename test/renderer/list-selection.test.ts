// The call list's selection as a unit (list-selection.ts, #17 item 5) against a stub list: clamped
// moves, End waiting for the count, a new result set selecting its first row, and the open call
// kept across result sets (followOpenCall). No component, no timers.
import { describe, expect, it } from 'vitest';
import type { CallListRow } from '../../src/shared/api/archive-api';
import { indexOfCall, useListSelection, type SelectableList } from '../../src/renderer/src/stores/list-selection';

/** A list of `total` calls 'c0', 'c1', … of which the first `loaded` rows are loaded. */
function stubList(total: number, loaded = total) {
  const state = { total, loaded, ensured: [] as number[], counted: 0 };
  let finishCount: (() => void) | null = null;
  const list: SelectableList = {
    total: () => state.total,
    rowAt: (i) => (i >= 0 && i < state.loaded ? ({ callId: `c${i}` } as CallListRow) : undefined),
    loadedFromTop: () => state.loaded,
    indexOfLoaded: (callId) => {
      const i = Number(callId.slice(1));
      return i >= 0 && i < state.loaded ? i : -1;
    },
    ensureLoaded: async (i) => void state.ensured.push(i),
    countNow: () => {
      state.counted++;
      return new Promise<void>((resolve) => (finishCount = resolve));
    },
  };
  return { list, state, finishCount: () => finishCount?.() };
}

describe('list selection', () => {
  it('selects within the list only, by the user, and asks for a row not loaded yet', () => {
    const { list, state } = stubList(500, 100);
    const s = useListSelection(list);
    expect(s.selectedIndex.value).toBe(-1);
    s.select(-4);
    expect(s.selectedIndex.value).toBe(0);
    expect(s.selectedByUser.value).toBe(true);
    expect(state.ensured).toEqual([]);
    s.select(9999);
    expect(s.selectedIndex.value).toBe(499);
    expect(state.ensured).toEqual([499]);
  });

  it('End waits for the count, then selects the last row of the counted total', async () => {
    const stub = stubList(120, 100);
    const s = useListSelection(stub.list);
    const last = s.selectLast();
    expect(stub.state.counted).toBe(1);
    expect(s.selectedIndex.value).toBe(-1);
    stub.state.total = 4000; // the count came back larger than the rows known so far
    stub.finishCount();
    await last;
    expect(s.selectedIndex.value).toBe(3999);
  });

  it('a new result set selects its first row (none when empty), not by the user; a failed one none', () => {
    const s = useListSelection(stubList(10).list);
    s.select(5);
    s.resultsReplaced(10);
    expect(s.selectedIndex.value).toBe(0);
    expect(s.selectedByUser.value).toBe(false);
    s.resultsReplaced(0);
    expect(s.selectedIndex.value).toBe(-1);
    s.select(3);
    s.resultsLost();
    expect(s.selectedIndex.value).toBe(-1);
  });

  it('the open call follows the user: another selected call is the one to open', () => {
    const s = useListSelection(stubList(10).list);
    expect(s.followOpenCall(null)).toBeNull();
    s.select(4);
    expect(s.followOpenCall('c2')).toBe('c4');
    expect(s.followOpenCall('c4')).toBeNull(); // already open
  });

  it('a new result set keeps the open call and selects its row when it is loaded from the top', () => {
    const s = useListSelection(stubList(300, 100).list);
    s.resultsReplaced(100);
    expect(s.followOpenCall('c42')).toBeNull();
    expect(s.selectedIndex.value).toBe(42);
    expect(s.selectedByUser.value).toBe(false);
    // A call not among the loaded rows: the first row stays selected, the open call stays open.
    s.resultsReplaced(100);
    expect(s.followOpenCall('c250')).toBeNull();
    expect(s.selectedIndex.value).toBe(0);
  });

  it('selectCall selects the row of a call opened elsewhere (by the user) and asks for it to be shown', () => {
    const s = useListSelection(stubList(300, 100).list);
    s.resultsReplaced(100);
    expect(s.selectCall('c42')).toBe(true);
    expect(s.selectedIndex.value).toBe(42);
    expect(s.selectedByUser.value).toBe(true);
    expect(s.revealCount.value).toBe(1);
    expect(s.followOpenCall('c42')).toBeNull(); // the open call is the selected one
    // A call not among the loaded rows: the selection stays.
    expect(s.selectCall('c250')).toBe(false);
    expect(s.selectedIndex.value).toBe(42);
    expect(s.revealCount.value).toBe(1);
  });

  it('indexOfCall looks only among the first rows given', () => {
    const rowAt = (i: number) => ({ callId: `c${i}` }) as CallListRow;
    expect(indexOfCall('c3', 10, rowAt)).toBe(3);
    expect(indexOfCall('c30', 10, rowAt)).toBe(-1);
  });
});
