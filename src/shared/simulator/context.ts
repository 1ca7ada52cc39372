// What every call flow needs from the running model: randomness, agents,
// the clock, id counters, and the way to schedule later work and hand over a
// finished call. Also the small row helpers shared by the flows.
import type { SimConfig } from './config';
import type { LeaveTimes } from './heap';
import { REGISTRATIONS as REG_TEXTS } from './names';
import type { Agent, Roster } from './roster';
import type { Rng } from './prng';
import { newRow, rowEnd, type SimCall, type SimRow } from './rows';
import type { ScenarioName } from './scenarios';
import type { LocalClock } from './time';

export interface SimContext {
  rng: Rng;
  config: SimConfig;
  roster: Roster;
  clock: LocalClock;
  /** Callers waiting per queue index (for full queues). */
  waiting: LeaveTimes[];
  newCallId(): string;
  newSession(): string;
  /** Dialer contact ids (R19). */
  newContactId(): string;
  /** Counts a new call towards --calls; false when the quota is reached (the flow must not start). */
  claimCall(): boolean;
  schedule(at: number, run: (at: number) => void): void;
  emit(call: SimCall): void;
  /** Inside an incident window (a surge of calls to the support queue). */
  inIncident(t: number): boolean;
  /** Queue open (opening hours) at UTC t. */
  isOpen(t: number): boolean;
  /** Dialer campaigns call Mon–Fri 09–17 local: the next such instant ≥ t. */
  nextDialerSlot(t: number): number;
}

export const SEC = 1000;

export function startCall(ctx: SimContext, scenario: ScenarioName): SimCall {
  return { callId: ctx.newCallId(), scenario, rows: [], variables: [], registrations: [], updated: 0 };
}

/** Sets dte_updated (the platform re-inserts a call's rows a little after its last session ends) and emits. */
export function finishCall(ctx: SimContext, call: SimCall): void {
  let end = 0;
  for (const r of call.rows) {
    const e = rowEnd(r);
    if (e > end) end = e;
  }
  call.updated = end + ctx.rng.int(60, 300) * SEC + ctx.rng.int(0, 999);
  ctx.emit(call);
}

export function initiation(call: SimCall, session: string, start: number, source: string, destination: string): SimRow {
  const r = newRow(session, 'i', start, 0);
  r.source = source;
  r.destination = destination;
  call.rows.push(r);
  return r;
}

export function menu(
  call: SimCall,
  session: string,
  start: number,
  dur: number,
  name: string,
  moduleId: string,
  result = 'k',
): SimRow {
  const r = newRow(session, 'm', start, dur);
  r.menu = name;
  r.moduleId = moduleId;
  r.result = result;
  call.rows.push(r);
  return r;
}

export function queueRow(
  call: SimCall,
  session: string,
  start: number,
  dur: number,
  key: string,
  result: string,
): SimRow {
  const r = newRow(session, 'q', start, dur);
  r.queue = key;
  r.result = result;
  call.rows.push(r);
  return r;
}

/**
 * A conversation leg: rings `alertSec`, then (if answered, speakSec ≥ 0) talks
 * `speakSec`, then wrap-up `wrapSec` (agent legs). Unanswered legs last `alertSec`.
 */
export function leg(
  call: SimCall,
  session: string,
  start: number,
  alertSec: number,
  speakSec: number,
  wrapSec: number,
  result: string,
  to: { agent?: Agent; number?: string; ciq?: '' | 'a' | 'c'; leg?: string; originating?: string },
): SimRow {
  const answered = speakSec >= 0;
  const r = newRow(session, 'c', start, answered ? alertSec + speakSec + wrapSec : alertSec);
  if (answered) {
    r.speakStart = start + alertSec * SEC;
    r.speak = speakSec;
  }
  r.result = result;
  r.ciq = to.ciq ?? '';
  r.leg = to.leg ?? '';
  r.originating = to.originating ?? '';
  if (to.agent) {
    r.agent = to.agent.id;
    r.destination = to.agent.phone;
  } else {
    r.destination = to.number ?? '';
  }
  call.rows.push(r);
  return r;
}

/** Speak end of an answered leg in ms. */
export function speakEnd(r: SimRow): number {
  return r.speakStart + r.speak * SEC;
}

/** Whole seconds from a to b (rounded up): the model keeps every duration whole. */
export function secsBetween(a: number, b: number): number {
  return Math.max(0, Math.ceil((b - a) / SEC));
}

export function register(ctx: SimContext, call: SimCall, agent: Agent, at: number, text?: string): void {
  call.registrations.push({ agentId: agent.id, text: text ?? ctx.rng.pick(REG_TEXTS), at });
}
