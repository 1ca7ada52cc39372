// The archive API over SQLite: what the Electron main (IPC), browser mode
// (HTTP) and the CLI call. Every argument is parsed with the shared zod
// schemas first; every query is parameterised.
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
import { callIdSchema, callSearchSchema, jobIdSchema, rejectedPageSchema } from '../../shared/api/schemas';
import type { ArchiveCall } from '../../shared/model/archive-call';
import type { RowOrigin } from '../../shared/model/call-events';
import { readMeta, type Archive } from '../store/archive';
import type { Db } from '../store/native';
import { SCHEMA_VERSION } from '../store/schema';
import { APP_VERSION } from '../store/version';
import { importRecordOf, type ImportRow } from '../import/import-record';
import { ImportJobs } from '../import/import-jobs';
import { decodeFields } from '../import/row-codec';
import type { ImportWorkerEntry } from '../import/run-import';
import { CallFacets } from './call-facets';
import { CallSearcher } from './call-search';
import { parseArg } from './validate';
import { createReviewApi } from '../review/review-api';

export { searchTuning } from './call-search';

export interface SqliteArchiveApiOptions {
  /** Import worker entry (the Electron adapter passes its bundled worker). */
  worker?: ImportWorkerEntry;
}

export class SqliteArchiveApi implements ArchiveApi {
  private readonly db: Db;
  readonly jobs: ImportJobs;
  readonly archive: ArchiveApi['archive'];
  readonly calls: ArchiveApi['calls'];
  readonly imports: ArchiveApi['imports'];
  readonly review: ArchiveApi['review'];
  private readonly searcher: CallSearcher;
  private readonly facetCounter: CallFacets;

  constructor(
    private readonly store: Archive,
    options: SqliteArchiveApiOptions = {},
  ) {
    this.db = store.db;
    this.searcher = new CallSearcher(this.db);
    this.facetCounter = new CallFacets(this.db, this.searcher);
    this.jobs = new ImportJobs(store.path, { worker: options.worker });
    this.archive = { info: async () => this.info() };
    this.calls = {
      search: async (q: CallSearch) => this.searcher.search(parseArg(callSearchSchema, q, 'search')),
      facets: async (q: CallSearch) => this.facetCounter.facets(parseArg(callSearchSchema, q, 'search')),
      get: async (callId: string) => this.getCall(parseArg(callIdSchema, callId, 'call id')),
    };
    this.imports = {
      list: async () => this.listImports(),
      rejected: async (page: RejectedPage) => this.rejected(parseArg(rejectedPageSchema, page, 'rejected-rows page')),
      start: async (request: ImportRequest) => this.jobs.start(request),
      progress: async (jobId: string): Promise<ImportProgress> =>
        this.jobs.progress(parseArg(jobIdSchema, jobId, 'job id')),
      cancel: async (jobId: string) => this.jobs.cancel(parseArg(jobIdSchema, jobId, 'job id')),
    };
    this.review = createReviewApi(this.db, this.searcher, () => store.readonly);
  }

  private info(): ArchiveInfo {
    const meta = readMeta(this.db);
    const agg = this.db
      .prepare('SELECT count(*) AS n, min(start_ms) AS first, max(start_ms) AS last FROM calls')
      .get() as {
      n: number;
      first: number | null;
      last: number | null;
    };
    const imports = this.db.prepare('SELECT count(*) FROM imports').pluck().get() as number;
    return {
      path: this.store.path,
      isDemo: meta['is_demo'] === '1',
      calls: agg.n,
      imports,
      firstCall: agg.first === null ? null : new Date(agg.first).toISOString(),
      lastCall: agg.last === null ? null : new Date(agg.last).toISOString(),
      schemaVersion: SCHEMA_VERSION,
      appVersion: APP_VERSION,
    };
  }

  private getCall(callId: string): CallDetail | null {
    const call = this.db
      .prepare('SELECT c.id, d.json FROM calls c JOIN call_docs d ON d.call = c.id WHERE c.call_id = ?')
      .get(callId) as { id: number; json: string } | undefined;
    if (!call) return null;
    const raws = this.db
      .prepare(
        `SELECT r.id, r.import_id, r.line, r.tbl, r.status, r.reason, r.fields, l.columns, i.file_label
         FROM raw_rows r JOIN imports i ON i.id = r.import_id JOIN layouts l ON l.id = r.layout
         WHERE r.call_id = ? ORDER BY r.import_id, r.line, r.id`,
      )
      .all(callId) as {
      id: number;
      import_id: number;
      line: number;
      tbl: string;
      status: 'used' | 'kept';
      reason: string | null;
      fields: string;
      columns: string;
      file_label: string;
    }[];
    const origins = new Map<number, RowOrigin>();
    const rawRows: StoredRawRow[] = raws.map((r) => {
      const origin = { file: r.file_label, line: r.line };
      origins.set(r.id, origin);
      return {
        origin,
        importId: r.import_id,
        fields: decodeFields(r.columns, r.fields),
        id: r.id,
        table: r.tbl,
        status: r.status,
        reason: r.reason,
      };
    });
    const events = this.db
      .prepare('SELECT source_ids FROM events WHERE call = ? ORDER BY seq')
      .pluck()
      .all(call.id) as string[];
    const eventSources = events.map((ids) =>
      (JSON.parse(ids) as number[]).map((id) => origins.get(id)).filter((o): o is RowOrigin => o !== undefined),
    );
    return { call: JSON.parse(call.json) as ArchiveCall, eventSources, rawRows };
  }

  private listImports(): ImportRecord[] {
    return (this.db.prepare('SELECT * FROM imports ORDER BY id').all() as ImportRow[]).map(importRecordOf);
  }

  private rejected(page: { importId: number; offset: number; limit: number }): RejectedRowRecord[] {
    const rows = this.db
      .prepare(
        'SELECT import_id, file, line, reason, raw FROM rejected_rows WHERE import_id = ? ORDER BY id LIMIT ? OFFSET ?',
      )
      .all(page.importId, page.limit, page.offset) as {
      import_id: number;
      file: string;
      line: number;
      reason: string;
      raw: string;
    }[];
    return rows.map((r) => ({
      importId: r.import_id,
      origin: { file: r.file, line: r.line },
      reason: r.reason,
      raw: r.raw,
    }));
  }

  /** The contract JSON of one call, exactly as stored (what `show --json` prints). */
  contractJson(callId: string): string | null {
    const id = parseArg(callIdSchema, callId, 'call id');
    return (
      (this.db
        .prepare('SELECT d.json FROM calls c JOIN call_docs d ON d.call = c.id WHERE c.call_id = ?')
        .pluck()
        .get(id) as string | undefined) ?? null
    );
  }

  /** Forgets counts kept between requests, so that the next request is measured cold (bench). */
  dropCaches(): void {
    this.searcher.fts.forgetCounts();
  }

  close(): void {
    this.jobs.cancelAll();
  }
}
