// The window heuristic of `convert`'s grouping by runs (src/main/readers/call-runs.ts): a run whose
// call id is in the window, or not above the floor (the largest id that left it), may be a call
// already derived; ids a little out of order within the window are new calls.
import { describe, expect, it } from 'vitest';
import { CallRuns, compareRunIds, RecentRuns, RunResumed } from '../../src/main/readers/call-runs';
import type { CallEventRow } from '../../src/shared/model/call-events';

describe('RecentRuns', () => {
  it('finds an id still in the window', () => {
    const r = new RecentRuns(3);
    expect(['a1', 'a2', 'a3'].map((id) => r.start(id))).toEqual([null, null, null]);
    expect(r.start('a2')).toBe('in window');
  });

  it('finds an id that left the window through the floor, and lets later ids by', () => {
    const r = new RecentRuns(3);
    for (const id of ['10', '11', '12', '13']) expect(r.start(id)).toBeNull(); // '10' left: floor 10
    expect(r.start('10')).toBe('below floor');
    expect(r.start('14')).toBeNull();
  });

  it('accepts ids out of order within the window (new calls), and takes the largest that left as the floor', () => {
    const r = new RecentRuns(4);
    for (const id of ['20', '22', '21', '24', '23']) expect(r.start(id)).toBeNull(); // '20' left
    expect(r.start('25')).toBeNull(); // '22' left: floor 22
    expect(r.start('21')).toBe('in window');
    expect(r.start('19')).toBe('below floor');
    for (const id of ['26', '27']) expect(r.start(id)).toBeNull(); // '21', '24' left: floor 24
    expect(r.start('22')).toBe('below floor'); // left the window earlier: still found (the floor only grows)
    expect(r.start('24')).toBe('below floor');
  });

  it('counts a late new call below the floor as a possible return (a false alarm: slower, never wrong)', () => {
    const r = new RecentRuns(2);
    for (const id of ['5', '7', '8', '9']) r.start(id); // '5', '7' left: floor 7
    expect(r.start('6')).toBe('below floor'); // '6' was never seen
  });

  it('orders growing numeric ids by length first (999 → 1000 is not a step back)', () => {
    expect(compareRunIds('1000', '999')).toBeGreaterThan(0);
    expect(compareRunIds('999', '998')).toBeGreaterThan(0);
    const r = new RecentRuns(2);
    for (const id of ['998', '999', '1000', '1001', '1002']) expect(r.start(id)).toBeNull();
  });

  it('stays bounded: a million calls keep no more than the window', () => {
    const r = new RecentRuns(8);
    let refused = 0;
    for (let i = 0; i < 1_000_000; i++) if (r.start(String(i)) !== null) refused++;
    expect(refused).toBe(0);
    const inner = r as unknown as { ids: Set<string>; ring: string[] };
    expect([inner.ids.size, inner.ring.length]).toEqual([8, 8]);
  });
});

describe('CallRuns', () => {
  const row = (callId: string, line: number) => ({ callId, origin: { file: 'x.csv', line } }) as CallEventRow;

  it('hands out each run when the next one starts, and the last at the end', () => {
    const runs = new CallRuns(4);
    const ended: string[][] = [];
    for (const [id, line] of [
      ['a', 2],
      ['a', 3],
      ['c', 4],
      ['b', 5],
      ['b', 6],
    ] as const) {
      const run = runs.add(row(id, line));
      if (run) ended.push(run.map((r) => `${r.callId}:${r.origin.line}`));
    }
    ended.push((runs.end() ?? []).map((r) => `${r.callId}:${r.origin.line}`));
    expect(ended).toEqual([['a:2', 'a:3'], ['c:4'], ['b:5', 'b:6']]);
    expect(runs.end()).toBeNull();
  });

  it('throws RunResumed, naming the row, when a call comes back', () => {
    const runs = new CallRuns(4);
    runs.add(row('a', 2));
    runs.add(row('b', 3));
    expect(() => runs.add(row('a', 4))).toThrow(new RunResumed('a', 'in window', { file: 'x.csv', line: 4 }, 4));
    expect(() => runs.add(row('a', 4))).toThrow(/^x\.csv:4: call a came back after its run ended$/);
  });
});
