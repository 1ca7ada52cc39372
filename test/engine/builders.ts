// Compact builders for raw call-event rows in engine tests. Times are seconds
// after T0 (2026-03-10 09:00:00 UTC), so expectations read as plain arithmetic.
import type { CallEventRow, CompanionLookup, EnquiryRegistration } from '../../src/shared/model/call-events';
import { emptyCompanions } from '../../src/shared/model/call-events';
import type { ArchiveEvent } from '../../src/shared/model/archive-call';

export const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
export const at = (sec: number): number => T0 + Math.round(sec * 1000);
export const isoAt = (sec: number): string => new Date(at(sec)).toISOString();

export interface LegOpts {
  agent?: string;
  /** Seconds after T0 when talking began. */
  speakAt?: number;
  speak?: number;
  result?: string;
  ciq?: 'a' | 'c';
  dest?: string;
}

export class CallBuilder {
  readonly rows: CallEventRow[] = [];
  private sessionId: string;
  private seq = 0;
  constructor(
    readonly callId = 'C1',
    readonly file = 'test.csv',
    session = 'S1',
  ) {
    this.sessionId = session;
  }
  session(id: string): this {
    this.sessionId = id;
    return this;
  }
  private add(p: Partial<CallEventRow> & Pick<CallEventRow, 'eventType' | 'start'>): this {
    this.seq += 1;
    this.rows.push({
      callId: this.callId,
      sessionId: this.sessionId,
      callSequence: this.seq,
      durationSec: 0,
      speakStart: null,
      speakSec: null,
      source: null,
      destination: null,
      resultCode: null,
      ciq: null,
      queueKey: null,
      agentId: null,
      menuName: null,
      recId: `${this.callId}-${this.seq}`,
      updated: null,
      extras: {},
      origin: { file: this.file, line: this.rows.length + 2 },
      ...p,
    });
    return this;
  }
  i(t: number, source: string | null = '+4512345678', destination: string | null = '+4570000000', dur = 0): this {
    return this.add({ eventType: 'i', start: at(t), durationSec: dur, source, destination });
  }
  m(t: number, dur: number, name = 'Welcome', result = 'k'): this {
    return this.add({ eventType: 'm', start: at(t), durationSec: dur, menuName: name, resultCode: result });
  }
  q(t: number, dur: number, queue = 'Support', result = 'k'): this {
    return this.add({ eventType: 'q', start: at(t), durationSec: dur, queueKey: queue, resultCode: result });
  }
  c(t: number, dur: number, o: LegOpts = {}): this {
    const answered = o.speakAt !== undefined;
    return this.add({
      eventType: 'c',
      start: at(t),
      durationSec: dur,
      speakStart: answered ? at(o.speakAt as number) : null,
      speakSec: answered ? (o.speak ?? 0) : 0,
      resultCode: o.result ?? (answered ? 'k' : 't'),
      ciq: o.ciq ?? null,
      agentId: o.agent ?? null,
      destination: o.dest ?? (o.agent ? `agent-phone-${o.agent}` : null),
    });
  }
  /** Patch the last row (for the odd column a test is about). */
  patch(p: Partial<CallEventRow>): this {
    const last = this.rows[this.rows.length - 1];
    if (last) Object.assign(last, p);
    return this;
  }
}

export function companions(
  o: {
    agents?: Record<string, string>;
    queues?: Record<string, string>;
    variables?: Record<string, Record<string, string>>;
    registrations?: EnquiryRegistration[];
  } = {},
): CompanionLookup {
  return {
    ...emptyCompanions,
    agentName: (id) => o.agents?.[id] ?? null,
    queueName: (k) => o.queues?.[k] ?? null,
    variables: (id) => o.variables?.[id] ?? {},
    registrations: (id) => (o.registrations ?? []).filter((r) => r.callId === id),
  };
}

/** Events as compact tuples: [type, startSec, durationSec, agent, label]. */
export function brief(events: ArchiveEvent[]): [string, number, number, string | null, string | null][] {
  return events.map((e) => [e.type, (Date.parse(e.start) - T0) / 1000, e.durationSec, e.agent, e.label]);
}
