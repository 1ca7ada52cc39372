// imports.start / progress / cancel through the API (what the UI polls).
import { describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { csv, inboundRows, manyCalls, writeFile } from './fixtures';
import { counts, freshArchive, TZ } from './helpers';
import { bundledWorkerEntry } from '../common/worker-entry';
import { nodeImportProcess } from '../../src/main/import/import-process-host';
import type { ImportWorkerEntry } from '../../src/main/import/run-import';

/** The CLI's and tests' way (a worker thread of this process) and the app's (a process of its own). */
const hosts: [string, () => ImportWorkerEntry][] = [
  ['in a worker thread', () => bundledWorkerEntry()],
  ['in a process of its own', () => ({ ...bundledWorkerEntry(), importProcess: nodeImportProcess })],
];

async function until(api: SqliteArchiveApi, jobId: string) {
  for (;;) {
    const p = await api.imports.progress(jobId);
    if (!['queued', 'running'].includes(p.state)) return p;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(hosts)('ImportJobs through the archive API, %s', (_how, worker) => {
  it('runs an import off the caller thread and reports its results', async () => {
    const s = freshArchive();
    const api = new SqliteArchiveApi(s.archive, { worker: worker() });
    const a = writeFile(s.dir, 'a.csv', csv(manyCalls(30).flatMap(inboundRows)));
    const bad = writeFile(s.dir, 'bad.csv', 'nothing,here\n1,2\n');
    const { jobId } = await api.imports.start({ files: [a, bad, a], timeZone: TZ });
    const p = await until(api, jobId);
    // One file got in: the job is done and the report says per file which failed (#14 item 14).
    expect(p.state).toBe('done');
    expect(p.results.map((r) => r.status)).toEqual(['done', 'failed', 'duplicate']);
    expect(p.results[1]?.message).toMatch(/bad\.csv/);
    expect(p.fileCount).toBe(3);
    expect((await api.calls.search({})).total).toBe(30);
    await expect(api.imports.start({ files: [], timeZone: TZ })).rejects.toThrow(/invalid import request/);
    await expect(api.imports.progress('nope')).rejects.toThrow(/no import job/);
    s.archive.close();
  });

  it('cancel rolls the file in progress back', async () => {
    const s = freshArchive();
    const api = new SqliteArchiveApi(s.archive, { worker: worker() });
    const before = counts(s.archive);
    const big = writeFile(s.dir, 'big.csv', csv(manyCalls(30_000, 200_000).flatMap(inboundRows)));
    const { jobId } = await api.imports.start({ files: [big], timeZone: TZ });
    for (;;) {
      const p = await api.imports.progress(jobId);
      if (p.rows > 0 || !['queued', 'running'].includes(p.state)) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await api.imports.cancel(jobId);
    const p = await until(api, jobId);
    expect(p.state).toBe('cancelled');
    expect(counts(s.archive)).toEqual(before);
    // Not "all bytes read" beside "Cancelled": the file was left part-way.
    expect(p.bytesRead).toBeLessThan(p.bytesTotal);
    expect(p.rows).toBe(0);
    s.archive.close();
  });
});
