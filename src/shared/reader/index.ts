// The pure part of the call-events reader: header recognition, record
// normalisation (time zone, DST, decimals), incremental CSV / JSON Lines
// splitting. File access and decoding live in src/main/readers.
export * from './types';
export { ReaderError } from './errors';
export {
  recogniseHeader,
  normaliseColumnName,
  companionTableOf,
  CALL_EVENT_COLUMNS,
  COMPANION_COLUMNS,
  KEPT_TABLES,
  EXPECTED_TABLES_TEXT,
} from './columns';
export type { TableLayout, TableName, Recognition } from './columns';
export { ZoneClock, InvalidTimeZoneError, parseWallClock, cellToUtc } from './local-time';
export { recordReader, parseDecimal, MAX_EVENT_DURATION_SEC } from './records';
export { CsvSplitter, JsonLinesSplitter, sniffText, MAX_RECORD_CHARS } from './splitters';
export type { SplitRecord, Sniffed, Newline } from './splitters';
export { createExportParser, makeClock } from './export-parser';
export type { ExportParser } from './export-parser';
