// The engine's working form of an archive event (epoch ms, agent ids, source
// rows) and its conversion to the contract's ArchiveEvent.
import { ARCHIVE_EVENT_TYPES } from '../model/archive-call';
import type { ArchiveEvent, ArchiveEventType } from '../model/archive-call';
import type { CallEventRow, CompanionLookup } from '../model/call-events';

export interface DraftEvent {
  type: ArchiveEventType;
  start: number;
  end: number;
  name: string | null;
  agentId: string | null;
  label: { en: string; da: string } | null;
  result: string | null;
  rows: CallEventRow[];
}

const TIE = new Map<ArchiveEventType, number>(ARCHIVE_EVENT_TYPES.map((t, i) => [t, i]));
const cmpStr = (a: string | null, b: string | null): number => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/** By start; ties in the spec's type order (Queue … Deleted); then end, name, agent for a total order. */
export function compareDrafts(a: DraftEvent, b: DraftEvent): number {
  return (
    a.start - b.start ||
    (TIE.get(a.type) ?? 99) - (TIE.get(b.type) ?? 99) ||
    a.end - b.end ||
    cmpStr(a.name, b.name) ||
    cmpStr(a.agentId, b.agentId)
  );
}

export const iso = (ms: number): string => new Date(ms).toISOString();
/** Durations are whole milliseconds, so seconds have at most 3 decimals. */
export const msToSec = (ms: number): number => Math.round(ms) / 1000;

export function agentDisplay(agentId: string | null, companions: CompanionLookup): string | null {
  return agentId === null ? null : (companions.agentName(agentId) ?? agentId);
}

export function queueDisplay(queueKey: string | null, companions: CompanionLookup): string | null {
  return queueKey === null ? null : (companions.queueName(queueKey) ?? queueKey);
}

export function toArchiveEvent(d: DraftEvent, companions: CompanionLookup): ArchiveEvent {
  return {
    type: d.type,
    start: iso(d.start),
    end: iso(d.end),
    durationSec: msToSec(d.end - d.start),
    name: d.name,
    agent: agentDisplay(d.agentId, companions),
    label: d.label?.en ?? null,
    labelDa: d.label?.da ?? null,
    result: d.result,
  };
}
