// importFiles({ inProcess: true }), which most tests use to get an archive, does what the worker
// does: the same records, the same archive, the same progress at the end and the same cancel.
import { describe, expect, it } from 'vitest';
import { importFiles, type ImportTotals } from '../../src/main/import/run-import';
import type { ImportRecord } from '../../src/shared/api/archive-api';
import { csv, inboundRows, manyCalls, writeFile } from './fixtures';
import { counts, freshArchive, TZ } from './helpers';

/** A record without what differs between two runs (ids, times, the archive's path). */
const comparable = (r: ImportRecord) => ({
  ...r,
  id: 0,
  importedAt: '',
  startedAt: '',
  finishedAt: '',
  message: r.message?.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>') ?? null,
});

describe('importFiles in process', () => {
  it('gives the records, the archive and the last progress the worker gives', async () => {
    const results = [];
    for (const inProcess of [false, true]) {
      const s = freshArchive();
      const a = writeFile(s.dir, 'a.csv', csv(manyCalls(30).flatMap(inboundRows)));
      const bad = writeFile(s.dir, 'bad.csv', 'call_id,colour\n1,red\n');
      let last: ImportTotals | undefined;
      const records = await importFiles(s.archive, [a, bad, a], {
        timeZone: TZ,
        inProcess,
        onProgress: (p) => (last = p),
      });
      results.push({ records: records.map(comparable), counts: counts(s.archive), last: { ...last, etaSec: null } });
      s.archive.close();
    }
    expect(results[0]?.records.map((r) => r.status)).toEqual(['done', 'failed', 'duplicate']);
    expect(results[1]).toEqual(results[0]);
  });

  it('a signal aborted before the start cancels the import: the archive is unchanged', async () => {
    const s = freshArchive();
    const before = counts(s.archive);
    const a = writeFile(s.dir, 'a.csv', csv(manyCalls(30).flatMap(inboundRows)));
    const abort = new AbortController();
    abort.abort();
    const [r] = await importFiles(s.archive, [a], { timeZone: TZ, inProcess: true, signal: abort.signal });
    expect(r?.status).toBe('cancelled');
    expect(counts(s.archive)).toEqual(before);
    s.archive.close();
  });
});
