// The import's writer of events: straight into event_rows, the row the events view's INSERT trigger
// (lean-tables.ts) makes of the same values. Through the view each event ran a trigger program: two
// INSERT OR IGNOREs and two look-ups of its name and agent, a CASE for its type and two GLOBs for its
// sources; 3.7 µs an event against 1.7 here, and a day's export has about 3.6 events per call.
// Every other writer (erasure's rewrites, tests) still goes through the view. The two agree by test
// (test/archive/event-rows.test.ts), each rule of the trigger by a case of its own.
import type { Statement } from 'better-sqlite3';
import type { Db } from './native';
import { codeOf, EVENT_TYPE_CODES } from './coded-columns';

/** An event as the import gives it (after its seq): type, start_ms, end_ms, duration_sec, name, agent, result, source_ids (JSON). */
export type EventValues = [
  type: string,
  startMs: number,
  endMs: number,
  durationSec: number,
  name: string | null,
  agent: string | null,
  result: string | null,
  sourceIds: string,
];

/** The trigger's type code: the index in EVENT_TYPE_CODES, none (refused by the NOT NULL) for another text. */
export function eventTypeCode(type: string): number | null {
  return codeOf(EVENT_TYPE_CODES, type);
}

/** The trigger's length: end − start when the duration says the same, else none (refused by the NOT NULL). */
export function eventDurMs(startMs: number, endMs: number, durationSec: number): number | null {
  return durationSec === (endMs - startMs) / 1000 ? endMs - startMs : null;
}

/** One id written by the engine as `[id]` (no leading zero): the trigger stores it as an integer. */
const ONE_SOURCE = /^\[([1-9][0-9]*)\]$/;

/**
 * The trigger's sources: the one raw row id of a list of one as an INTEGER (a BigInt: better-sqlite3
 * binds a Number as a REAL), any other list as its JSON text.
 */
export function eventSources(sourceIds: string): bigint | string {
  const one = ONE_SOURCE.exec(sourceIds);
  return one?.[1] !== undefined ? BigInt(one[1]) : sourceIds;
}

export class EventRowWriter {
  /** event_names ids of this writer's texts: one import's transaction, in which no name is deleted. */
  private readonly ids = new Map<string, number>();
  private readonly insert: Statement;
  private readonly findName: Statement<[text: string], number>;
  private readonly insertName: Statement<[text: string]>;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO event_rows (call, seq, type_code, start_ms, dur_ms, name_id, agent_id, result, sources) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.findName = db.prepare<[string], number>('SELECT id FROM event_names WHERE text = ?').pluck();
    this.insertName = db.prepare<[string]>('INSERT INTO event_names (text) VALUES (?)');
  }

  /** One event of the call (`call`: calls.id) with its seq, as prepareCall gives it. */
  write(call: number, e: readonly [seq: number, ...EventValues]): void {
    const [seq, type, startMs, endMs, durationSec, name, agent, result, sourceIds] = e;
    this.insert.run(
      call,
      seq,
      eventTypeCode(type),
      startMs,
      eventDurMs(startMs, endMs, durationSec),
      this.nameId(name),
      this.nameId(agent),
      result,
      eventSources(sourceIds),
    );
  }

  /** The id of a name or agent text in event_names, added when new (the trigger's INSERT OR IGNORE). */
  private nameId(text: string | null): number | null {
    if (text === null) return null;
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.findName.get(text) ?? Number(this.insertName.run(text).lastInsertRowid);
      this.ids.set(text, id);
    }
    return id;
  }
}
