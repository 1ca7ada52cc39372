// An in-memory ArchiveApi that records what reached it: the shell tests check
// that only validated, default-filled arguments get this far.
import type { ArchiveApi, CallPage, ImportProgress } from '../../src/shared/api/archive-api';
import { computeStatistics, DEFAULT_PARAMETERS } from '../../src/shared/statistics';

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
      opening: async () => (record('archive.opening'), { state: 'ready' as const }),
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
      kept: async (p) => (record('imports.kept', p), []),
      start: async (r) => (record('imports.start', r), { jobId: 'job-1' }),
      progress: async (id) => (record('imports.progress', id), progress),
      cancel: async (id) => void record('imports.cancel', id),
      attempts: async () => (record('imports.attempts'), []),
    },
    stats: {
      compute: async (q) => (
        record('stats.compute', q),
        computeStatistics([], { ...DEFAULT_PARAMETERS, timeZone: 'UTC', fromMs: null, toMs: null, by: [] })
      ),
    },
    exports: {
      start: async (r) => (record('exports.start', r), { jobId: 'export-1' }),
      progress: async (id) => (
        record('exports.progress', id),
        { jobId: id, state: 'done', calls: 0, total: 0, events: 0, bytes: 0, files: [], error: null }
      ),
      cancel: async (id) => void record('exports.cancel', id),
    },
    searches: {
      list: async () => (record('searches.list'), { saved: [], recent: [] }),
      save: async (r) => (
        record('searches.save', r),
        { id: 1, kind: 'saved', name: r.name, search: r.search, createdAt: '2026-01-01T00:00:00.000Z' }
      ),
      delete: async (id) => void record('searches.delete', id),
      recordRecent: async (s) => void record('searches.recordRecent', s),
    },
    verify: {
      startDeep: async () => (record('verify.startDeep'), { jobId: 'verify-1' }),
      progress: async (id) => (
        record('verify.progress', id),
        { jobId: id, state: 'done', done: 0, total: 0, differences: [], moreDifferences: 0, error: null }
      ),
    },
    review: reviewFake(record),
  };
}

/** The review namespace (#15): records the call and answers with an empty review. */
export function reviewFake(record: (method: string, arg?: unknown) => void): ArchiveApi['review'] {
  const empty = (callId: string) => ({
    callId,
    status: 'unreviewed' as const,
    statusBy: null,
    statusAt: null,
    tags: [],
    notes: [],
  });
  const note = {
    id: 1,
    callId: 'c',
    eventIndex: null,
    author: 'u',
    createdAt: '',
    updatedAt: '',
    text: 't',
    history: [],
  };
  const tag = { id: 1, name: 't', colour: '#000000', calls: 0 };
  const preview = { scope: 'a phone number', calls: 0, rawRows: 0, rejectedRows: 0, notes: 0, imports: 0 };
  return {
    get: async (id) => (record('review.get', id), empty(id)),
    summaries: async (ids) => (record('review.summaries', ids), {}),
    facets: async (q) => (record('review.facets', q), { status: [], tag: [] }),
    addNote: async (n) => (record('review.addNote', n), note),
    editNote: async (e) => (record('review.editNote', e), note),
    setStatus: async (s) => (record('review.setStatus', s), empty(s.callId)),
    tags: async () => (record('review.tags'), []),
    createTag: async (t) => (record('review.createTag', t), tag),
    updateTag: async (t) => (record('review.updateTag', t), tag),
    addTag: async (t) => (record('review.addTag', t), empty(t.callId)),
    removeTag: async (t) => (record('review.removeTag', t), empty(t.callId)),
    neighbour: async (n) => (record('review.neighbour', n), null),
    log: async (p) => (record('review.log', p), []),
    erasePreview: async (e) => (record('review.erasePreview', e), preview),
    erase: async (e) => (record('review.erase', e), { ...preview, erasureId: 1, actionId: 1 }),
  };
}
