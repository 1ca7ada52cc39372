// `show` prints instants in UTC while the raw rows beside them hold the export's local times
// (an hour or two apart in Copenhagen): the event table must name its zone, as `search` does.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { csv, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { runCli } from '../common/run-cli';

it('show: the event table names the zone of its times (UTC)', async () => {
  const dir = tempDir();
  const db = join(dir, 's.db');
  const [call] = manyCalls(1);
  expect((await runCli(['import', writeFile(dir, 'x.csv', csv(inboundRows(call!))), '--db', db])).status).toBe(0);
  const r = await runCli(['show', call!.callId, '--db', db]);
  expect(r.status).toBe(0);
  const header = r.stdout.split('\n').find((l) => l.startsWith('#  event'));
  expect(header).toMatch(/start \(UTC\)\s+end \(UTC\)/);
});
