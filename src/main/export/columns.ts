// The columns of the export files, one list per file (calls, events), shared by
// the CSV, XLSX and Parquet writers so every format carries the same fields under
// the same names. Names are snake_case ASCII: DuckDB, pandas and Excel take them
// as they are.
import type { CallListRow } from '../../shared/api/archive-api';
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

function col<R>(name: string, kind: ColumnKind, get: (row: R) => CellValue, width = 14): ExportColumn<R> {
  return { name, kind, get, width };
}

/** The calls file: one row per call of the search result, in the list's order. */
export function callColumns(timeZone: string): ExportColumn<CallListRow>[] {
  return [
    col('call_id', 'text', (r) => r.callId, 24),
    col('type', 'text', (r) => r.type, 18),
    col('start', 'instant', (r) => ms(r.start), 30),
    col('start_local', 'wallclock', (r) => ms(r.start), 20),
    col('end', 'instant', (r) => ms(r.end), 30),
    col('end_local', 'wallclock', (r) => ms(r.end), 20),
    col('time_zone', 'zone', () => timeZone, 18),
    col('duration_sec', 'seconds', (r) => (ms(r.end) - ms(r.start)) / 1000),
    col('caller_number', 'text', (r) => r.callerNumber, 18),
    col('access_number', 'text', (r) => r.accessNumber, 18),
    col('queue', 'text', (r) => r.queue, 20),
    col('agent', 'text', (r) => r.agent, 20),
    col('outcome', 'text', (r) => r.outcome),
    col('time_before_answer_sec', 'seconds', (r) => r.timeBeforeAnswerSec),
    col('wait_time_sec', 'seconds', (r) => r.waitTimeSec),
    col('speak_time_sec', 'seconds', (r) => r.speakTimeSec),
    col('callback_attempts', 'integer', (r) => r.callbackAttempts),
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
