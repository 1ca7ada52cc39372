// #14 items 14 and 15: one good and one broken file is a done job with a per-file report; failed
// and cancelled files are kept as import attempts (name, size, hash, reason, time) and write
// nothing else; the progress names the file position and the finishing phases.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFile } from '../../src/main/import/file-import';
import { jobOutcome } from '../../src/main/import/import-jobs';
import { importFiles, type ImportTotals } from '../../src/main/import/run-import';
import { readerOpener } from '../../src/main/import/source';
import { openArchive } from '../../src/main/store/archive';
import { IMPORT_ATTEMPTS_VERSION, SCHEMA_VERSION } from '../../src/main/store/schema';
import { verifyArchive } from '../../src/main/store/verify';
import { csv, inboundRows, manyCalls, writeFile } from './fixtures';
import { counts, freshArchive, TZ } from './helpers';
import { bundledWorkerEntry } from '../common/worker-entry';
import { makeZip } from './zip-fixture';

async function until(api: SqliteArchiveApi, jobId: string) {
  for (;;) {
    const p = await api.imports.progress(jobId);
    if (!['queued', 'running'].includes(p.state)) return p;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('jobOutcome', () => {
  it('a job with one good and one failed file is done (the report says which failed)', () => {
    expect(
      jobOutcome(
        [
          { status: 'done', message: null },
          { status: 'failed', message: 'b: bad' },
        ],
        false,
      ),
    ).toEqual({
      state: 'done',
      error: null,
    });
  });
  it('fails only when no file got in, with the one failure as its line', () => {
    expect(jobOutcome([{ status: 'failed', message: 'b: bad' }], false)).toEqual({ state: 'failed', error: 'b: bad' });
    expect(
      jobOutcome(
        [
          { status: 'failed', message: 'a' },
          { status: 'failed', message: 'b' },
        ],
        false,
      ).state,
    ).toBe('failed');
  });
  it('a duplicate beside a failure counts as got in (nothing was lost)', () => {
    expect(
      jobOutcome(
        [
          { status: 'duplicate', message: null },
          { status: 'failed', message: 'x' },
        ],
        false,
      ).state,
    ).toBe('done');
  });
  it('is cancelled when the user cancelled', () => {
    expect(jobOutcome([{ status: 'done', message: null }], true).state).toBe('cancelled');
    expect(jobOutcome([{ status: 'cancelled', message: null }], false).state).toBe('cancelled');
  });
});

describe('import attempts', () => {
  it('a good and a broken file: done per file, the broken one an attempt with size, hash, reason and time', async () => {
    const s = freshArchive();
    const api = new SqliteArchiveApi(s.archive, { worker: bundledWorkerEntry() });
    const good = writeFile(s.dir, 'good.csv', csv(manyCalls(12).flatMap(inboundRows)));
    const broken = writeFile(s.dir, 'broken.csv', 'nothing,here\n1,2\n');
    const { jobId } = await api.imports.start({ files: [good, broken], timeZone: TZ });
    const p = await until(api, jobId);
    expect(p.state).toBe('done');
    expect(p.error).toBeNull();
    expect(p.results.map((r) => [r.fileName, r.status])).toEqual([
      ['good.csv', 'done'],
      ['broken.csv', 'failed'],
    ]);
    expect(p.filesDone).toBe(2);
    expect((await api.imports.list()).map((r) => r.fileName)).toEqual(['good.csv']);
    const attempts = await api.imports.attempts();
    expect(attempts).toHaveLength(1);
    const a = attempts[0]!;
    expect(a.fileName).toBe('broken.csv');
    expect(a.status).toBe('failed');
    expect(a.fileSize).toBe(readFileSync(broken).length);
    expect(a.sha256).toBe(createHash('sha256').update(readFileSync(broken)).digest('hex'));
    expect(a.reason).toMatch(/broken\.csv/);
    expect(Date.parse(a.finishedAt)).toBeGreaterThan(0);
    // Nothing else of the broken file is in the archive, and verify is unaffected.
    expect(counts(s.archive).imports).toBe(1);
    expect(verifyArchive(s.archive.db).ok).toBe(true);
    s.archive.close();
  });

  it('a cancelled file is an attempt and writes nothing else', async () => {
    const s = freshArchive();
    const before = counts(s.archive);
    const file = writeFile(s.dir, 'a.csv', csv(manyCalls(5).flatMap(inboundRows)));
    const record = await importFile(s.archive.db, file, { timeZone: TZ, open: readerOpener, isCancelled: () => true });
    expect(record.status).toBe('cancelled');
    expect(counts(s.archive)).toEqual(before);
    const attempts = await new SqliteArchiveApi(s.archive).imports.attempts();
    expect(attempts.map((x) => [x.fileName, x.status])).toEqual([['a.csv', 'cancelled']]);
    expect(attempts[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    s.archive.close();
  });

  it('a file that cannot be read is an attempt with no size or hash', async () => {
    const s = freshArchive();
    const record = await importFile(s.archive.db, `${s.dir}/missing.csv`, { timeZone: TZ, open: readerOpener });
    expect(record.status).toBe('failed');
    const [a] = await new SqliteArchiveApi(s.archive).imports.attempts();
    expect(a).toMatchObject({ fileName: 'missing.csv', fileSize: 0, sha256: '', status: 'failed' });
    s.archive.close();
  });

  it('a ZIP refused before any member is read (a bomb, nothing in it) is an attempt too, with its size and hash', async () => {
    // Refused while its table of contents was read, it was reported but left no trace in the history.
    const s = freshArchive();
    const bomb = writeFile(s.dir, 'bomb.zip', makeZip([{ name: 'big.csv', data: 'a,b\n', declaredSize: 2 ** 31 }]));
    const empty = writeFile(s.dir, 'dirs.zip', makeZip([{ name: 'd/' }]));
    s.archive.close();
    const records = await importFiles(s.path, [bomb, empty], { timeZone: TZ, inProcess: true });
    expect(records.map((r) => r.status)).toEqual(['failed', 'failed']);
    const archive = openArchive(s.path);
    const attempts = await new SqliteArchiveApi(archive).imports.attempts();
    const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    expect(attempts.map((a) => [a.fileName, a.status, a.fileSize, a.sha256]).sort()).toEqual([
      ['bomb.zip', 'failed', readFileSync(bomb).length, sha(bomb)],
      ['dirs.zip', 'failed', readFileSync(empty).length, sha(empty)],
    ]);
    expect(attempts.find((a) => a.fileName === 'bomb.zip')?.reason).toMatch(/decompression bomb/);
    expect(attempts.find((a) => a.fileName === 'dirs.zip')?.reason).toMatch(/no files in it/);
    archive.close();
  });

  it('an archive of the version before the table gains it when opened for writing; read-only lists none', async () => {
    const s = freshArchive();
    s.archive.db.exec('DROP TABLE import_attempts');
    s.archive.db.pragma(`user_version = ${IMPORT_ATTEMPTS_VERSION - 1}`);
    s.archive.close();
    const ro = openArchive(s.path, { readonly: true });
    expect(await new SqliteArchiveApi(ro).imports.attempts()).toEqual([]);
    ro.close();
    const rw = openArchive(s.path);
    expect(rw.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(await new SqliteArchiveApi(rw).imports.attempts()).toEqual([]);
    rw.close();
  });
});

describe('import progress (#14 item 15)', () => {
  it('counts the files done and names the finishing phases', async () => {
    const s = freshArchive();
    const a = writeFile(s.dir, 'a.csv', csv(manyCalls(8).flatMap(inboundRows)));
    const b = writeFile(s.dir, 'b.csv', csv(manyCalls(8, 5000).flatMap(inboundRows)));
    const seen: ImportTotals[] = [];
    s.archive.close();
    await importFiles(s.path, [a, b], { timeZone: TZ, inProcess: true, onProgress: (t) => seen.push(t) });
    expect(seen.map((t) => t.filesDone)).toContain(1);
    expect(seen.at(-1)?.filesDone).toBe(2);
    // While the second file runs, one file is done: "file 2 of 2".
    expect(seen.some((t) => t.filesDone === 1 && t.fileName === 'b.csv')).toBe(true);
    const phases = new Set(seen.map((t) => t.phase));
    expect(phases).toContain('checking');
    expect(phases).toContain('indexing');
    // No "0:00 left" while it builds indexes: no estimate then.
    expect(seen.filter((t) => t.phase === 'indexing').every((t) => t.etaSec === null)).toBe(true);
  });
});
