// Export of a search result: every matching call (no cap), in the list's sort order,
// read page by page through the archive API's keyset cursor — memory stays flat at
// any size. A call's contract JSON and its events' raw rows come from the API
// (`calls.get`, `contractJson`), never from the tables directly: how calls are
// stored is the archive's business.
import type { ArchiveApi, CallListRow, CallSearch } from '../../shared/api/archive-api';
import { callColumns, eventColumns, type EventExportRow } from './columns';
import { CsvSink, type CsvSeparator } from './csv-sink';
import { JsonLinesSink } from './jsonl-sink';
import type { RowSink } from './sink';
import { XlsxSink } from './xlsx-sink';
import { ZoneClock } from './zone-clock';

export type ExportFormat = 'csv' | 'xlsx' | 'jsonl';

/** What an export reads: the search, a call's detail, and a call's contract JSON as stored. */
export interface ExportSource {
  calls: Pick<ArchiveApi['calls'], 'search' | 'get'>;
  contractJson(callId: string): string | null | Promise<string | null>;
}

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
  calls: Pick<ArchiveApi['calls'], 'search'>,
  query: CallSearch,
  pageSize = 1000,
): AsyncGenerator<{ rows: CallListRow[]; total: number }> {
  const base = { ...wholeResult(query), limit: pageSize };
  let page = await calls.search(base);
  const total = page.total;
  yield { rows: page.rows, total };
  while (page.nextCursor) {
    // Later pages need no count: the first page's total is the export's.
    page = await calls.search({ ...base, cursor: page.nextCursor, count: false });
    yield { rows: page.rows, total };
  }
}

function callsSink(opts: ExportOptions, clock: ZoneClock): RowSink<CallListRow & { json?: string }> {
  if (opts.format === 'jsonl') return new JsonLinesSink(opts.callsPath, (r) => r.json ?? '');
  const columns = callColumns(opts.timeZone);
  if (opts.format === 'xlsx') return new XlsxSink(opts.callsPath, 'calls', columns, clock);
  return new CsvSink(opts.callsPath, columns, clock, opts.separator ?? ',');
}

function eventsSink(path: string, opts: ExportOptions, clock: ZoneClock): RowSink<EventExportRow> {
  if (opts.format === 'jsonl')
    return new JsonLinesSink(path, (r) =>
      JSON.stringify({ callId: r.callId, eventNo: r.eventNo, ...r.event, rawRows: r.sources }),
    );
  const columns = eventColumns(opts.timeZone);
  if (opts.format === 'xlsx') return new XlsxSink(path, 'events', columns, clock);
  return new CsvSink(path, columns, clock, opts.separator ?? ',');
}

async function eventRowsOf(source: ExportSource, rows: readonly CallListRow[]): Promise<EventExportRow[]> {
  const out: EventExportRow[] = [];
  for (const r of rows) {
    const detail = await source.calls.get(r.callId);
    if (!detail) continue; // deleted between the page and now: its call row is already written, without events
    detail.call.events.forEach((event, i) =>
      out.push({ callId: r.callId, eventNo: i + 1, event, sources: detail.eventSources[i] ?? [] }),
    );
  }
  return out;
}

async function withJson(source: ExportSource, rows: CallListRow[]): Promise<(CallListRow & { json?: string })[]> {
  const out: (CallListRow & { json?: string })[] = [];
  for (const r of rows) {
    const json = await source.contractJson(r.callId);
    if (json !== null) out.push({ ...r, json });
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
  const calls = callsSink(opts, clock);
  sinks.push(calls);
  const events = opts.eventsPath ? eventsSink(opts.eventsPath, opts, clock) : null;
  if (events) sinks.push(events);
  const counts: ExportProgressCounts = { calls: 0, total: 0, events: 0, bytes: 0 };
  try {
    for await (const page of resultPages(source.calls, query, opts.pageSize)) {
      if (opts.signal?.aborted) throw new ExportCancelled();
      counts.total = page.total;
      await calls.add(opts.format === 'jsonl' ? await withJson(source, page.rows) : page.rows);
      counts.calls += page.rows.length;
      if (events) {
        const rows = await eventRowsOf(source, page.rows);
        await events.add(rows);
        counts.events += rows.length;
      }
      counts.bytes = calls.bytes + (events?.bytes ?? 0);
      // A result that grew while exporting: the total is at least what was written.
      counts.total = Math.max(counts.total, counts.calls);
      opts.onProgress?.({ ...counts });
    }
    if (opts.signal?.aborted) throw new ExportCancelled();
    for (const s of sinks) await s.finish();
    counts.bytes = calls.bytes + (events?.bytes ?? 0);
    return { ...counts, files: [opts.callsPath, ...(opts.eventsPath ? [opts.eventsPath] : [])] };
  } catch (err) {
    for (const s of sinks) await s.abort();
    throw err;
  }
}
