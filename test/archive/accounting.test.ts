// The auditor's view: every row is used, kept (with a reason) or rejected (file,
// line, reason); verify proves counts and contents against the stored rows and
// detects tampering; companion tables imported later rename calls' agents.
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import type { Archive } from '../../src/main/store/archive';
import { verifyArchive } from '../../src/main/store/verify';
import { csv, inboundRows, manyCalls, writeFile } from './fixtures';
import { editStoredValues, freshArchive, storedRawRows, TZ } from './helpers';
import { runCli } from '../common/run-cli';

const opened: Archive[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

async function withRejects() {
  const s = freshArchive();
  opened.push(s.archive);
  const rows = manyCalls(20).flatMap(inboundRows);
  rows.splice(5, 0, '1234,x,1,z,not a date,abc,,,,,,,,,,1,');
  rows.splice(9, 0, '1235,"unterminated');
  rows.splice(10, 0, '');
  const f = writeFile(s.dir, 'mixed.csv', csv(rows) + '"quoted\n"field"\n');
  const [r] = await importFiles(s.archive, [f], { timeZone: TZ, inProcess: true });
  return { ...s, record: r!, file: f };
}

describe('row accounting', () => {
  it('read = used + kept + rejected, and rejected rows carry file, line and reason', async () => {
    const { archive, record } = await withRejects();
    expect(record.status).toBe('done');
    expect(record.rowsRejected).toBeGreaterThan(0);
    expect(record.rowsRead).toBe(record.rowsUsed + record.rowsKept + record.rowsRejected);
    const api = new SqliteArchiveApi(archive);
    const rejected = await api.imports.rejected({ importId: record.id });
    expect(rejected).toHaveLength(record.rowsRejected);
    for (const r of rejected) {
      expect(r.origin.file).toBe('mixed.csv');
      expect(r.origin.line).toBeGreaterThan(1);
      expect(r.reason.length).toBeGreaterThan(3);
    }
    const report = verifyArchive(archive.db);
    expect(report.problems).toEqual([]);
    expect(report.totals.read).toBe(record.rowsRead);
  });

  it('verify detects an edited row, a deleted rejected row and a deleted raw row', async () => {
    const { archive, path } = await withRejects();
    expect(verifyArchive(archive.db).ok).toBe(true);
    const edited = storedRawRows(archive.db).find((r) => r.text.includes('+4520'))!;
    editStoredValues(archive.db, edited.id, '+4520', '+4599');
    let report = verifyArchive(archive.db);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/raw rows differ from what was imported/);
    const cli = await runCli(['verify', '--db', path]);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(/FAIL .*digest mismatch/);
    expect(cli.stdout).toMatch(/ARCHIVE DOES NOT VERIFY/);

    archive.db.prepare('DELETE FROM rejected_rows WHERE id = (SELECT max(id) FROM rejected_rows)').run();
    report = verifyArchive(archive.db);
    expect(report.problems.join('\n')).toMatch(/rejected rows stored, \d+ recorded/);

    archive.db.pragma('foreign_keys = OFF');
    archive.db.prepare('DELETE FROM raw_rows WHERE id = (SELECT max(id) FROM raw_rows)').run();
    report = verifyArchive(archive.db);
    expect(report.problems.join('\n')).toMatch(/raw rows stored, \d+ recorded/);
  });
});

describe('companion tables', () => {
  it('an agents table given with the events is imported first; a newer one renames the agents', async () => {
    const s = freshArchive();
    opened.push(s.archive);
    const events = writeFile(s.dir, 'events.csv', csv(manyCalls(12).flatMap(inboundRows)));
    const agents1 = writeFile(s.dir, 'agents.csv', 'agent_id,name\na101,Mette Jensen\na102,Lars Nielsen\n');
    const agents2 = writeFile(s.dir, 'agents-v2.csv', 'agent_id,name\na101,Mette Holm\n');
    const recs = await importFiles(s.archive, [events, agents1], { timeZone: TZ, inProcess: true });
    expect(recs.map((r) => r.status)).toEqual(['done', 'done']);
    // The companion table was imported first (lower import number), so no call was derived twice.
    expect(recs[1]!.id).toBeLessThan(recs[0]!.id);
    expect(recs[1]!.callsDerived).toBe(0);
    const api = new SqliteArchiveApi(s.archive);
    const byName = await api.calls.search({ agents: ['Mette Jensen'], limit: 1000 });
    expect(byName.total).toBe(manyCalls(12).filter((c) => c.agent === 'a101').length);
    expect((await api.calls.search({ text: 'Jensen' })).total).toBe(byName.total);

    const [r2] = await importFiles(s.archive, [agents2], { timeZone: TZ, inProcess: true });
    expect(r2?.status).toBe('done');
    expect(r2?.callsDerived).toBe(byName.total);
    expect((await api.calls.search({ agents: ['Mette Jensen'] })).total).toBe(0);
    expect((await api.calls.search({ agents: ['Mette Holm'] })).total).toBe(byName.total);
    // The free-text index follows the rename (the entry is replaced only when its text changed).
    expect((await api.calls.search({ text: 'Holm' })).total).toBe(byName.total);
    expect((await api.calls.search({ text: 'Jensen' })).total).toBe(0);
    expect((await api.calls.search({ text: 'Lars Nielsen' })).total).toBeGreaterThan(0);
    const old = storedRawRows(s.archive.db).find((r) => r.tbl === 'agents' && r.text.includes('Mette Jensen'))!;
    expect(old.status).toBe('kept');
    expect(old.reason).toMatch(/superseded by a newer record \(import #\d+, line 2\)/);
    expect(verifyArchive(s.archive.db).ok).toBe(true);
  });
});
