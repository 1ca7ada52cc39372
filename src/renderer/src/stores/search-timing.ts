// When the call list asks the archive: the timing rules of the calls store as small units with an
// injected clock, so each rule is tested without a component and without real time.
//  - TypingTimer: the first key after a pause searches at once; keys typed in quick succession
//    search once, when typing pauses.
//  - CountTimer: a result's total is counted only after a quiet time with no key typed, and never
//    for a search that a newer one has replaced.
//  - Latest: only the answer to the newest request is taken (older answers arrive late and are dropped).

/** The clock the timers run on: the real one in the app, a fake one in tests. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Numbers each request; an answer is used only while its request is still the newest. */
export class Latest {
  private current = 0;

  /** A new request: the ones before it are now stale. */
  next(): number {
    return ++this.current;
  }

  /** The newest request's number (a follow-up, such as its count, belongs to it). */
  get newest(): number {
    return this.current;
  }

  isNewest(request: number): boolean {
    return request === this.current;
  }
}

export class TypingTimer {
  private timer: unknown = null;
  private lastKeyAt = -Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly quietMs: number,
  ) {}

  /** Keys were typed within the quiet time: a search is still to come (or just ran for the first key). */
  get typing(): boolean {
    return this.timer !== null;
  }

  /** A key: `search` runs now when it follows a pause, else once no key has come for quietMs. */
  key(search: () => void): void {
    const now = this.clock.now();
    const afterPause = now - this.lastKeyAt > this.quietMs && this.timer === null;
    this.lastKeyAt = now;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    // After a pause the search runs at once; the timer only marks the window in which more keys
    // wait for the pause instead of searching on every key.
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (!afterPause) search();
    }, this.quietMs);
    if (afterPause) search();
  }
}

export class CountTimer {
  private timer: unknown = null;

  constructor(
    private readonly clock: Clock,
    private readonly delayMs: number,
    private readonly typing: () => boolean,
  ) {}

  /** Counts for `request` after the quiet time, waiting on while keys are typed; dropped once stale. */
  schedule(request: number, latest: Latest, count: () => void): void {
    this.cancel();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (!latest.isNewest(request)) return;
      if (this.typing()) this.schedule(request, latest, count);
      else count();
    }, this.delayMs);
  }

  cancel(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
