// The columns of the export files, one list per file (calls, events), shared by
// the CSV, XLSX and Parquet writers so every format carries the same fields under
// the same names. Names are snake_case ASCII: DuckDB, pandas and Excel take them
// as they are.
import type { CallListRow } from '../../shared/api/archive-api';
import type { RawListRow } from '../api/call-search';
import type { ArchiveEvent } from '../../shared/model/archive-call';
import type { RowOrigin } from '../../shared/model/call-events';
import { originKey } from '../../shared/model/call-events';

/**
 * text: a string; integer / seconds: a number (seconds may have decimals);
 * instant: UTC ms, written as ISO 8601 with the display zone's offset;
 * wallclock: UTC ms, written as the display zone's local time (a date in XLSX);
 * zone: the display zone's name (text). Parquet keeps instants only (UTC timestamps):
 * it leaves out the wallclock and zone columns.
 */
export type ColumnKind = 'text' | 'integer' | 'seconds' | 'instant' | 'wallclock' | 'zone';
export type CellValue = string | number | null;

export interface ExportColumn<R> {
  name: string;
  kind: ColumnKind;
  get(row: R): CellValue;
  /** Spreadsheet width in characters. */
  width: number;
}

const ms = (iso: string): number => Date.parse(iso);

/**
 * A call of the calls file: an array in the list query's column order (RawListRow), as SQLite
 * returns it to an export, so a million-call export makes one array per call and no object.
 */
export type ExportCallRow = RawListRow;

/** A listed call (from calls.search) as an export row: for sources without export pages. */
export function exportRowOf(r: CallListRow): ExportCallRow {
  return [
    0,
    r.callId,
    r.type,
    ms(r.start),
    ms(r.end),
    r.callerNumber,
    r.accessNumber,
    r.queue,
    r.agent,
    r.outcome,
    r.timeBeforeAnswerSec,
    r.waitTimeSec,
    r.speakTimeSec,
    r.callbackAttempts,
    0,
  ];
}

/** The call id of an export row. */
export const callIdOf = (r: ExportCallRow): string => r[1];

function col<R>(name: string, kind: ColumnKind, get: (row: R) => CellValue, width = 14): ExportColumn<R> {
  return { name, kind, get, width };
}

/** The calls file: one row per call of the search result, in the list's order. */
export function callColumns(timeZone: string): ExportColumn<ExportCallRow>[] {
  return [
    col('call_id', 'text', (r) => r[1], 24),
    col('type', 'text', (r) => r[2], 18),
    col('start', 'instant', (r) => r[3], 30),
    col('start_local', 'wallclock', (r) => r[3], 20),
    col('end', 'instant', (r) => r[4], 30),
    col('end_local', 'wallclock', (r) => r[4], 20),
    col('time_zone', 'zone', () => timeZone, 18),
    col('duration_sec', 'seconds', (r) => (r[4] - r[3]) / 1000),
    col('caller_number', 'text', (r) => r[5], 18),
    col('access_number', 'text', (r) => r[6], 18),
    col('queue', 'text', (r) => r[7], 20),
    col('agent', 'text', (r) => r[8], 20),
    col('outcome', 'text', (r) => r[9]),
    col('time_before_answer_sec', 'seconds', (r) => r[10]),
    col('wait_time_sec', 'seconds', (r) => r[11]),
    col('speak_time_sec', 'seconds', (r) => r[12]),
    col('callback_attempts', 'integer', (r) => r[13]),
  ];
}

/** One archive event of an exported call, with the raw rows it was derived from. */
export interface EventExportRow {
  callId: string;
  /** 1-based position of the event in its call (the order of the call's chart). */
  eventNo: number;
  event: ArchiveEvent;
  sources: RowOrigin[];
}

/** "calls.csv:12 calls.csv:13": the file:line of every raw row behind an event, space-separated. */
export function rawRowRefs(sources: readonly RowOrigin[]): string {
  return sources.map(originKey).join(' ');
}

/** The events file: one row per archive event of every exported call. */
export function eventColumns(timeZone: string): ExportColumn<EventExportRow>[] {
  return [
    col('call_id', 'text', (r) => r.callId, 24),
    col('event_no', 'integer', (r) => r.eventNo, 9),
    col('event_type', 'text', (r) => r.event.type, 16),
    col('start', 'instant', (r) => ms(r.event.start), 30),
    col('start_local', 'wallclock', (r) => ms(r.event.start), 20),
    col('end', 'instant', (r) => ms(r.event.end), 30),
    col('end_local', 'wallclock', (r) => ms(r.event.end), 20),
    col('time_zone', 'zone', () => timeZone, 18),
    col('duration_sec', 'seconds', (r) => r.event.durationSec),
    col('name', 'text', (r) => r.event.name, 20),
    col('agent', 'text', (r) => r.event.agent, 20),
    col('label', 'text', (r) => r.event.label, 30),
    col('label_da', 'text', (r) => r.event.labelDa, 30),
    col('result', 'text', (r) => r.event.result, 10),
    col('raw_rows', 'text', (r) => rawRowRefs(r.sources), 40),
  ];
}
