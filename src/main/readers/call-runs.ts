// `convert` without the staging file: the call-events files are read one after the other, and each
// call is derived as soon as its run of rows ends (the next row has another call_id), instead of
// staging every row in SQLite and reading it back grouped by call_id (./call-stage).
//
// That is only right if no call has a second run further down the file. Exports list a call's
// rows together, but their call ids are not strictly increasing: a call is written when it ends,
// and its id was given when it began, so a long call comes after many younger ones (in the
// simulator's exports up to 887 runs late at 50,000 calls, 1,103 at 200,000; 1 run in 50 is late
// at all). Remembering every id would grow with the file, so RecentRuns keeps a window of the last
// RUN_WINDOW ids and a floor: an id not in the window and not above the floor may be a call already
// derived, and the caller gives up (converts again through the stage). A new call later than the
// window is a false alarm: slower (the file is read twice), never wrong.
import type { CallEventRow, RowOrigin } from '../../shared/model/call-events';
import { compareIds } from './output-order';

/**
 * Call ids remembered exactly: 15 times the lateness seen in the simulator's exports (see the top
 * of this file), for about 1 MB; a false alarm costs a second read of every file.
 */
export const RUN_WINDOW = 16_384;

/**
 * The order of the floor: shorter ids first, then SQLite's order (compareIds). Numeric ids that
 * gain a digit (999 → 1000) stay increasing in it, where text order alone would make every call
 * after the step look like an old one. Any total order is safe; this one fits growing ids.
 */
export function compareRunIds(a: string, b: string): number {
  return a.length - b.length || compareIds(a, b);
}

/** The window heuristic: has a run of this call id (perhaps) ended already? */
export class RecentRuns {
  private readonly ids = new Set<string>();
  /** The last `window` ids in the order seen (a ring). */
  private readonly ring: string[] = [];
  private next = 0;
  /**
   * The largest id (compareRunIds) that left the window: every id that left is at or below it, so
   * an id above it cannot have been seen unless it is still in the window.
   */
  private floor: string | null = null;

  constructor(private readonly window = RUN_WINDOW) {}

  /**
   * A run of `callId` starts. Returns null when it is surely the first, else why it may not be
   * (then nothing is recorded).
   */
  start(callId: string): 'in window' | 'below floor' | null {
    if (this.ids.has(callId)) return 'in window';
    if (this.floor !== null && compareRunIds(callId, this.floor) <= 0) return 'below floor';
    this.ids.add(callId);
    if (this.ring.length < this.window) {
      this.ring.push(callId);
      return null;
    }
    const left = this.ring[this.next] as string;
    this.ring[this.next] = callId;
    this.next = (this.next + 1) % this.window;
    this.ids.delete(left);
    if (this.floor === null || compareRunIds(left, this.floor) > 0) this.floor = left;
    return null;
  }
}

/** Thrown when a run starts whose call may have been derived already: the stage must group the rows. */
export class RunResumed extends Error {
  constructor(
    readonly callId: string,
    readonly why: 'in window' | 'below floor',
    origin: RowOrigin,
    window: number,
  ) {
    super(
      `${origin.file}:${origin.line}: ` +
        (why === 'in window'
          ? `call ${callId} came back after its run ended`
          : `call ${callId} may have come back after its run ended (its id is not above those of the calls before the last ${window})`),
    );
  }
}

/** Rows in, whole calls out: the rows of each run of one call id, handed out when the run ends. */
export class CallRuns {
  private run: CallEventRow[] = [];
  private readonly recent: RecentRuns;

  constructor(private readonly window = RUN_WINDOW) {
    this.recent = new RecentRuns(window);
  }

  /** Adds a row; returns the run it ends (the previous call's rows), if any. Throws RunResumed. */
  add(row: CallEventRow): CallEventRow[] | null {
    const current = this.run[0];
    if (current !== undefined && current.callId === row.callId) {
      this.run.push(row);
      return null;
    }
    const why = this.recent.start(row.callId);
    if (why !== null) throw new RunResumed(row.callId, why, row.origin, this.window);
    const ended = this.run;
    this.run = [row];
    return ended.length > 0 ? ended : null;
  }

  /** The last run (at the end of the file). */
  end(): CallEventRow[] | null {
    const ended = this.run;
    this.run = [];
    return ended.length > 0 ? ended : null;
  }
}
