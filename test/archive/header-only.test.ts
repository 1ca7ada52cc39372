// A file whose header the reader recognises and that holds no record (a day's export without call
// variables, say) imports as an export of no rows: on record with its SHA-256, exit code 0, and the
// same file again is a no-op. A file with records that were all rejected still fails.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/main/import/run-import';
import { openArchive } from '../../src/main/store/archive';
import { runCli } from '../common/run-cli';
import { freshArchive, TZ } from './helpers';
import { HEADER, writeFile } from './fixtures';

let s: ReturnType<typeof freshArchive>;
beforeEach(() => {
  s = freshArchive();
});
afterEach(() => s.archive.close());

describe('a file of its header only', () => {
  it('call variables and call events of no rows import as done, with 0 rows and a message', async () => {
    const files = [
      writeFile(s.dir, 'day.call_variables.csv', 'call_id,variable_name,variable_value\n'),
      writeFile(s.dir, 'day.csv', `${HEADER}\n`),
    ];
    const records = await importFiles(s.archive, files, { timeZone: TZ, inProcess: true });
    expect(records.map((r) => [r.fileName, r.status, r.rowsRead, r.callsDerived, r.message])).toEqual([
      ['day.call_variables.csv', 'done', 0, 0, 'the file holds its header only: no records'],
      ['day.csv', 'done', 0, 0, 'the file holds its header only: no records'],
    ]);
    const again = await importFiles(s.archive, files, { timeZone: TZ, inProcess: true });
    expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
  });

  it('the CLI imports it with exit code 0', async () => {
    s.archive.close();
    const file = writeFile(s.dir, 'day.call_variables.csv', 'call_id,variable_name,variable_value\n');
    const run = await runCli(['import', file, '--db', s.path]);
    expect(run.stderr).toMatch(/^ok +imported day\.call_variables\.csv as import #1: 0 rows read/m);
    expect(run.status).toBe(0);
    s = { ...s, archive: openArchive(s.path) };
  });

  it('a file whose every record was rejected still fails, and says so', async () => {
    const file = writeFile(s.dir, 'bad.csv', `${HEADER}\nnot,a,row\n`);
    const [record] = await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
    expect(record?.status).toBe('failed');
    expect(record?.message).toMatch(/every record was rejected/);
  });
});
