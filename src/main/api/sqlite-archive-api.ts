// The archive API over SQLite: what the Electron main (IPC), browser mode
// (HTTP) and the CLI call. Every argument is parsed with the shared zod
// schemas first; every query is parameterised.
import type { CallColumns } from './call-columns';
import { callAttempts } from './call-attempts';
import { listImportAttempts } from '../store/import-attempts';
import type {
  ArchiveApi,
  ArchiveInfo,
  CallDetail,
  CallSearch,
  ImportProgress,
  ImportRecord,
  ImportRequest,
  RejectedPage,
  RejectedRowRecord,
  StoredRawRow,
} from '../../shared/api/archive-api';
import {
  callIdSchema,
  callSearchSchema,
  jobIdSchema,
  rejectedPageSchema,
  statsQuerySchema,
} from '../../shared/api/schemas';
import type { ArchiveCall } from '../../shared/model/archive-call';
import type { RowOrigin } from '../../shared/model/call-events';
import { readMeta, type Archive } from '../store/archive';
import { ArchiveError } from '../store/errors';
import type { Db } from '../store/native';
import { SCHEMA_VERSION } from '../store/schema';
import { APP_VERSION } from '../store/version';
import { importRecordOf, type ImportRow } from '../import/import-record';
import { ImportJobs } from '../import/import-jobs';
import { decodeFields, storedValuesText } from '../import/row-codec';
import { callContractJson } from './call-doc';
import type { ImportWorkerEntry } from '../import/run-import';
import { CallFacets } from './call-facets';
import { CallSearcher, type RawCallPage } from './call-search';
import { exportRowOf } from '../export/columns';
import { all, one, sql, value, values } from '../store/sql';
import { rawCallIsParam } from '../store/raw-call-key';
import type { SearchTuning } from './search-tuning';
import { withPeople } from './list-row-people';
import { parseArg } from './validate';
import { StatisticsService } from '../statistics/statistics-service';
import { withCompletedDrill } from '../statistics/drill';
import type { ReadPool } from './read-pool';
import { ExportJobs } from '../export/export-jobs';
import { SavedSearches } from '../searches/saved-searches';
import {
  exportRequestSchema,
  savedSearchBodySchema,
  savedSearchIdSchema,
  saveSearchSchema,
} from '../../shared/api/schemas';
import { DeepVerifyJobs } from '../verify/deep-verify-jobs';
import { createReviewApi } from '../review/review-api';
import { appendAction } from '../review/action-log';
import { keptRows } from '../store/kept-rows';

export { DEFAULT_SEARCH_TUNING, tuned, type SearchTuning } from './search-tuning';

export interface SqliteArchiveApiOptions {
  /** Import worker entry (the Electron adapter passes its bundled worker). */
  worker?: ImportWorkerEntry;
  /** Searches and facets on this pool of read-only worker connections (adapters); else on this thread. */
  readPool?: ReadPool;
  /** The search thresholds on this thread (tests force each strategy; a pool has its own). */
  searchTuning?: SearchTuning;
  /**
   * The calls' columns in memory (./call-columns) for searches on this thread: only for an
   * archive nothing writes to meanwhile (the bench, tests). The app's read pool keeps its own
   * per state of the archive.
   */
  memoryColumns?: CallColumns;
}

const CALL_SPAN = sql<{ n: number; first: number | null; last: number | null }>(
  'SELECT count(*) AS n, min(start_ms) AS first, max(start_ms) AS last FROM calls',
);
const IMPORT_COUNT = sql<number>('SELECT count(*) FROM imports');
const LATEST_IMPORT_ZONE = sql<string>("SELECT time_zone FROM imports WHERE status = 'done' ORDER BY id DESC LIMIT 1");
/** A call's stored raw rows with their file and layout (decoded by row-codec). */
const callRawRows = (db: Db) =>
  sql<
    {
      id: number;
      import_id: number;
      line: number;
      tbl: string;
      status: 'used' | 'kept';
      reason: string | null;
      fields: string;
      columns: string;
      file_label: string;
    },
    [callId: string]
  >(
    `SELECT r.id, r.import_id, r.line, r.tbl, r.status, r.reason, r.fields, l.columns, i.file_label
   FROM raw_rows r JOIN imports i ON i.id = r.import_id JOIN layouts l ON l.id = r.layout
   WHERE ${rawCallIsParam(db, 'r')} ORDER BY r.import_id, r.line, r.id`,
  );
/** Each event's raw-row ids (JSON), in chart order. */
const EVENT_SOURCES = sql<string, [call: number]>('SELECT source_ids FROM events WHERE call = ? ORDER BY seq');
const IMPORTS = sql<ImportRow>('SELECT * FROM imports ORDER BY id');
const REJECTED_PAGE = sql<
  { import_id: number; file: string; line: number; reason: string; raw: string },
  [importId: number, limit: number, offset: number]
>('SELECT import_id, file, line, reason, raw FROM rejected_rows WHERE import_id = ? ORDER BY id LIMIT ? OFFSET ?');

export class SqliteArchiveApi implements ArchiveApi {
  private readonly db: Db;
  readonly jobs: ImportJobs;
  readonly archive: ArchiveApi['archive'];
  readonly calls: ArchiveApi['calls'];
  readonly imports: ArchiveApi['imports'];
  readonly stats: ArchiveApi['stats'];
  readonly exportJobs: ExportJobs;
  readonly exports: ArchiveApi['exports'];
  readonly searches: ArchiveApi['searches'];
  readonly verify: ArchiveApi['verify'];
  readonly review: ArchiveApi['review'];
  private readonly searcher: CallSearcher;
  private readonly facetCounter: CallFacets;
  private readonly readPool: ReadPool | undefined;

  constructor(
    private readonly store: Archive,
    options: SqliteArchiveApiOptions = {},
  ) {
    this.db = store.db;
    this.readPool = options.readPool;
    this.searcher = new CallSearcher(this.db, options.searchTuning);
    this.searcher.columns = options.memoryColumns ?? null;
    this.facetCounter = new CallFacets(this.db, this.searcher);
    this.jobs = new ImportJobs(store.path, { worker: options.worker });
    // Opened: an upgrade, if one was needed, is behind it (api-host/opening.ts answers while it runs).
    this.archive = { info: async () => this.info(), opening: async () => ({ state: 'ready' }) };
    this.calls = {
      search: async (q: CallSearch) => {
        const parsed = this.parseSearch(q);
        // The pool answers the page; who answered and talked is added on read (list-row-people.ts).
        const page = await (this.readPool ? this.readPool.search(parsed) : this.searcher.search(parsed));
        return withPeople(this.db, page);
      },
      facets: async (q: CallSearch) => {
        const parsed = this.parseSearch(q);
        return this.readPool ? this.readPool.facets(parsed) : this.facetCounter.facets(parsed);
      },
      get: async (callId: string) => this.getCall(parseArg(callIdSchema, callId, 'call id')),
    };
    this.imports = {
      list: async () => this.listImports(),
      rejected: async (page: RejectedPage) => this.rejected(parseArg(rejectedPageSchema, page, 'rejected-rows page')),
      kept: async (page: RejectedPage) => {
        const p = parseArg(rejectedPageSchema, page, 'kept-rows page');
        return keptRows(this.db, p.importId, p);
      },
      start: async (request: ImportRequest) => {
        if (store.readonly)
          throw new ArchiveError(
            `the archive ${store.path} is open read-only (read-only media or folder): import into a writable copy`,
            'READONLY',
          );
        return this.jobs.start(request);
      },
      progress: async (jobId: string): Promise<ImportProgress> =>
        this.jobs.progress(parseArg(jobIdSchema, jobId, 'job id')),
      cancel: async (jobId: string) => this.jobs.cancel(parseArg(jobIdSchema, jobId, 'job id')),
      attempts: async () => listImportAttempts(this.db),
    };
    this.review = createReviewApi(this.db, this.searcher, () => store.readonly);
    const deepJobs = new DeepVerifyJobs(this.db, this);
    this.verify = {
      startDeep: async () => deepJobs.start(),
      progress: async (jobId: string) => deepJobs.progress(parseArg(jobIdSchema, jobId, 'job id')),
    };
    // A done export is recorded in the action log, as the CLI's are; a read-only archive cannot take it.
    this.exportJobs = new ExportJobs(this, (entry) => {
      if (!store.readonly) this.db.transaction(() => appendAction(this.db, entry))();
    });
    this.exports = {
      start: async (request) => this.exportJobs.start(parseArg(exportRequestSchema, request, 'export request')),
      progress: async (jobId: string) => this.exportJobs.progress(parseArg(jobIdSchema, jobId, 'job id')),
      cancel: async (jobId: string) => this.exportJobs.cancel(parseArg(jobIdSchema, jobId, 'job id')),
    };
    const saved = new SavedSearches(this.db);
    this.searches = {
      list: async () => saved.list(),
      save: async (request) => {
        const r = parseArg(saveSearchSchema, request, 'saved search');
        return saved.save(r.name, r.search);
      },
      delete: async (id: number) => saved.delete(parseArg(savedSearchIdSchema, id, 'saved search id')),
      recordRecent: async (search) => saved.recordRecent(parseArg(savedSearchBodySchema, search, 'search')),
    };
    const statistics = new StatisticsService(this.db);
    this.stats = {
      compute: async (q) => statistics.compute(parseArg(statsQuerySchema, q, 'statistics query')),
    };
  }

  /** A search argument parsed, its statistics drill-down (if any) completed from the archive. */
  private parseSearch(q: CallSearch) {
    return withCompletedDrill(this.db, parseArg(callSearchSchema, q, 'search'));
  }

  private info(): ArchiveInfo {
    const meta = readMeta(this.db);
    const agg = one(this.db, CALL_SPAN) ?? { n: 0, first: null, last: null };
    const imports = value(this.db, IMPORT_COUNT) ?? 0;
    const exportTimeZone = value(this.db, LATEST_IMPORT_ZONE);
    return {
      path: this.store.path,
      isDemo: meta['is_demo'] === '1',
      calls: agg.n,
      imports,
      firstCall: agg.first === null ? null : new Date(agg.first).toISOString(),
      lastCall: agg.last === null ? null : new Date(agg.last).toISOString(),
      schemaVersion: SCHEMA_VERSION,
      appVersion: APP_VERSION,
      exportTimeZone: exportTimeZone ?? null,
      readOnly: this.store.readonly,
    };
  }

  private getCall(callId: string): CallDetail | null {
    const call = callContractJson(this.db, callId);
    if (!call) return null;
    const raws = all(this.db, callRawRows(this.db), callId);
    const origins = new Map<number, RowOrigin>();
    const rawRows: StoredRawRow[] = raws.map((r) => {
      const origin = { file: r.file_label, line: r.line };
      origins.set(r.id, origin);
      return {
        origin,
        importId: r.import_id,
        fields: decodeFields(r.columns, storedValuesText(this.db, r.id, r.fields)),
        id: r.id,
        table: r.tbl,
        status: r.status,
        reason: r.reason,
      };
    });
    const events = values(this.db, EVENT_SOURCES, call.id);
    const eventSources = events.map((ids) =>
      (JSON.parse(ids) as number[]).map((id) => origins.get(id)).filter((o): o is RowOrigin => o !== undefined),
    );
    const attempts = callAttempts(this.db, callId);
    return { call: JSON.parse(call.json) as ArchiveCall, eventSources, rawRows, ...(attempts ? { attempts } : {}) };
  }

  private listImports(): ImportRecord[] {
    return all(this.db, IMPORTS).map(importRecordOf);
  }

  private rejected(page: { importId: number; offset: number; limit: number }): RejectedRowRecord[] {
    const rows = all(this.db, REJECTED_PAGE, page.importId, page.limit, page.offset);
    return rows.map((r) => ({
      importId: r.import_id,
      origin: { file: r.file, line: r.line },
      reason: r.reason,
      raw: r.raw,
    }));
  }

  /** The contract JSON of one call (what `show --json` prints; see call-doc.ts). */
  contractJson(callId: string): string | null {
    const id = parseArg(callIdSchema, callId, 'call id');
    return callContractJson(this.db, id)?.json ?? null;
  }

  /**
   * One page of a search for an export (src/main/export/run-export.ts): rows as arrays, up to
   * `limit` of them (on this thread beyond the API's 1000, as an export reads every page), and
   * without who answered and talked (list-row-people.ts): no export column shows them.
   */
  async exportPage(q: CallSearch, limit: number): Promise<RawCallPage> {
    const parsed = this.parseSearch({ ...q, limit: 1 });
    if (!this.readPool) return this.searcher.searchRaw({ ...parsed, limit });
    // The pool's workers answer the UI's searches too: pages of the API's size, as objects.
    const page = await this.readPool.search({ ...parsed, limit: Math.min(limit, 1000) });
    return { rows: page.rows.map(exportRowOf), total: page.total, nextCursor: page.nextCursor };
  }

  /** The name of the strategy that answered the last calls.search (bench and tests). */
  get lastSearchStrategy(): string {
    return this.readPool ? this.readPool.lastStrategy : this.searcher.lastStrategy;
  }

  /** Forgets counts kept between requests, so that the next request is measured cold (bench). */
  dropCaches(): void {
    this.searcher.fts.forgetCounts();
  }

  close(): void {
    void this.readPool?.close();
    this.jobs.cancelAll();
    this.exportJobs.closeAll();
  }
}
