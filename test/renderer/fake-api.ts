// A fake ArchiveApi over generated list rows and the hand-written fixtures:
// for component tests and the renderer's dev preview. It records every call.
import { computeStatistics, DEFAULT_PARAMETERS } from '../../src/shared/statistics';
import { HAND_CALLS, HAND_ZONE } from '../statistics/hand-archive';
import type {
  ArchiveOpening,
  ArchiveApi,
  CallListRow,
  CallPage,
  CallSearch,
  Facets,
  ImportProgress,
  ImportAttempt,
  ImportRecord,
  RejectedRowRecord,
  SavedSearch,
  SortColumn,
} from '../../src/shared/api/archive-api';
import type { ArchiveCall } from '../../src/shared/model/archive-call';
import { CALL_TYPES, OUTCOMES } from '../../src/shared/model/archive-call';
import { detailOf, FIXTURE_CALLS } from './fixtures';
import { reviewFake } from '../shell/fake-api';

export interface RecordedCall {
  method: string;
  arg: unknown;
}

const QUEUES = ['Support', 'Sales', 'Billing', 'Callout', 'Technical'];
const AGENTS = ['Anna Holm', 'Bo Jensen', 'Carl Berg', 'Dorte Lund', 'Emil Nørgaard'];

function listRowOf(call: ArchiveCall): CallListRow {
  return {
    callId: call.callId,
    type: call.type,
    start: call.start,
    end: call.end,
    callerNumber: call.callerNumber,
    accessNumber: call.accessNumber,
    queue: call.queues[0] ?? null,
    agent: call.agents[0] ?? null,
    outcome: call.outcome,
    timeBeforeAnswerSec: call.timeBeforeAnswerSec,
    waitTimeSec: call.waitTimeSec,
    speakTimeSec: call.speakTimeSec,
    callbackAttempts: call.callbackAttempts,
    answeringQueue: call.outcome === 'answered' ? (call.queues[call.queues.length - 1] ?? null) : null,
    handlingAgent: [...call.events].reverse().find((e) => e.type === 'conversation')?.agent ?? null,
    queues: call.queues,
    agents: call.agents,
  };
}

/** Deterministic generated row i (newest first by start). */
export function generatedRow(i: number): CallListRow {
  const start = Date.parse('2026-03-09T16:00:00.000Z') - i * 37_000;
  const type = CALL_TYPES[i % 4 === 3 ? 1 : i % 7 === 5 ? 2 : 0]!;
  const outcome = OUTCOMES[i % 9 === 4 ? 1 : i % 13 === 6 ? 2 : 0]!;
  const answered = outcome === 'answered';
  return {
    callId: `gen-${String(i).padStart(7, '0')}`,
    type,
    start: new Date(start).toISOString(),
    end: new Date(start + 240_000).toISOString(),
    callerNumber: `+45${String(20000000 + ((i * 7919) % 69999999)).padStart(8, '0')}`,
    accessNumber: '+4570101010',
    queue: QUEUES[i % QUEUES.length]!,
    agent: answered ? AGENTS[i % AGENTS.length]! : null,
    outcome,
    timeBeforeAnswerSec: answered ? 5 + (i % 90) : null,
    waitTimeSec: (i * 13) % 300,
    speakTimeSec: answered ? 30 + ((i * 31) % 900) : 0,
    callbackAttempts: type === 'callback' ? 1 + (i % 3) : null,
  };
}

function compare(a: CallListRow, b: CallListRow, key: SortColumn): number {
  const x = a[key];
  const y = b[key];
  if (x === y) return a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x < y ? -1 : 1;
}

function inRange(v: number | null, r: { min?: number; max?: number } | undefined): boolean {
  if (!r) return true;
  if (v === null) return false;
  return (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max);
}

export interface FakeApi extends ArchiveApi {
  log: RecordedCall[];
  /** Delay (ms) per search, to test stale-response dropping. */
  searchDelay: (q: CallSearch) => number;
  /** Whether a search with `count: false` leaves its total uncounted (as the archive does for broad short texts). */
  pendingTotals: (q: CallSearch) => boolean;
  /** The answers of archive.opening, one per call, then 'ready' (an upgrade's progress). */
  openingStates: ArchiveOpening[];
}

export function createFakeApi(options: { generated?: number; isDemo?: boolean } = {}): FakeApi {
  const rows: CallListRow[] = [...FIXTURE_CALLS.map(listRowOf)];
  for (let i = 0; i < (options.generated ?? 200); i++) rows.push(generatedRow(i));
  const log: RecordedCall[] = [];
  const imports: ImportRecord[] = [];
  const attempts: ImportAttempt[] = [];
  const rejected = new Map<number, RejectedRowRecord[]>();
  const jobs = new Map<
    string,
    { started: number; cancelled: boolean; files: string[]; zone: string; done?: ImportProgress }
  >();

  function filter(q: CallSearch): CallListRow[] {
    const text = q.text?.toLowerCase();
    return rows.filter(
      (r) =>
        (!text ||
          [r.callId, r.callerNumber, r.accessNumber, r.queue, r.agent].some((v) => v?.toLowerCase().includes(text))) &&
        (!q.types?.length || q.types.includes(r.type)) &&
        (!q.outcomes?.length || q.outcomes.includes(r.outcome)) &&
        (!q.queues?.length || (r.queue !== null && q.queues.includes(r.queue))) &&
        (!q.agents?.length || (r.agent !== null && q.agents.includes(r.agent))) &&
        (!q.from || r.start >= new Date(q.from).toISOString()) &&
        (!q.to || r.start <= new Date(q.to).toISOString()) &&
        inRange(r.waitTimeSec, q.waitTimeSec) &&
        inRange(r.speakTimeSec, q.speakTimeSec) &&
        inRange(r.callbackAttempts, q.callbackAttempts),
    );
  }

  function count(list: CallListRow[], key: 'type' | 'outcome' | 'queue' | 'agent') {
    const m = new Map<string, number>();
    for (const r of list) {
      const v = r[key];
      if (v !== null) m.set(v, (m.get(v) ?? 0) + 1);
    }
    return [...m].map(([value, n]) => ({ value, count: n })).sort((a, b) => b.count - a.count);
  }

  const exportJobs = new Map<string, { started: number; cancelled: boolean; events: boolean }>();
  const searches: SavedSearch[] = [];
  const api: FakeApi = {
    log,
    searchDelay: () => 0,
    pendingTotals: () => false,
    openingStates: [],
    archive: {
      async opening() {
        log.push({ method: 'archive.opening', arg: undefined });
        return api.openingStates.shift() ?? { state: 'ready' };
      },
      async info() {
        log.push({ method: 'archive.info', arg: undefined });
        return {
          path: '/home/supervisor/Callscope/demo.callscope',
          isDemo: options.isDemo ?? true,
          calls: rows.length,
          imports: imports.length,
          firstCall: rows[rows.length - 1]?.start ?? null,
          lastCall: rows[0]?.start ?? null,
          exportTimeZone: 'Europe/Copenhagen',
          schemaVersion: 1,
          appVersion: '0.1.0',
        };
      },
    },
    calls: {
      async search(q): Promise<CallPage> {
        log.push({ method: 'calls.search', arg: q });
        const delay = api.searchDelay(q);
        if (delay) await new Promise((r) => setTimeout(r, delay));
        const sort: SortColumn = q.sort ?? 'start';
        const dir = q.direction === 'asc' ? 1 : -1;
        const list = filter(q).sort((a, b) => dir * compare(a, b, sort));
        // Like the archive: offset (a jump to a row position) and cursor exclude each other.
        if (q.offset !== undefined && q.cursor) throw new Error('offset and cursor exclude each other');
        const offset = q.cursor ? Number(q.cursor) : (q.offset ?? 0);
        const limit = q.limit ?? 100;
        const page = list.slice(offset, offset + limit);
        const next = offset + limit < list.length ? String(offset + limit) : null;
        if (q.count === false && q.offset === undefined && api.pendingTotals(q))
          return { rows: page, total: page.length + (next ? 1 : 0), nextCursor: next, totalPending: true };
        return { rows: page, total: list.length, nextCursor: next };
      },
      async facets(q): Promise<Facets> {
        log.push({ method: 'calls.facets', arg: q });
        const list = filter(q);
        return {
          type: count(list, 'type'),
          outcome: count(list, 'outcome'),
          queue: count(list, 'queue'),
          agent: count(list, 'agent'),
        };
      },
      async get(callId) {
        log.push({ method: 'calls.get', arg: callId });
        const fixture = FIXTURE_CALLS.find((c) => c.callId === callId);
        if (fixture) return detailOf(fixture);
        const row = rows.find((r) => r.callId === callId);
        if (!row) return null;
        // A generated row borrows a fixture's events, shifted to its own start.
        const base = FIXTURE_CALLS[Number(callId.replace(/\D/g, '')) % FIXTURE_CALLS.length]!;
        const shift = Date.parse(row.start) - Date.parse(base.start);
        const at = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
        return detailOf({
          ...base,
          callId,
          start: row.start,
          end: at(base.end),
          events: base.events.map((e) => ({ ...e, start: at(e.start), end: at(e.end) })),
        });
      },
    },
    imports: {
      async list() {
        log.push({ method: 'imports.list', arg: undefined });
        return [...imports].reverse();
      },
      async rejected(page) {
        log.push({ method: 'imports.rejected', arg: page });
        const all = rejected.get(page.importId) ?? [];
        const offset = page.offset ?? 0;
        return all.slice(offset, offset + (page.limit ?? 200));
      },
      async kept(page) {
        log.push({ method: 'imports.kept', arg: page });
        // Two of an import's kept rows: a re-delivered row and a row of no call.
        if (!imports.some((r) => r.id === page.importId)) return [];
        const file = imports.find((r) => r.id === page.importId)!.fileName;
        const all = [
          {
            importId: page.importId,
            origin: { file, line: 12 },
            table: 'call_events',
            callId: 'c12',
            reason: 'superseded by a re-delivery (newer dte_updated)',
          },
          {
            importId: page.importId,
            origin: { file, line: 15 },
            table: 'call_events',
            callId: null,
            reason: 'unknown event_type "Z" (not i, m, q or c)',
          },
        ];
        const offset = page.offset ?? 0;
        return all.slice(offset, offset + (page.limit ?? 200));
      },
      async start(request) {
        log.push({ method: 'imports.start', arg: request });
        const jobId = `job-${jobs.size + 1}`;
        jobs.set(jobId, { started: Date.now(), cancelled: false, files: request.files, zone: request.timeZone });
        return { jobId };
      },
      async progress(jobId) {
        log.push({ method: 'imports.progress', arg: jobId });
        const job = jobs.get(jobId);
        if (!job) throw new Error(`unknown job ${jobId}`);
        if (job.done) return job.done;
        const total = 4_000_000;
        const elapsed = Date.now() - job.started;
        const read = Math.min(total, Math.round((elapsed / 1500) * total));
        const state = job.cancelled ? 'cancelled' : read >= total ? 'done' : 'running';
        const base: ImportProgress = {
          jobId,
          state,
          fileIndex: 0,
          fileCount: job.files.length,
          bytesRead: read,
          bytesTotal: total,
          rows: Math.round(read / 120),
          calls: Math.round(read / 700),
          etaSec: state === 'running' ? Math.max(0, (1500 - elapsed) / 1000) : null,
          results: [],
          error: null,
        };
        if (state === 'running') return base;
        base.results = job.files.map((file, i) => {
          // The same file again (here: the same name) is a no-op duplicate, as the archive reports it.
          const name = file.split('/').pop() ?? file;
          const earlier = imports.find((r) => r.fileName === name);
          if (earlier && state === 'done') {
            return {
              ...earlier,
              status: 'duplicate' as const,
              message: `${name}: already imported as import #${earlier.id} (${earlier.fileName}) on ${earlier.finishedAt}; nothing to do`,
            };
          }
          const id = imports.length + 1;
          const record: ImportRecord = {
            id,
            fileName: file.split('/').pop() ?? file,
            fileSize: total / job.files.length,
            sha256: `9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0${i}`,
            timeZone: job.zone,
            format: 'call-events',
            startedAt: new Date(job.started).toISOString(),
            finishedAt: new Date().toISOString(),
            status: state === 'done' ? 'done' : 'cancelled',
            rowsRead: 33_334,
            rowsUsed: 33_310,
            rowsKept: 21,
            rowsRejected: 3,
            callsDerived: 5_712,
            appVersion: '0.1.0',
            message: null,
          };
          imports.push(record);
          rejected.set(id, [
            {
              importId: id,
              origin: { file, line: 118 },
              reason: 'dte_start is not a date: "2026-13-40 25:00"',
              raw: 'c81,s1,3,q,2026-13-40 25:00,12,…',
            },
            {
              importId: id,
              origin: { file, line: 2044 },
              reason: 'unknown event_type "x"',
              raw: 'c99,s4,1,x,2026-03-01 10:00:00.000,0,…',
            },
            {
              importId: id,
              origin: { file, line: 9001 },
              reason: 'negative duration_tot_sec (-5)',
              raw: 'c12,s2,2,c,2026-03-02 11:00:00.000,-5,…',
            },
          ]);
          return record;
        });
        job.done = base;
        return base;
      },
      async cancel(jobId) {
        log.push({ method: 'imports.cancel', arg: jobId });
        const job = jobs.get(jobId);
        if (job) job.cancelled = true;
      },
      async attempts() {
        log.push({ method: 'imports.attempts', arg: undefined });
        return [...attempts];
      },
    },
    exports: {
      async start(request) {
        log.push({ method: 'exports.start', arg: request });
        const jobId = `export-${exportJobs.size + 1}`;
        exportJobs.set(jobId, { started: Date.now(), cancelled: false, events: request.includeEvents ?? false });
        return { jobId };
      },
      async progress(jobId) {
        log.push({ method: 'exports.progress', arg: jobId });
        const job = exportJobs.get(jobId);
        if (!job) throw new Error(`unknown export job ${jobId}`);
        const total = rows.length;
        const written = Math.min(total, Math.round(((Date.now() - job.started) / 1000) * total));
        const state = job.cancelled ? 'cancelled' : written >= total ? 'done' : 'running';
        const ext = 'csv';
        return {
          jobId,
          state,
          calls: written,
          total,
          events: job.events ? written * 4 : 0,
          bytes: written * 180,
          files:
            state === 'done'
              ? [
                  { kind: 'calls' as const, name: `callscope-calls-2026-03-29-141507Z.${ext}` },
                  ...(job.events
                    ? [{ kind: 'events' as const, name: `callscope-events-2026-03-29-141507Z.${ext}` }]
                    : []),
                ]
              : [],
          error: null,
        };
      },
      async cancel(jobId) {
        log.push({ method: 'exports.cancel', arg: jobId });
        const job = exportJobs.get(jobId);
        if (job) job.cancelled = true;
      },
    },
    searches: {
      async list() {
        log.push({ method: 'searches.list', arg: undefined });
        return {
          saved: searches.filter((x) => x.kind === 'saved').sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
          recent: searches
            .filter((x) => x.kind === 'recent')
            .reverse()
            .slice(0, 20),
        };
      },
      async save(request) {
        log.push({ method: 'searches.save', arg: request });
        const entry = {
          id: searches.length + 1,
          kind: 'saved' as const,
          name: request.name.trim(),
          search: request.search,
          createdAt: new Date().toISOString(),
        };
        searches.push(entry);
        return entry;
      },
      async delete(id) {
        log.push({ method: 'searches.delete', arg: id });
        const i = searches.findIndex((x) => x.id === id);
        if (i >= 0) searches.splice(i, 1);
      },
      async recordRecent(search) {
        log.push({ method: 'searches.recordRecent', arg: search });
        searches.push({
          id: searches.length + 1,
          kind: 'recent',
          name: null,
          search,
          createdAt: new Date().toISOString(),
        });
      },
    },
    stats: {
      // The statistics of the hand-written archive of the statistics tests (its figures are checked there).
      async compute(q) {
        log.push({ method: 'stats.compute', arg: q });
        return computeStatistics(HAND_CALLS, {
          ...DEFAULT_PARAMETERS,
          ...q,
          timeZone: q.timeZone ?? HAND_ZONE,
          fromMs: null,
          toMs: null,
          by: q.by ?? [],
        });
      },
    },
    // #11: verify --deep from the imports view; the fake finds one difference.
    verify: {
      async startDeep() {
        log.push({ method: 'verify.startDeep', arg: undefined });
        return { jobId: 'verify-1' };
      },
      async progress(jobId) {
        log.push({ method: 'verify.progress', arg: jobId });
        return {
          jobId,
          state: 'done' as const,
          done: 20_000,
          total: 20_000,
          differences: ['call c17: calls.outcome: stored "abandoned", derived "answered"'],
          moreDifferences: 0,
          error: null,
        };
      },
    },
    review: reviewFake((method, arg) => log.push({ method, arg })),
  };
  return api;
}
