// The list's Queue and Agent cells (issue 14 item 2): the archive gives each listed call the queue
// that answered, the agent who talked and all its queues and agents; the cell shows the filtered one,
// else the handling one, and "+N" for the rest. On the hand-written scenario of a callback answered
// on its 2nd attempt, the first agent (Anna Hansen) let the 1st attempt go unanswered: Bo Jensen handled it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlingOf } from '../../src/main/api/list-row-people';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import type { Archive } from '../../src/main/store/archive';
import { peopleCell } from '../../src/renderer/src/components/columns';
import type { CallListRow } from '../../src/shared/api/archive-api';
import { freshArchive, TZ } from './helpers';

const DIR = join(__dirname, '../../resources/samples/scenarios');
let archive: Archive;
let api: SqliteArchiveApi;

beforeAll(async () => {
  archive = freshArchive().archive;
  const files = ['agents.csv', 'queues.csv', 'callback-answered-2nd.csv', 'consult-transfer.csv'].map((f) =>
    join(DIR, f),
  );
  const results = await importFiles(archive, files, { timeZone: TZ, inProcess: true });
  expect(results.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done']);
  api = new SqliteArchiveApi(archive);
});
afterAll(() => archive.close());

async function rowOf(type: string): Promise<CallListRow> {
  const { rows } = await api.calls.search({ limit: 10 });
  const row = rows.find((r) => r.type === type && r.agents?.length === 2);
  expect(row, type).toBeDefined();
  return row!;
}

describe('who handled a listed call', () => {
  it("a callback answered on its 2nd attempt: the agent who talked, not the first attempt's", async () => {
    const row = await rowOf('callback');
    expect(row.agent).toBe('Anna Hansen'); // the first agent: the sort key, as before
    expect(row.handlingAgent).toBe('Bo Jensen');
    expect(row.answeringQueue).toBe('Kundeservice');
    expect(row.agents).toEqual(['Anna Hansen', 'Bo Jensen']);
    expect(peopleCell(row.agents, row.handlingAgent, row.agent)).toBe('Bo Jensen +1');
    // Filtered by the other agent, the row shows that one.
    expect(peopleCell(row.agents, row.handlingAgent, row.agent, ['Anna Hansen'])).toBe('Anna Hansen +1');
    expect(peopleCell(row.queues, row.answeringQueue, row.queue)).toBe('Kundeservice');
  });

  it('a consult transfer: the agent of the last conversation', async () => {
    const row = await rowOf('inbound');
    expect(row.handlingAgent).toBe('Bo Jensen');
  });

  it('handlingOf: the last conversation and the queue before it; nothing when nobody answered', () => {
    expect(
      handlingOf([
        { type: 'queue', name: 'Sales', agent: null },
        { type: 'queue_callback', name: 'Support', agent: 'Anna' },
        { type: 'conversation', name: null, agent: 'Bo' },
      ]),
    ).toEqual({ answeringQueue: 'Support', handlingAgent: 'Bo' });
    expect(handlingOf([{ type: 'queue', name: 'Sales', agent: null }])).toEqual({
      answeringQueue: null,
      handlingAgent: null,
    });
    expect(peopleCell([], null, null)).toBe('—');
    expect(peopleCell(['Sales', 'Support'], null, 'Sales')).toBe('Sales +1');
  });
});
