// The discrete-event model: a non-homogeneous Poisson arrival stream (by local
// hour and weekday) merged in time order with scheduled work (callback
// attempts, dialer retries). Agents are shared state; each call is handed out
// as soon as its last session is known. State stays small: the roster, the
// pending heap and the queue occupancy — never the calls already emitted.
import { DEFAULT_CONFIG, defaultDays, type SimConfig } from './config';
import type { SimContext } from './context';
import { newContact } from './flows-dialer';
import { inboundCall } from './flows-inbound';
import { webCallback } from './flows-callback';
import { agentToAgent, callout } from './flows-outbound';
import { LeaveTimes, PendingHeap } from './heap';
import { Rng, cumulative, subSeed } from './prng';
import { Roster } from './roster';
import type { SimCall } from './rows';
import { LocalClock, MS, localDayOf, weekdayOfLocalDay } from './time';

export const MAX_CALLS_PER_DAY = 50_000;

export interface SimOptions {
  calls: number;
  days?: number;
  seed?: number;
  timeZone?: string;
  startDate?: string;
  config?: Partial<SimConfig>;
}

export function resolveConfig(opts: SimOptions): SimConfig {
  const base: SimConfig = { ...DEFAULT_CONFIG, ...opts.config };
  if (!(Number.isInteger(opts.calls) && opts.calls >= 0)) throw new Error('calls must be a whole number ≥ 0');
  const days = opts.days ?? defaultDays(opts.calls);
  if (!(Number.isInteger(days) && days >= 1 && days <= 3660))
    throw new Error('days must be a whole number from 1 to 3660');
  // Staff grows with calls per day and each call scans its queue's agents: keep the centre plausible.
  if (opts.calls / days > MAX_CALLS_PER_DAY) {
    throw new Error(
      `${opts.calls} calls in ${days} day(s) is more than ${MAX_CALLS_PER_DAY.toLocaleString('en-US')} calls a day; give more --days`,
    );
  }
  const startDate = opts.startDate ?? base.startDate;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || Number.isNaN(Date.parse(startDate)))
    throw new Error(`start date "${startDate}" is not YYYY-MM-DD`);
  return {
    ...base,
    calls: opts.calls,
    days,
    seed: (opts.seed ?? base.seed) >>> 0,
    timeZone: opts.timeZone ?? base.timeZone,
    startDate,
  };
}

export class Simulator implements SimContext {
  readonly config: SimConfig;
  readonly clock: LocalClock;
  readonly rng: Rng;
  readonly roster: Roster;
  readonly waiting: LeaveTimes[];
  readonly startUtc: number;
  private readonly heap = new PendingHeap();
  private readonly out: SimCall[] = [];
  private readonly mixCum: number[];
  private readonly hourScale: number;
  private created = 0;
  private callSeq = 0;
  private sessionSeq = 0;
  private contactSeq = 0;
  private nextArrival = 0;
  private hour = 0;
  private hourRate = 0;
  /** Incident windows [start, end) UTC, in time order. */
  private readonly incidents: [number, number][] = [];

  constructor(opts: SimOptions) {
    this.config = resolveConfig(opts);
    const c = this.config;
    this.clock = new LocalClock(c.timeZone);
    this.rng = new Rng(subSeed(c.seed, 0));
    const firstLocalDay = Math.round(Date.parse(c.startDate) / MS.DAY);
    this.startUtc = this.clock.localToUtc(firstLocalDay * MS.DAY);
    const irng = new Rng(subSeed(c.seed, 2));
    for (let d = 0; d < c.days + 28; d++) {
      if (!irng.chance(c.incidents.dayShare)) continue;
      const start = this.clock.localToUtc((firstLocalDay + d) * MS.DAY + irng.int(9 * 60, 15 * 60) * MS.MIN);
      this.incidents.push([start, start + irng.int(60, 150) * MS.MIN]);
    }
    const m = c.mix;
    this.mixCum = cumulative([m.inbound, m.webCallback, m.callout, m.agentToAgent, m.dialer]);
    let total = 0;
    let peak = 0;
    for (let h = 0; h < c.days * 24; h++) {
      const w = this.hourWeight(h);
      total += w;
      // Staffing is planned for the ordinary peak, not for incidents.
      if (!this.inIncident(this.startUtc + h * MS.HOUR + 30 * MS.MIN) && w > peak) peak = w;
    }
    // Dialer retries add calls beyond the new contacts: aim the arrival rate a little low.
    const retryShare = (m.dialer / this.mixCum[this.mixCum.length - 1]!) * 0.6;
    this.hourScale = total > 0 ? c.calls / (1 + retryShare) / total : 0;
    const agentCount =
      c.agents.count > 0
        ? c.agents.count
        : Math.max(8, Math.ceil(((peak * this.hourScale * 300) / 3600) * c.staffingFactor));
    this.roster = new Roster(c, this.clock, firstLocalDay, c.days + 28, agentCount, subSeed(c.seed, 1));
    this.waiting = c.queues.map(() => new LeaveTimes());
    this.hourRate = this.rateOf(0);
    this.nextArrival = this.drawArrival(this.startUtc);
  }

  /** Relative arrival weight of the UTC hour h after the start (by its local hour and weekday). */
  private hourWeight(h: number): number {
    const local = this.clock.local(this.startUtc + h * MS.HOUR + 30 * MS.MIN);
    const weekday = weekdayOfLocalDay(localDayOf(local));
    const hourOfDay = Math.floor((local - localDayOf(local) * MS.DAY) / MS.HOUR);
    const w = this.config.hourWeights[hourOfDay]! * this.config.weekdayWeights[weekday - 1]!;
    return this.inIncident(this.startUtc + h * MS.HOUR + 30 * MS.MIN) ? w * (1 + this.config.incidents.surge) : w;
  }

  inIncident(t: number): boolean {
    // Few windows (≤ one a day): a scan is cheap enough and keeps no cursor state.
    for (const [a, b] of this.incidents) {
      if (t < a) return false;
      if (t < b) return true;
    }
    return false;
  }

  /** Arrivals per ms in hour h. */
  private rateOf(h: number): number {
    return (this.hourWeight(h) * this.hourScale) / MS.HOUR;
  }

  private drawArrival(from: number): number {
    let e = -Math.log(1 - this.rng.next());
    let t = from;
    for (let guard = 0; guard < 24 * 400; guard++) {
      const hourEnd = this.startUtc + (this.hour + 1) * MS.HOUR;
      const capacity = this.hourRate * (hourEnd - t);
      if (e < capacity) return Math.floor(t + e / this.hourRate);
      e -= capacity;
      t = hourEnd;
      this.hour++;
      this.hourRate = this.rateOf(this.hour);
    }
    return Infinity;
  }

  newCallId(): string {
    const n = this.callSeq++;
    // 13 digits that go up (mostly): "73" + a 10-digit number (kept small-integer fast to print).
    return '73' + (1_000_000_000 + n * 3 + ((Math.imul(n, 0x9e3779b1) >>> 0) % 3));
  }
  newSession(): string {
    return '81' + (100_000_000 + this.sessionSeq++);
  }
  newContactId(): string {
    return `K${500001 + this.contactSeq++}`;
  }
  claimCall(): boolean {
    if (this.created >= this.config.calls) return false;
    this.created++;
    return true;
  }
  schedule(at: number, run: (at: number) => void): void {
    this.heap.push(at, run);
  }
  emit(call: SimCall): void {
    this.out.push(call);
  }

  isOpen(t: number): boolean {
    const local = this.clock.local(t);
    const day = localDayOf(local);
    const hours = this.config.openingHours[weekdayOfLocalDay(day) - 1];
    if (!hours) return false;
    const h = (local - day * MS.DAY) / MS.HOUR;
    return h >= hours[0] && h < hours[1];
  }

  nextDialerSlot(t: number): number {
    let local = this.clock.local(t);
    for (let k = 0; k < 10; k++) {
      const day = localDayOf(local);
      const wd = weekdayOfLocalDay(day);
      const h = (local - day * MS.DAY) / MS.HOUR;
      if (wd <= 5 && h >= 9 && h < 17) return this.clock.localToUtc(local);
      const nextDay = h < 9 && wd <= 5 ? day : day + 1;
      local = nextDay * MS.DAY + 9 * MS.HOUR + this.rng.int(0, 3600) * 1000;
    }
    return t;
  }

  /** Runs one arrival or one scheduled item. False when all calls are out. */
  step(): boolean {
    const arrival = this.created < this.config.calls ? this.nextArrival : Infinity;
    if (this.heap.size > 0 && this.heap.peekAt() <= arrival) {
      const item = this.heap.pop()!;
      item.run(item.at);
      return true;
    }
    if (arrival === Infinity) return this.heap.size > 0;
    this.nextArrival = this.drawArrival(arrival);
    this.created++;
    this.dispatch(arrival);
    return true;
  }

  private dispatch(t: number): void {
    const kind = this.rng.weighted(this.mixCum);
    const open = this.isOpen(t);
    if (kind === 1) return webCallback(this, t);
    if (open && kind === 2 && callout(this, t)) return;
    if (open && kind === 3 && agentToAgent(this, t)) return;
    if (open && kind === 4) return newContact(this, t);
    inboundCall(this, t);
  }

  /** Finished calls, in the order the model finished them. */
  *calls(): Generator<SimCall> {
    const out = this.out;
    while (this.step()) {
      if (out.length === 0) continue;
      for (let i = 0; i < out.length; i++) yield out[i]!;
      out.length = 0;
    }
    for (let i = 0; i < out.length; i++) yield out[i]!;
    out.length = 0;
  }
}
