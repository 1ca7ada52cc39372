// The CPU time of each thread of this process, sampled from Linux's /proc/self/task (null elsewhere),
// for the import bench: on a machine with fewer cores than a laptop's, the wall time of a layout that
// runs more threads than cores says little, but each thread's own CPU time does. The busiest thread's
// CPU time bounds the import's wall time from below on any number of cores (a thread runs on one core
// at a time), so it says what more cores could give at best.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TASKS = '/proc/self/task';

/** Clock ticks per second of /proc's times (sysconf CLK_TCK; 100 on Linux where getconf is missing). */
function clockTicks(): number {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
}

/**
 * User + system ticks of one /proc/…/stat line. The thread's name (field 2, in parentheses) may hold
 * spaces and parentheses, so the fields are counted after its last ')': utime and stime are fields 14
 * and 15 of proc(5), the 12th and 13th after it. Null for a line that is not one.
 */
export function statTicks(line: string): number | null {
  const close = line.lastIndexOf(')');
  if (close < 0) return null;
  const fields = line.slice(close + 2).split(' ');
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return Number.isFinite(user) && Number.isFinite(system) && fields.length > 12 ? user + system : null;
}

export class ThreadCpuSampler {
  /** The largest tick count seen per thread id (a thread's count only grows). */
  private readonly ticks = new Map<string, number>();
  private readonly timer: NodeJS.Timeout | null;
  private readonly hz = clockTicks();

  /** Starts sampling every `everyMs` (a thread that ends loses at most that much of its time). */
  constructor(everyMs = 200) {
    this.timer = this.sample() ? setInterval(() => this.sample(), everyMs) : null;
    this.timer?.unref();
  }

  /** Stops; each thread's CPU seconds, busiest first, or null where /proc is not there. */
  stop(): number[] | null {
    if (this.timer === null) return null;
    this.sample();
    clearInterval(this.timer);
    return [...this.ticks.values()].map((t) => t / this.hz).sort((a, b) => b - a);
  }

  private sample(): boolean {
    let ids: string[];
    try {
      ids = readdirSync(TASKS);
    } catch {
      return false;
    }
    for (const id of ids) {
      let line: string;
      try {
        line = readFileSync(`${TASKS}/${id}/stat`, 'utf8');
      } catch {
        continue; // the thread ended between the listing and the read
      }
      const t = statTicks(line);
      if (t !== null && t > (this.ticks.get(id) ?? -1)) this.ticks.set(id, t);
    }
    return true;
  }
}
