// Table exports through the archive's import pipeline, as the CLI and the app's import dialog run it:
// the call-events reader leaves them to the Asterisk readers, each file is its own import, and a
// CDR table joins its queue_log table across imports in either order.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFile } from '../../src/main/import/file-import';
import { readerOpener } from '../../src/main/import/source';
import { openArchive } from '../../src/main/store/archive';
import { verifyArchive } from '../../src/main/store/verify';
import { fixturePath } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'callscope-ast-tables-'));
/** The queue_log rows of the queued call in cdr_pgsql.csv (callid 1700037000.20), as a realtime table. */
const queueLogTable = join(dir, 'queue_log_table.csv');
writeFileSync(
  queueLogTable,
  'id,time,callid,queuename,agent,event,data1,data2,data3,data4,data5\n' +
    '1,2023-11-15 08:30:20,1700037000.20,support,NONE,ENTERQUEUE,NULL,+4516161616,1,NULL,NULL\n' +
    '2,2023-11-15 08:30:50,1700037000.20,support,Alice,CONNECT,30,1700037050.21,3,NULL,NULL\n' +
    '3,2023-11-15 08:32:10,1700037000.20,support,Alice,COMPLETECALLER,30,80,1,NULL,NULL\n',
);

async function importBoth(order: string[]): Promise<SqliteArchiveApi> {
  const archive = openArchive(join(dir, `${order.length}-${Math.random()}.db`), { create: true });
  for (const path of order) {
    const record = await importFile(archive.db, path, { timeZone: 'UTC', open: readerOpener });
    expect(record.status, record.message ?? '').toBe('done');
    expect(record.format).toBe(path.endsWith('cdr_pgsql.csv') ? 'asterisk-cdr' : 'asterisk-queue-log');
    expect(record.rowsRead).toBe(record.rowsUsed + record.rowsKept + record.rowsRejected);
  }
  expect(verifyArchive(archive.db).problems).toEqual([]);
  return new SqliteArchiveApi(archive);
}

describe('Asterisk table exports through the import pipeline', () => {
  it.each([
    ['CDR table first', [fixturePath('asterisk/cdr_pgsql.csv'), queueLogTable]],
    ['queue_log table first', [queueLogTable, fixturePath('asterisk/cdr_pgsql.csv')]],
  ])('%s: the queued call is drawn with its IVR time from the CDR', async (_name, order) => {
    const api = await importBoth(order);
    const detail = await api.calls.get('asterisk:1700037000.20');
    expect(detail?.call).toMatchObject({
      start: '2023-11-15T08:30:00.000Z', // the CDR start: the caller's dialplan time comes first
      accessNumber: '4570000000',
      queues: ['support'],
      agents: ['Alice'],
      outcome: 'answered',
    });
    expect(detail?.call.events.map((e) => [e.type, e.name, e.durationSec])).toEqual([
      ['menu', 'IVR (from-pstn)', 20],
      ['queue', 'support', 30],
      ['conversation', 'support', 80],
    ]);
    const page = await api.calls.search({ sort: 'start', direction: 'asc', limit: 10 });
    expect(page.rows.map((r) => r.callId)).toEqual([
      'asterisk:1700037000.20',
      'asterisk:1700037300.22',
      'asterisk:1700037600.24',
    ]);
  });
});
