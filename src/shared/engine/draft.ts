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
const cmpStr = (a: string | null, b: string | null): number =>
  (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;

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

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/**
 * `new Date(ms).toISOString()`, computed with integer arithmetic (days → civil
 * date, H. Hinnant's algorithm): it runs for every event of every call, and is
 * several times faster than the Date round trip. Years outside 0000–9999 fall back.
 */
export function iso(ms: number): string {
  if (!Number.isInteger(ms) || ms < -62167219200000 || ms >= 253402300800000) return new Date(ms).toISOString();
  const days = Math.floor(ms / 86400000);
  let rest = ms - days * 86400000;
  // A call's times share their day: its "YYYY-MM-DDT" is computed once.
  if (days !== lastDay) {
    lastDay = days;
    lastDate = civilDate(days);
  }
  const hh = Math.floor(rest / 3600000);
  rest -= hh * 3600000;
  const mi = Math.floor(rest / 60000);
  rest -= mi * 60000;
  const ss = Math.floor(rest / 1000);
  const mss = rest - ss * 1000;
  return `${lastDate}${pad2(hh)}:${pad2(mi)}:${pad2(ss)}.${mss < 10 ? '00' : mss < 100 ? '0' : ''}${mss}Z`;
}

let lastDay = NaN;
let lastDate = '';

/** "YYYY-MM-DDT" of a day number (days since 1970-01-01, years 0000–9999). */
function civilDate(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const yyyy = y < 10 ? '000' + y : y < 100 ? '00' + y : y < 1000 ? '0' + y : String(y);
  return `${yyyy}-${pad2(m)}-${pad2(d)}T`;
}
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
