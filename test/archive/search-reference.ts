// A plain in-memory reference of calls.search / calls.facets, written from the API's documented
// meaning and not from the search SQL: every filter a test over the archive calls, the free
// text matched against each call's searchable text (ftsText: what the import indexes), sorted
// with NULLs below every value and ties in import order (the call's id).
import type { CallListRow, CallSearch, FacetCount, Facets } from '../../src/shared/api/archive-api';
import type { SortColumn } from '../../src/shared/api/schemas';
import type { ArchiveCall } from '../../src/shared/model/archive-call';
import { ftsText } from '../../src/main/import/call-rows';

export interface RefCall {
  id: number;
  call: ArchiveCall;
  text: string;
}

export function refCall(id: number, call: ArchiveCall): RefCall {
  return { id, call, text: ftsText(call).toLowerCase() };
}

const NUMBERISH = /^[\d\s+\-()./]+$/;
const foldAscii = (s: string) => s.replace(/[A-Z]/g, (ch) => ch.toLowerCase());

function textMatches(c: RefCall, text: string): boolean {
  const t = text.trim();
  if (!t) return true;
  const words = NUMBERISH.test(t) && /\d/.test(t) ? [t.replace(/\D+/g, '')] : t.split(/\s+/);
  return words.every((w) => {
    if (!w) return true;
    if ([...w].length >= 3) return c.text.includes(w.toLowerCase());
    // One or two characters: the start of a number, an agent or a queue (ASCII case folded, as LIKE).
    const p = foldAscii(w);
    return [c.call.callerNumber, c.call.accessNumber, ...c.call.agents, ...c.call.queues].some(
      (v) => v !== null && foldAscii(v).startsWith(p),
    );
  });
}

function inRange(v: number | null, r: { min?: number; max?: number } | undefined): boolean {
  if (!r) return true;
  const x = v ?? -1;
  return x >= (r.min ?? 0) && (r.max === undefined || x <= r.max);
}

type Except = 'type' | 'outcome' | 'queue' | 'agent' | null;

function listsMatch(k: ArchiveCall, q: CallSearch, except: Except): boolean {
  return (
    (except === 'type' || !q.types?.length || q.types.includes(k.type)) &&
    (except === 'outcome' || !q.outcomes?.length || q.outcomes.includes(k.outcome)) &&
    (except === 'queue' || !q.queues?.length || k.queues.some((x) => q.queues?.includes(x))) &&
    (except === 'agent' || !q.agents?.length || k.agents.some((x) => q.agents?.includes(x)))
  );
}

export function matches(c: RefCall, q: CallSearch, except: Except = null): boolean {
  const k = c.call;
  const start = Date.parse(k.start);
  const duration = Math.max(0, (Date.parse(k.end) - start) / 1000);
  return (
    textMatches(c, q.text ?? '') &&
    (q.from === undefined || start >= Date.parse(q.from)) &&
    (q.to === undefined || start < Date.parse(q.to)) &&
    listsMatch(k, q, except) &&
    inRange(duration, q.durationSec) &&
    inRange(k.waitTimeSec, q.waitTimeSec) &&
    inRange(k.speakTimeSec, q.speakTimeSec) &&
    inRange(k.callbackAttempts, q.callbackAttempts)
  );
}

function sortValue(c: ArchiveCall, sort: SortColumn): string | number {
  switch (sort) {
    case 'start':
      return Date.parse(c.start);
    case 'callerNumber':
      return c.callerNumber ?? '';
    case 'accessNumber':
      return c.accessNumber ?? '';
    case 'queue':
      return c.queues[0] ?? '';
    case 'agent':
      return c.agents[0] ?? '';
    case 'type':
      return c.type;
    case 'outcome':
      return c.outcome;
    case 'timeBeforeAnswerSec':
      return c.timeBeforeAnswerSec ?? -1;
    case 'waitTimeSec':
      return c.waitTimeSec ?? -1;
    case 'speakTimeSec':
      return c.speakTimeSec;
    case 'callbackAttempts':
      return c.callbackAttempts ?? -1;
  }
}

/** SQLite's BINARY order: UTF-8 bytes. */
function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

/** Call ids of the search's rows, in order. */
export function referenceOrder(calls: readonly RefCall[], q: CallSearch): string[] {
  const sort = q.sort ?? 'start';
  const dir = (q.direction ?? 'desc') === 'desc' ? -1 : 1;
  return calls
    .filter((c) => matches(c, q))
    .map((c) => ({ c, v: sortValue(c.call, sort) }))
    .sort((a, b) => dir * (compare(a.v, b.v) || a.c.id - b.c.id))
    .map((x) => x.c.call.callId);
}

function tally(values: string[]): FacetCount[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || compare(a.value, b.value))
    .slice(0, 200);
}

export function referenceFacets(calls: readonly RefCall[], q: CallSearch): Facets {
  const of = (except: Except) => calls.filter((c) => matches(c, q, except)).map((c) => c.call);
  return {
    type: tally(of('type').map((c) => c.type)),
    outcome: tally(of('outcome').map((c) => c.outcome)),
    queue: tally(of('queue').flatMap((c) => [...new Set(c.queues)])),
    agent: tally(of('agent').flatMap((c) => [...new Set(c.agents)])),
  };
}

export const idsOf = (rows: readonly CallListRow[]): string[] => rows.map((r) => r.callId);
