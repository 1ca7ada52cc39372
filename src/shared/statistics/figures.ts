// The spec's counts, ratios and times of one group: a call is added to an
// accumulator, the ratios are computed once from the exact totals. The SQL
// implementation returns the same accumulator from the archive, and both go
// through finishFigures, so the two agree to the last digit.
import type { StatsCall, QueueAccumulator, QueueFigures, StatsParameters } from './types';

export function emptyAccumulator(): QueueAccumulator {
  return {
    offered: 0,
    answered: 0,
    abandoned: 0,
    unanswered: 0,
    deleted: 0,
    rejected: 0,
    pending: 0,
    shortAbandoned: 0,
    callbacksRequested: 0,
    callbacksAnswered: 0,
    answeredWithinSl: 0,
    abandonedWithinSl: 0,
    answeredWaitMs: 0,
    answeredTalkMs: 0,
    maxWaitSec: null,
  };
}

/** Spec: "Wait = waitTimeSec, with null read as 0". */
export const waitOf = (c: Pick<StatsCall, 'waitTimeSec'>): number => c.waitTimeSec ?? 0;

/** Whole milliseconds: sums of these are exact in any order (doubles hold integers to 2^53). */
export const toMs = (sec: number): number => Math.round(sec * 1000);

/** Spec "Population": inbound or callback with at least one Queue or Queue (callback) event. */
export function isQueueCall(c: Pick<StatsCall, 'type' | 'events'>): boolean {
  return (
    (c.type === 'inbound' || c.type === 'callback') &&
    c.events.some((e) => e.type === 'queue' || e.type === 'queue_callback')
  );
}

export const hasCallbackRequest = (c: Pick<StatsCall, 'events'>): boolean =>
  c.events.some((e) => e.type === 'queue_callback');

export function addCall(acc: QueueAccumulator, c: StatsCall, p: StatsParameters): void {
  const wait = waitOf(c);
  acc.offered++;
  acc[c.outcome]++;
  if (c.outcome === 'answered') {
    acc.answeredWaitMs += toMs(wait);
    acc.answeredTalkMs += toMs(c.speakTimeSec);
    if (wait <= p.slSeconds) acc.answeredWithinSl++;
  }
  if (c.outcome === 'abandoned') {
    if (wait < p.shortAbandonSeconds) acc.shortAbandoned++;
    if (wait <= p.slSeconds) acc.abandonedWithinSl++;
  }
  if (hasCallbackRequest(c)) {
    acc.callbacksRequested++;
    if (c.outcome === 'answered') acc.callbacksAnswered++;
  }
  if (acc.maxWaitSec === null || wait > acc.maxWaitSec) acc.maxWaitSec = wait;
}

/** Rounded half away from zero to one decimal (spec: "in output; computed from exact values"). */
export function round1(x: number): number {
  // The 1e-9 absorbs binary representation error (66.65 is stored as 66.6499…).
  const r = Math.round(Math.abs(x) * 10 + 1e-9) / 10;
  return x < 0 ? -r : r;
}

const ratio = (num: number, den: number, scale = 1): number | null => (den === 0 ? null : round1((num * scale) / den));
const meanSecOfMs = (sumMs: number, n: number): number | null => (n === 0 ? null : round1(sumMs / n / 1000));

/** Spec "serviceLevelPct" with the chosen treatment of calls abandoned within the threshold. */
export function serviceLevelPct(acc: QueueAccumulator, slAbandons: StatsParameters['slAbandons']): number | null {
  switch (slAbandons) {
    case 'ignore':
      return ratio(acc.answeredWithinSl, acc.offered - acc.abandonedWithinSl, 100);
    case 'fail':
      return ratio(acc.answeredWithinSl, acc.offered, 100);
    case 'succeed':
      return ratio(acc.answeredWithinSl + acc.abandonedWithinSl, acc.offered, 100);
  }
}

export function finishFigures(acc: QueueAccumulator, p: Pick<StatsParameters, 'slAbandons'>): QueueFigures {
  return {
    offered: acc.offered,
    answered: acc.answered,
    abandoned: acc.abandoned,
    unanswered: acc.unanswered,
    deleted: acc.deleted,
    rejected: acc.rejected,
    pending: acc.pending,
    shortAbandoned: acc.shortAbandoned,
    callbacksRequested: acc.callbacksRequested,
    callbacksAnswered: acc.callbacksAnswered,
    answeredWithinSl: acc.answeredWithinSl,
    abandonedWithinSl: acc.abandonedWithinSl,
    serviceLevelPct: serviceLevelPct(acc, p.slAbandons),
    answerRatePct: ratio(acc.answered, acc.offered, 100),
    abandonRatePct: ratio(acc.abandoned, acc.offered, 100),
    asaSec: meanSecOfMs(acc.answeredWaitMs, acc.answered),
    maxWaitSec: acc.maxWaitSec === null ? null : round1(acc.maxWaitSec),
    avgTalkSec: meanSecOfMs(acc.answeredTalkMs, acc.answered),
  };
}
