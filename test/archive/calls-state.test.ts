// The state the read pool holds the calls' columns in memory for (api-host/open.ts callsStateOf):
// it moves when calls change — an import on another connection, an erasure on the app's own —
// and not for review notes and tags, which the columns do not hold.
import { afterAll, expect, it } from 'vitest';
import { callsStateOf } from '../../src/main/api-host/open';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import type { Archive } from '../../src/main/store/archive';
import { csv, inboundRows, manyCalls, writeFile } from './fixtures';
import { freshArchive, TZ } from './helpers';
import { bundledWorkerEntry } from '../common/worker-entry';

let archive: Archive | undefined;
afterAll(() => archive?.close());

it('moves with an import on another connection and an erasure, not with review notes and tags', async () => {
  const s = freshArchive();
  archive = s.archive;
  const calls = manyCalls(8);
  const first = writeFile(s.dir, 'a.csv', csv(calls.slice(0, 4).flatMap(inboundRows)));
  await importFiles(s.archive, [first], { timeZone: TZ, inProcess: true });
  const api = new SqliteArchiveApi(s.archive);
  const before = callsStateOf(s.archive.db);
  await api.review.addNote({ callId: calls[0]!.callId, text: 'checked' });
  await api.review.addTag({ callId: calls[1]!.callId, tag: 'late' });
  expect(callsStateOf(s.archive.db)).toBe(before);
  await api.review.erase({ value: calls[2]!.caller, reason: 'GDPR request' });
  const erased = callsStateOf(s.archive.db);
  expect(erased).not.toBe(before);
  // The import worker writes on a connection of its own.
  const second = writeFile(s.dir, 'b.csv', csv(calls.slice(4).flatMap(inboundRows)));
  const [done] = await importFiles(s.archive, [second], { timeZone: TZ, worker: bundledWorkerEntry() });
  expect(done?.status).toBe('done');
  expect(callsStateOf(s.archive.db)).not.toBe(erased);
});
