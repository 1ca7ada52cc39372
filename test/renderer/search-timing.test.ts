// The calls store's timing rules on a fake clock of their own (#17 item 5): no component, no real time.
import { describe, expect, it } from 'vitest';
import { CountTimer, Latest, TypingTimer, type Clock } from '../../src/renderer/src/stores/search-timing';

/** A clock that moves only when told; timers run in order of their due time. */
function manualClock() {
  let now = 1_000_000;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (h) => void timers.delete(h as number),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = end;
  };
  return { clock, advance, pending: () => timers.size };
}

describe('TypingTimer', () => {
  it('searches at once for the first key after a pause', () => {
    const { clock } = manualClock();
    const typing = new TypingTimer(clock, 150);
    let searches = 0;
    typing.key(() => searches++);
    expect(searches).toBe(1);
    expect(typing.typing).toBe(true);
  });

  it('coalesces a burst of keys into one search when typing pauses', () => {
    const { clock, advance } = manualClock();
    const typing = new TypingTimer(clock, 150);
    const texts: string[] = [];
    for (const t of ['g', 'ge', 'gen']) {
      typing.key(() => texts.push(t));
      advance(60);
    }
    expect(texts).toEqual(['g']); // the leading key only, so far
    advance(150);
    expect(texts).toEqual(['g', 'gen']);
    expect(typing.typing).toBe(false);
    // A key after the pause searches at once again.
    typing.key(() => texts.push('gene'));
    expect(texts).toEqual(['g', 'gen', 'gene']);
  });
});

describe('CountTimer and Latest', () => {
  it('counts after the quiet time, for the newest request only', () => {
    const { clock, advance } = manualClock();
    const latest = new Latest();
    const timer = new CountTimer(clock, 150, () => false);
    const counted: number[] = [];
    const first = latest.next();
    timer.schedule(first, latest, () => counted.push(first));
    advance(100);
    expect(counted).toEqual([]);
    advance(60);
    expect(counted).toEqual([first]);
    const stale = latest.next();
    timer.schedule(stale, latest, () => counted.push(stale));
    latest.next(); // replaced before its quiet time ended
    advance(500);
    expect(counted).toEqual([first]);
  });

  it('waits on while keys are typed', () => {
    const { clock, advance } = manualClock();
    const latest = new Latest();
    let keys = true;
    const timer = new CountTimer(clock, 150, () => keys);
    let counts = 0;
    timer.schedule(latest.next(), latest, () => counts++);
    advance(1000);
    expect(counts).toBe(0);
    keys = false;
    advance(150);
    expect(counts).toBe(1);
  });

  it('cancel drops the scheduled count', () => {
    const { clock, advance, pending } = manualClock();
    const latest = new Latest();
    const timer = new CountTimer(clock, 150, () => false);
    let counts = 0;
    timer.schedule(latest.next(), latest, () => counts++);
    timer.cancel();
    advance(1000);
    expect(counts).toBe(0);
    expect(pending()).toBe(0);
  });

  it('Latest: only the newest request is current', () => {
    const latest = new Latest();
    const a = latest.next();
    const b = latest.next();
    expect(latest.isNewest(a)).toBe(false);
    expect(latest.isNewest(b)).toBe(true);
    expect(latest.newest).toBe(b);
  });
});
