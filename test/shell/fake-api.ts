// An in-memory ArchiveApi that records what reached it: the shell tests check
// that only validated, default-filled arguments get this far.
import type { ArchiveApi, CallPage, ImportProgress } from '../../src/shared/api/archive-api';

export interface FakeApi extends ArchiveApi {
  calls_: { method: string; arg: unknown }[];
}

export function fakeApi(): FakeApi {
  const seen: { method: string; arg: unknown }[] = [];
  const record = (method: string, arg?: unknown) => seen.push({ method, arg });
  const page: CallPage = { rows: [], total: 0, nextCursor: null };
  const progress: ImportProgress = {
    jobId: 'job-1',
    state: 'done',
    fileIndex: 0,
    fileCount: 1,
    bytesRead: 10,
    bytesTotal: 10,
    rows: 1,
    calls: 1,
    etaSec: 0,
    results: [],
    error: null,
  };
  return {
    calls_: seen,
    archive: {
      info: async () => {
        record('archive.info');
        return {
          path: '/tmp/x.sqlite',
          isDemo: false,
          calls: 0,
          imports: 0,
          firstCall: null,
          lastCall: null,
          schemaVersion: 1,
          appVersion: 'test',
        };
      },
    },
    calls: {
      search: async (q) => (record('calls.search', q), page),
      facets: async (q) => (record('calls.facets', q), { type: [], outcome: [], queue: [], agent: [] }),
      get: async (id) => {
        record('calls.get', id);
        if (id === 'explode')
          throw new Error('SQLITE_CORRUPT: database disk image is malformed\n    at Statement.get (x.js:1:1)');
        return null;
      },
    },
    imports: {
      list: async () => (record('imports.list'), []),
      rejected: async (p) => (record('imports.rejected', p), []),
      start: async (r) => (record('imports.start', r), { jobId: 'job-1' }),
      progress: async (id) => (record('imports.progress', id), progress),
      cancel: async (id) => void record('imports.cancel', id),
    },
    verify: {
      startDeep: async () => (record('verify.startDeep'), { jobId: 'verify-1' }),
      progress: async (id) => (
        record('verify.progress', id),
        { jobId: id, state: 'done', done: 0, total: 0, differences: [], moreDifferences: 0, error: null }
      ),
    },
  };
}
