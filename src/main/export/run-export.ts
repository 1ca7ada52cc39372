// Export of a search result: every matching call (no cap), in the list's sort order,
// read page by page through the archive API's keyset cursor — memory stays flat at
// any size. A call's contract JSON and its events' raw rows come from the API
// (`calls.get`, `contractJson`), never from the tables directly: how calls are
// stored is the archive's business.
import type { ArchiveApi, CallSearch } from '../../shared/api/archive-api';
import type { RawCallPage } from '../api/call-search';
import {
  callColumns,
  callIdOf,
  eventColumns,
  exportRowOf,
  type ExportCallRow,
  type ExportColumn,
  type EventExportRow,
} from './columns';
import { CsvSink, type CsvSeparator } from './csv-sink';
import { JsonLinesSink } from './jsonl-sink';
import type { RowSink } from './sink';
import { ZoneClock } from './zone-clock';

export type ExportFormat = 'csv' | 'xlsx' | 'jsonl';

/** What an export reads: the search, a call's detail, and a call's contract JSON as stored. */
export interface ExportSource {
  calls: Pick<ArchiveApi['calls'], 'search' | 'get'>;
  contractJson(callId: string): string | null | Promise<string | null>;
  /**
   * A page of the search for an export: larger than the API's pages and without the list's
   * people (answering queue, handling agent, every queue and agent), which no export column
   * shows. Optional: without it the export pages through `calls.search`.
   */
  exportPage?(query: CallSearch, limit: number): Promise<RawCallPage>;
}

/** Rows per page when the source reads export pages (fewer, larger page queries). */
export const EXPORT_PAGE_SIZE = 5000;

export interface ExportProgressCounts {
  /** Calls written so far, and the result's total (known after the first page). */
  calls: number;
  total: number;
  events: number;
  bytes: number;
}

export interface ExportOptions {
  format: ExportFormat;
  /** CSV only: `,` (default) or `;` (Danish Excel; decimals with a comma). */
  separator?: CsvSeparator;
  /** IANA zone of the local-time columns and of the ISO times' offsets. */
  timeZone: string;
  callsPath: string;
  /** Also write one row per archive event here. */
  eventsPath?: string;
  signal?: AbortSignal;
  onProgress?(counts: ExportProgressCounts): void;
  /** Calls per search page (the API's maximum is 1000). */
  pageSize?: number;
}

export interface ExportSummary extends ExportProgressCounts {
  files: string[];
}

export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
  }
}

/** The search as the list shows it, without paging: the export pages by itself. */
export function wholeResult(query: CallSearch): CallSearch {
  const { cursor: _cursor, offset: _offset, limit: _limit, count: _count, ...rest } = query;
  return rest;
}

/** Every call of the result, page by page, in the result's order (keyset cursor; the first page counts). */
export async function* resultPages(
  source: Pick<ExportSource, 'calls' | 'exportPage'>,
  query: CallSearch,
  pageSize?: number,
): AsyncGenerator<{ rows: ExportCallRow[]; total: number }> {
  const fast = source.exportPage?.bind(source);
  const limit = pageSize ?? (fast ? EXPORT_PAGE_SIZE : 1000);
  const search = fast
    ? (q: CallSearch) => fast(q, limit)
    : async (q: CallSearch) => {
        const page = await source.calls.search(q);
        return { ...page, rows: page.rows.map(exportRowOf) };
      };
  const base = { ...wholeResult(query), limit: Math.min(limit, 1000) };
  let page = await search(base);
  const total = page.total;
  yield { rows: page.rows, total };
  while (page.nextCursor) {
    // Later pages need no count: the first page's total is the export's.
    page = await search({ ...base, cursor: page.nextCursor, count: false });
    yield { rows: page.rows, total };
  }
}

/** A sink of the table formats; exceljs is loaded only when an XLSX file is written. */
async function tableSink<R>(
  path: string,
  sheet: string,
  columns: ExportColumn<R>[],
  opts: ExportOptions,
  clock: ZoneClock,
): Promise<RowSink<R>> {
  if (opts.format === 'xlsx') {
    const { XlsxSink } = await import('./xlsx-sink');
    return new XlsxSink(path, sheet, columns, clock);
  }
  return new CsvSink(path, columns, clock, opts.separator ?? ',');
}

/** The calls file: a JSON Lines sink takes each call's contract JSON, the table sinks its export row. */
type CallsSink = { jsonl: true; sink: RowSink<string> } | { jsonl: false; sink: RowSink<ExportCallRow> };

async function callsSink(opts: ExportOptions, clock: ZoneClock): Promise<CallsSink> {
  if (opts.format === 'jsonl') return { jsonl: true, sink: new JsonLinesSink<string>(opts.callsPath, (json) => json) };
  return { jsonl: false, sink: await tableSink(opts.callsPath, 'calls', callColumns(opts.timeZone), opts, clock) };
}

function eventsSink(path: string, opts: ExportOptions, clock: ZoneClock): Promise<RowSink<EventExportRow>> {
  if (opts.format === 'jsonl')
    return Promise.resolve(
      new JsonLinesSink(path, (r: EventExportRow) =>
        JSON.stringify({ callId: r.callId, eventNo: r.eventNo, ...r.event, rawRows: r.sources }),
      ),
    );
  return tableSink(path, 'events', eventColumns(opts.timeZone), opts, clock);
}

async function eventRowsOf(source: ExportSource, rows: readonly ExportCallRow[]): Promise<EventExportRow[]> {
  const out: EventExportRow[] = [];
  for (const r of rows) {
    const callId = callIdOf(r);
    const detail = await source.calls.get(callId);
    if (!detail) continue; // deleted between the page and now: its call row is already written, without events
    detail.call.events.forEach((event, i) =>
      out.push({ callId, eventNo: i + 1, event, sources: detail.eventSources[i] ?? [] }),
    );
  }
  return out;
}

async function contractJsons(source: ExportSource, rows: readonly ExportCallRow[]): Promise<string[]> {
  const out: string[] = [];
  for (const r of rows) {
    const json = await source.contractJson(callIdOf(r));
    if (json !== null) out.push(json);
  }
  return out;
}

/** Writes the calls file (and the events file) of a search result; partial files are removed on failure or cancel. */
export async function exportResult(
  source: ExportSource,
  query: CallSearch,
  opts: ExportOptions,
): Promise<ExportSummary> {
  const clock = new ZoneClock(opts.timeZone);
  const sinks: RowSink<never>[] = [];
  const counts: ExportProgressCounts = { calls: 0, total: 0, events: 0, bytes: 0 };
  try {
    const calls = await callsSink(opts, clock);
    sinks.push(calls.sink);
    const events = opts.eventsPath ? await eventsSink(opts.eventsPath, opts, clock) : null;
    if (events) sinks.push(events);
    for await (const page of resultPages(source, query, opts.pageSize)) {
      if (opts.signal?.aborted) throw new ExportCancelled();
      counts.total = page.total;
      if (calls.jsonl) await calls.sink.add(await contractJsons(source, page.rows));
      else await calls.sink.add(page.rows);
      counts.calls += page.rows.length;
      if (events) {
        const rows = await eventRowsOf(source, page.rows);
        await events.add(rows);
        counts.events += rows.length;
      }
      counts.bytes = calls.sink.bytes + (events?.bytes ?? 0);
      // A result that grew while exporting: the total is at least what was written.
      counts.total = Math.max(counts.total, counts.calls);
      opts.onProgress?.({ ...counts });
    }
    if (opts.signal?.aborted) throw new ExportCancelled();
    for (const s of sinks) await s.finish();
    counts.bytes = calls.sink.bytes + (events?.bytes ?? 0);
    return { ...counts, files: [opts.callsPath, ...(opts.eventsPath ? [opts.eventsPath] : [])] };
  } catch (err) {
    for (const s of sinks) await s.abort();
    throw err;
  }
}
