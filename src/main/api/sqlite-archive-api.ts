// The archive API over SQLite: what the Electron main (IPC), browser mode
// (HTTP) and the CLI call. Every argument is parsed with the shared zod
// schemas first; every query is parameterised.
import type {
  ArchiveApi, ArchiveInfo, CallDetail, CallListRow, CallPage, CallSearch, Facets, FacetCount, ImportProgress,
  ImportRecord, ImportRequest, RejectedPage, RejectedRowRecord, StoredRawRow,
} from '../../shared/api/archive-api';
import { callIdSchema, callSearchSchema, jobIdSchema, rejectedPageSchema } from '../../shared/api/schemas';
import type { ArchiveCall, CallType, Outcome } from '../../shared/model/archive-call';
import type { RowOrigin } from '../../shared/model/call-events';
import { readMeta, type Archive } from '../store/archive';
import type { Db } from '../store/native';
import { SCHEMA_VERSION } from '../store/schema';
import { APP_VERSION } from '../store/version';
import { importRecordOf, type ImportRow } from '../import/import-record';
import { ImportJobs } from '../import/import-jobs';
import { decodeFields } from '../import/row-codec';
import type { ImportWorkerEntry } from '../import/run-import';
import { buildWhere, decodeCursor, encodeCursor, ftsMatch, SORT_EXPR, SORT_INDEX, type FacetName, type ParsedSearch, type Where } from './search-sql';
import { TYPE_OUTCOME } from '../store/facet-cache';
import { timeRangeFacet, timeRangeTotal } from './time-range-counts';
import { parseArg } from './validate';

interface CallRow {
  id: number;
  call_id: string;
  type: CallType;
  start_ms: number;
  end_ms: number;
  caller_number: string | null;
  access_number: string | null;
  queue: string | null;
  agent: string | null;
  outcome: Outcome;
  time_before_answer_sec: number | null;
  wait_time_sec: number | null;
  speak_time_sec: number;
  callback_attempts: number | null;
  sort_value: string | number;
}

const LIST_COLUMNS =
  'c.id, c.call_id, c.type, c.start_ms, c.end_ms, c.caller_number, c.access_number, c.queue, c.agent, c.outcome, ' +
  'c.time_before_answer_sec, c.wait_time_sec, c.speak_time_sec, c.callback_attempts';

const FACET_LIMIT = 200;
/** Below this many matches a sort of the matches is cheap; tests lower it to exercise the walk. */
export const searchTuning = { walkMinMatches: 2000 };

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

  constructor(private readonly store: Archive, options: SqliteArchiveApiOptions = {}) {
    this.db = store.db;
    this.jobs = new ImportJobs(store.path, { worker: options.worker });
    this.archive = { info: async () => this.info() };
    this.calls = {
      search: async (q: CallSearch) => this.search(parseArg(callSearchSchema, q, 'search')),
      facets: async (q: CallSearch) => this.facets(parseArg(callSearchSchema, q, 'search')),
      get: async (callId: string) => this.getCall(parseArg(callIdSchema, callId, 'call id')),
    };
    this.imports = {
      list: async () => this.listImports(),
      rejected: async (page: RejectedPage) => this.rejected(parseArg(rejectedPageSchema, page, 'rejected-rows page')),
      start: async (request: ImportRequest) => this.jobs.start(request),
      progress: async (jobId: string): Promise<ImportProgress> => this.jobs.progress(parseArg(jobIdSchema, jobId, 'job id')),
      cancel: async (jobId: string) => this.jobs.cancel(parseArg(jobIdSchema, jobId, 'job id')),
    };
  }

  private info(): ArchiveInfo {
    const meta = readMeta(this.db);
    const agg = this.db.prepare('SELECT count(*) AS n, min(start_ms) AS first, max(start_ms) AS last FROM calls').get() as {
      n: number; first: number | null; last: number | null;
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

  private search(q: ParsedSearch): CallPage {
    const ftsIds = this.ftsIds(q);
    let where = buildWhere(q, undefined, { ftsIds });
    const total = where.ftsOnly && ftsIds !== undefined ? (JSON.parse(ftsIds) as unknown[]).length : this.total(q, where);
    const expr = SORT_EXPR[q.sort];
    const desc = q.direction === 'desc';
    let keyset = '';
    const cursor = q.cursor ? decodeCursor(q.cursor, q.sort, q.direction) : null;
    if (cursor) {
      keyset = ` AND (${expr}, c.id) ${desc ? '<' : '>'} (?, ?)`;
    }
    // SQLite's planner ignores LIMIT: with a filter matching many calls it would
    // sort all of them. When more than 1% of the archive matches, walking the sort
    // index and filtering finds a page after ~100 × limit rows at most.
    // Walking costs ~limit × all / total row visits, sorting ~total: walk when that is cheaper.
    const walk = !where.empty && total > searchTuning.walkMinMatches && total * total > 4 * q.limit * this.cachedTotal();
    if (walk) where = buildWhere(q, undefined, { correlated: true, ftsIds });
    const from = walk ? `calls c INDEXED BY ${SORT_INDEX[q.sort]}` : 'calls c';
    const dir = desc ? 'DESC' : 'ASC';
    const rows = this.db
      .prepare(
        `SELECT ${LIST_COLUMNS}, ${expr} AS sort_value FROM ${from} WHERE ${where.sql}${keyset} ` +
          `ORDER BY ${expr} ${dir}, c.id ${dir} LIMIT ?`,
      )
      .all(...where.params, ...(cursor ? [cursor.value, cursor.id] : []), q.limit + 1) as CallRow[];
    const more = rows.length > q.limit;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    return {
      rows: rows.map(listRow),
      total,
      nextCursor: more && last ? encodeCursor(q.sort, q.direction, last.sort_value, last.id) : null,
    };
  }

  /** Evaluates the free-text match once per request: a JSON list of matching call ids. */
  private ftsIds(q: ParsedSearch): string | undefined {
    const match = ftsMatch(q.text);
    if (match === null) return undefined;
    return JSON.stringify(this.db.prepare('SELECT rowid FROM calls_fts WHERE calls_fts MATCH ?').pluck().all(match));
  }

  private total(q: ParsedSearch, where: Where): number {
    if (where.empty) return this.cachedTotal();
    if (where.timeOnly) return timeRangeTotal(this.db, where.timeOnly.from, where.timeOnly.to);
    if (where.linkOnly) {
      const { table, column, values } = where.linkOnly;
      return this.db
        // One value: (value, call) is the primary key, so no call is counted twice.
        .prepare(`SELECT count(${values.length === 1 ? '*' : 'DISTINCT call'}) FROM ${table} WHERE ${column} IN (${values.map(() => '?').join(', ')})`)
        .pluck()
        .get(...values) as number;
    }
    if (where.typeOutcomeOnly) {
      const pairs = this.db.prepare('SELECT value, count FROM facet_cache WHERE facet = ?').all(TYPE_OUTCOME) as FacetCount[];
      if (pairs.length || this.cachedTotal() === 0) {
        let n = 0;
        for (const p of pairs) {
          const [type, outcome] = p.value.split('|') as [string, string];
          if ((!q.types?.length || (q.types as string[]).includes(type)) && (!q.outcomes?.length || (q.outcomes as string[]).includes(outcome)))
            n += p.count;
        }
        return n;
      }
    }
    return this.db.prepare(`SELECT count(*) FROM calls c WHERE ${where.sql}`).pluck().get(...where.params) as number;
  }

  /** Counts per value; each facet ignores its own filter, so the other values stay visible. */
  private facets(q: ParsedSearch): Facets {
    const ftsIds = this.ftsIds(q);
    const count = (facet: FacetName, select: string, from: string): FacetCount[] => {
      const where = buildWhere(q, facet, { ftsIds });
      if (where.empty)
        return this.db
          .prepare(`SELECT value, count FROM facet_cache WHERE facet = ? ORDER BY count DESC, value LIMIT ${FACET_LIMIT}`)
          .all(facet) as FacetCount[];
      if (where.timeOnly) return timeRangeFacet(this.db, facet, where.timeOnly.from, where.timeOnly.to, FACET_LIMIT);
      return this.db
        .prepare(`SELECT ${select} AS value, count(*) AS count FROM ${from} WHERE ${where.sql} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FACET_LIMIT}`)
        .all(...where.params) as FacetCount[];
    };
    return {
      type: count('type', 'c.type', 'calls c'),
      outcome: count('outcome', 'c.outcome', 'calls c'),
      queue: count('queue', 'x.queue', 'call_queues x JOIN calls c ON c.id = x.call'),
      agent: count('agent', 'x.agent', 'call_agents x JOIN calls c ON c.id = x.call'),
    };
  }

  private cachedTotal(): number {
    const cached = this.db.prepare("SELECT count FROM facet_cache WHERE facet = '_total'").pluck().get() as number | undefined;
    return cached ?? (this.db.prepare('SELECT count(*) FROM calls').pluck().get() as number);
  }

  private getCall(callId: string): CallDetail | null {
    const call = this.db.prepare('SELECT c.id, d.json FROM calls c JOIN call_docs d ON d.call = c.id WHERE c.call_id = ?').get(callId) as { id: number; json: string } | undefined;
    if (!call) return null;
    const raws = this.db
      .prepare(
        `SELECT r.id, r.import_id, r.line, r.tbl, r.status, r.reason, r.fields, l.columns, i.file_label
         FROM raw_rows r JOIN imports i ON i.id = r.import_id JOIN layouts l ON l.id = r.layout
         WHERE r.call_id = ? ORDER BY r.import_id, r.line, r.id`,
      )
      .all(callId) as {
        id: number; import_id: number; line: number; tbl: string; status: 'used' | 'kept'; reason: string | null; fields: string; columns: string; file_label: string;
      }[];
    const origins = new Map<number, RowOrigin>();
    const rawRows: StoredRawRow[] = raws.map((r) => {
      const origin = { file: r.file_label, line: r.line };
      origins.set(r.id, origin);
      return {
        origin, importId: r.import_id, fields: decodeFields(r.columns, r.fields),
        id: r.id, table: r.tbl, status: r.status, reason: r.reason,
      };
    });
    const events = this.db.prepare('SELECT source_ids FROM events WHERE call = ? ORDER BY seq').pluck().all(call.id) as string[];
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
      .prepare('SELECT import_id, file, line, reason, raw FROM rejected_rows WHERE import_id = ? ORDER BY id LIMIT ? OFFSET ?')
      .all(page.importId, page.limit, page.offset) as { import_id: number; file: string; line: number; reason: string; raw: string }[];
    return rows.map((r) => ({ importId: r.import_id, origin: { file: r.file, line: r.line }, reason: r.reason, raw: r.raw }));
  }

  /** The contract JSON of one call, exactly as stored (what `show --json` prints). */
  contractJson(callId: string): string | null {
    const id = parseArg(callIdSchema, callId, 'call id');
    return (this.db.prepare('SELECT d.json FROM calls c JOIN call_docs d ON d.call = c.id WHERE c.call_id = ?').pluck().get(id) as string | undefined) ?? null;
  }

  close(): void {
    this.jobs.cancelAll();
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function listRow(r: CallRow): CallListRow {
  return {
    callId: r.call_id,
    type: r.type,
    start: iso(r.start_ms),
    end: iso(r.end_ms),
    callerNumber: r.caller_number,
    accessNumber: r.access_number,
    queue: r.queue,
    agent: r.agent,
    outcome: r.outcome,
    timeBeforeAnswerSec: r.time_before_answer_sec,
    waitTimeSec: r.wait_time_sec,
    speakTimeSec: r.speak_time_sec,
    callbackAttempts: r.callback_attempts,
  };
}
