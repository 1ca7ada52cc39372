// Background read workers (exact counts, exact facets) run at a lower CPU priority than the
// list's page worker, so that on a laptop with few cores a plain page is never queued by the
// scheduler behind a heavy count it does not need (issue 18: "while a heavy facet runs, a plain
// page answers in < 150 ms").
//
// Why only on Linux: there, a nice value belongs to a thread (NPTL), and setpriority(who = 0),
// which os.setPriority(0, n) calls, changes the calling thread alone. On macOS and Windows the
// same call changes the whole process (the app's window included), so there it is not made.
import { getPriority, setPriority } from 'node:os';

/** How much nicer than the app a background read worker runs (0 = as the app, 19 = the nicest). */
export const BACKGROUND_NICE = 10;

/** Whether this platform gives each thread its own priority (see the file's comment). */
export function threadPriorityIsPerThread(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'linux';
}

/**
 * Lowers the calling thread's CPU priority (call it on a worker thread). Returns the thread's
 * nice value after, or null where that would change the whole process or was refused.
 */
export function lowerThisThreadsPriority(platform: NodeJS.Platform = process.platform): number | null {
  if (!threadPriorityIsPerThread(platform)) return null;
  try {
    setPriority(0, Math.max(getPriority(0), BACKGROUND_NICE));
    return getPriority(0);
  } catch {
    return null; // a sandbox may refuse it: the worker then runs at the app's priority
  }
}
