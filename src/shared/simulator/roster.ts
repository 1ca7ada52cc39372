// Agents: skills (queues they answer), and per local day a shift with a lunch
// pause. Availability is computed from the shift and the agent's own clock
// (`freeAt`: end of the current call plus wrap-up, or a not-ready pause).
import type { SimConfig } from './config';
import { agentName, danishNumber } from './names';
import { Rng } from './prng';
import { MS, type LocalClock } from './time';

export interface Agent {
  index: number;
  id: string;
  name: string;
  phone: string;
  /** Queue indices this agent answers; the first is the primary skill. */
  skills: number[];
  /** Per simulated day d: [logon, lunchStart, lunchEnd, logoff] UTC ms at 4d..4d+3; NaN = day off. */
  shifts: Float64Array;
  freeAt: number;
}

const SHIFTS: [number, number][] = [
  [7.75, 15.75],
  [9, 17],
  [12, 20.25],
];

export class Roster {
  readonly agents: Agent[] = [];
  /** Agents per queue index. */
  readonly byQueue: Agent[][];
  private readonly firstDayUtc: number;
  private readonly dayStarts: number[] = [];

  constructor(
    config: SimConfig,
    readonly clock: LocalClock,
    firstLocalDay: number,
    readonly dayCount: number,
    agentCount: number,
    seed: number,
  ) {
    const rng = new Rng(seed);
    for (let d = 0; d <= dayCount; d++) this.dayStarts.push(clock.localToUtc((firstLocalDay + d) * MS.DAY));
    this.firstDayUtc = this.dayStarts[0]!;
    this.byQueue = config.queues.map(() => []);
    const weights = config.queues.map((q) => q.weight);
    const total = weights.reduce((a, b) => a + b, 0);
    const used = new Set<string>();
    for (let i = 0; i < agentCount; i++) {
      // Primary skill spread by queue weight (round-robin over the cumulative share keeps every queue staffed).
      const x = ((i + 0.5) / agentCount) * total;
      let primary = 0;
      for (let acc = 0; primary < weights.length; primary++) if ((acc += weights[primary]!) > x) break;
      primary = Math.min(primary, weights.length - 1);
      const skills = [primary];
      // Foreign-language queues are answered by their own team only (it works days: closed queue after 17).
      const home = config.queues[primary]!.country === 'dk';
      if (home && rng.chance(0.45)) {
        const extra = rng.int(0, config.queues.length - 1);
        if (extra !== primary && config.queues[extra]!.country === 'dk') skills.push(extra);
      }
      const english = rng.chance(0.15);
      const agent: Agent = {
        index: i,
        id: String(100100 + i * 7),
        name: agentName(rng, english, used),
        phone: danishNumber(rng),
        skills,
        shifts: this.buildShifts(config, rng, firstLocalDay, home ? i : i % 2),
        freeAt: 0,
      };
      this.agents.push(agent);
      for (const q of skills) this.byQueue[q]!.push(agent);
    }
  }

  private buildShifts(config: SimConfig, rng: Rng, firstLocalDay: number, i: number): Float64Array {
    const out = new Float64Array(this.dayCount * 4).fill(NaN);
    const usual = SHIFTS[i % SHIFTS.length]!;
    for (let d = 0; d < this.dayCount; d++) {
      const localDay = firstLocalDay + d;
      const weekday = ((((localDay + 3) % 7) + 7) % 7) + 1;
      const hours = config.openingHours[weekday - 1];
      if (!hours) continue;
      const works = weekday === 6 ? rng.chance(0.3) : rng.chance(0.9);
      if (!works) continue;
      let start = weekday === 6 ? hours[0] - 0.25 : usual[0];
      let end = weekday === 6 ? hours[1] + 0.25 : usual[1];
      start += (rng.next() - 0.5) * 0.3;
      end += (rng.next() - 0.3) * 0.3;
      const lunch = start + (end - start) * (0.45 + rng.next() * 0.1);
      const base = localDay * MS.DAY;
      const toUtc = (h: number) => this.clock.localToUtc(base + Math.round(h * 3600) * 1000);
      out[4 * d] = toUtc(start);
      out[4 * d + 1] = toUtc(lunch);
      out[4 * d + 2] = toUtc(lunch + 0.5);
      out[4 * d + 3] = toUtc(end);
    }
    return out;
  }

  dayIndex(utc: number): number {
    // Days are 23–25 h long around DST changes: estimate, then correct.
    let d = Math.floor((utc - this.firstDayUtc) / MS.DAY);
    if (d < 0) return -1;
    while (d > 0 && d < this.dayStarts.length && this.dayStarts[d]! > utc) d--;
    while (d + 1 < this.dayStarts.length && this.dayStarts[d + 1]! <= utc) d++;
    return d;
  }

  /** Earliest instant ≥ t at which the agent is logged on and not paused by schedule; Infinity if none. */
  availableAt(agent: Agent, t: number): number {
    const s = agent.shifts;
    for (let d = Math.max(0, this.dayIndex(t)); d < this.dayCount; d++) {
      const logon = s[4 * d]!;
      if (logon !== logon) continue; // NaN: day off
      if (t < logon) return logon;
      if (t < s[4 * d + 1]!) return t;
      if (t < s[4 * d + 2]!) return s[4 * d + 2]!;
      if (t < s[4 * d + 3]!) return t;
    }
    return Infinity;
  }

  /** Logged on (possibly paused) at t. */
  loggedOn(agent: Agent, t: number): boolean {
    const d = this.dayIndex(t);
    if (d < 0 || d >= this.dayCount) return false;
    const logon = agent.shifts[4 * d]!;
    return logon === logon && t >= logon && t < agent.shifts[4 * d + 3]!;
  }

  /** The agent of queue q who can take a call first at or after t (primary skills preferred by 20 s). */
  bestFor(q: number, t: number): { agent: Agent; at: number } | null {
    let best: Agent | null = null;
    let bestAt = Infinity;
    let bestScore = Infinity;
    for (const agent of this.byQueue[q]!) {
      const at = this.availableAt(agent, agent.freeAt > t ? agent.freeAt : t);
      const score = agent.skills[0] === q ? at : at + 20_000;
      if (score < bestScore) {
        bestScore = score;
        bestAt = at;
        best = agent;
      }
    }
    return best ? { agent: best, at: bestAt } : null;
  }

  anyLoggedOn(q: number, t: number): boolean {
    for (const agent of this.byQueue[q]!) if (this.loggedOn(agent, t)) return true;
    return false;
  }

  /** Any agent free (not on a call, on shift) at exactly t, other than `except`; null if none. Scans from a random start. */
  freeAgentAt(t: number, rng: Rng, except: Agent | null): Agent | null {
    const n = this.agents.length;
    const start = (rng.next() * n) | 0;
    for (let k = 0; k < n; k++) {
      const agent = this.agents[(start + k) % n]!;
      if (agent === except || agent.freeAt > t) continue;
      if (this.availableAt(agent, t) === t) return agent;
    }
    return null;
  }
}
