// The import writes events straight into event_rows (src/main/store/event-rows.ts); every other writer
// goes through the events view's INSERT trigger. Both must store the same row, and refuse the same
// values, for every rule of the trigger: the type code, the length, the names' ids, the sources.
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../src/main/store/archive';
import { EventRowWriter, eventSources, type EventValues } from '../../src/main/store/event-rows';
import { INSERT_EVENT } from '../../src/main/store/lean-tables';
import { simulatedArchiveCopy } from './simulated-archive';

const opened: Archive[] = [];
afterEach(() => opened.splice(0).forEach((a) => a.close()));

async function twoCopies(): Promise<[Archive, Archive]> {
  const [a, b] = [await simulatedArchiveCopy(20, 4), await simulatedArchiveCopy(20, 4)].map((p) => openArchive(p));
  opened.push(a!, b!);
  return [a!, b!];
}

type Event = [seq: number, ...EventValues];

/** Writes the events of `call` both ways; what each archive holds afterwards (or the error). */
function bothWays(a: Archive, b: Archive, call: number, events: Event[]) {
  const viaView = a.db.prepare(INSERT_EVENT);
  const direct = new EventRowWriter(b.db);
  const outcome = (write: () => void, db: Archive['db']) => {
    try {
      write();
    } catch (err) {
      return { error: (err as Error).message };
    }
    return {
      rows: db
        .prepare('SELECT *, typeof(sources) AS kind FROM event_rows WHERE call = ? AND seq >= 100 ORDER BY seq')
        .all(call),
      names: db.prepare('SELECT id, text FROM event_names ORDER BY id').all(),
      read: db.prepare('SELECT * FROM events WHERE call = ? AND seq >= 100 ORDER BY seq').all(call),
    };
  };
  return [
    outcome(() => events.forEach((e) => viaView.run(call, ...e)), a.db),
    outcome(() => events.forEach((e) => direct.write(call, e)), b.db),
  ];
}

describe('events written straight into event_rows, as the view trigger writes them', () => {
  it('the same rows, names and view for new, known and missing names, every kind of sources and lengths', async () => {
    const [a, b] = await twoCopies();
    const call = a.db.prepare('SELECT id FROM calls ORDER BY id LIMIT 1').pluck().get() as number;
    const known = a.db.prepare('SELECT text FROM event_names ORDER BY id LIMIT 1').pluck().get() as string;
    expect(known).toBeTruthy();
    const events: Event[] = [
      [100, 'menu', 1_000, 3_500, 2.5, 'A new menu', null, null, '[]'],
      [101, 'conversation', 3_500, 9_000, 5.5, known, 'Agent Nyt', 'answered', '[7]'],
      [102, 'queue', 5_000, 3_000, -2, known, known, null, '[12345678901]'],
      [103, 'consult', 0, 1, 0.001, null, 'A new menu', null, '[7,8]'],
      [104, 'deleted', 0, 0, 0, 'Agent Nyt', null, 'x', '[1,22,333]'],
      [105, 'menu', 0, 10, 0.01, null, null, null, '[0]'],
    ];
    const [view, direct] = bothWays(a, b, call, events);
    expect(view).not.toHaveProperty('error');
    expect(direct).toEqual(view);
    expect((view as { rows: { kind: string }[] }).rows.map((r) => r.kind)).toEqual([
      'text',
      'integer',
      'integer',
      'text',
      'text',
      'text',
    ]);
  });

  it.each<[string, Event, string]>([
    ['a duration that is not end minus start', [100, 'menu', 1_000, 3_500, 2.4, null, null, null, '[]'], 'dur_ms'],
    ['a type not in the list', [100, 'meeting', 0, 1, 0.001, null, null, null, '[]'], 'type_code'],
  ])('%s is refused by both', async (_what, event, column) => {
    const [a, b] = await twoCopies();
    const call = a.db.prepare('SELECT id FROM calls ORDER BY id LIMIT 1').pluck().get() as number;
    const [view, direct] = bothWays(a, b, call, [event]);
    expect(view).toEqual({ error: `NOT NULL constraint failed: event_rows.${column}` });
    expect(direct).toEqual(view);
  });

  it('sources: a list of one id is that id as a BigInt, anything else the text', () => {
    expect(['[7]', '[12345678901]', '[]', '[0]', '[07]', '[7,8]', '[ 7]'].map(eventSources)).toEqual([
      7n,
      12345678901n,
      '[]',
      '[0]',
      '[07]',
      '[7,8]',
      '[ 7]',
    ]);
  });
});
