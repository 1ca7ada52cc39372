// queue_log text → records. Two shapes of the same table:
// - the native file: `epoch|callid|queuename|agent|event|data1|data2|…`
// - a database export as CSV with a header: time,callid,queuename,agent,event
//   and either data1..dataN (or param1..paramN) or one `data` column (pipe-joined
//   parameters); columns by name in any order, with the aliases of ALIASES below.
//   Missing values may be written NULL or \N (read as empty).
import Papa from 'papaparse';
import type { RejectedRow } from '../../model/row-accounting';
import type { UnknownCounts } from '../common/types';
import { countUnknown, rawText } from '../common/types';
import { parseInstant } from '../common/time';
import { isMissingValue } from './cdr-table';

/** The CSV header of a database export, shared by all its records. */
interface CsvLayout {
  header: readonly string[];
  dataCols: readonly { h: string; i: number }[];
}

/** A cell of a database export: NULL / \N / empty read as missing (''), else trimmed. */
const cellValue = (v: string | undefined): string => (isMissingValue(v) ? '' : (v ?? '').trim());

const DATA_COLUMN = /^(data|param|arg)\d*$/i;

function csvLayout(header: readonly string[]): CsvLayout {
  return { header, dataCols: header.map((h, i) => ({ h, i })).filter(({ h }) => DATA_COLUMN.test(h.trim())) };
}

/**
 * One queue_log line. The cells are kept as split and the raw record and the
 * parameters are built on demand: a queue_log has millions of short lines, and
 * a few small objects per line is what lets a whole file fit in memory.
 */
export interface QueueLogRecord {
  origin: { file: string; line: number };
  time: number;
  callid: string;
  queue: string;
  agent: string;
  event: string;
  /** The pipe line as written, or the CSV row's cells. */
  source: string | readonly string[];
  /** null for the pipe form. */
  layout: CsvLayout | null;
}

const cellsOf = (r: QueueLogRecord): readonly string[] =>
  typeof r.source === 'string' ? r.source.split('|') : r.source;

const PIPE_NAMES = ['time', 'callid', 'queuename', 'agent', 'event'];

/** The record's fields by name, as written (data1..dataN for the pipe form). */
export function rawOf(r: QueueLogRecord): Record<string, string> {
  const raw: Record<string, string> = {};
  const cells = cellsOf(r);
  if (r.layout) r.layout.header.forEach((h, i) => (raw[h || `column${i + 1}`] = cells[i] ?? ''));
  else cells.forEach((c, i) => (raw[PIPE_NAMES[i] ?? `data${i - 4}`] = c));
  return raw;
}

/**
 * The event's parameters: data1..dataN, or the pipe-joined `data` column split. Asterisk's realtime
 * queue_log writes the parameters past the fifth into data5, pipe-joined (an ATTENDEDTRANSFER LINK
 * has six): the last numbered column is split too.
 */
export function dataOf(r: QueueLogRecord): string[] {
  const cells = cellsOf(r);
  if (!r.layout) return cells.slice(5);
  const cols = r.layout.dataCols;
  let data = cols.flatMap(({ h, i }, k) =>
    /^data$/i.test(h.trim()) || k === cols.length - 1 ? cellValue(cells[i]).split('|') : [cellValue(cells[i])],
  );
  while (data.length && data[data.length - 1] === '') data = data.slice(0, -1);
  return data;
}

export interface QueueLogRead {
  records: QueueLogRecord[];
  rejected: RejectedRow[];
  recordCount: number;
}

const PIPE_LINE =
  /^\s*(\d{9,11}(?:\.\d+)?|\d{4}-\d{2}-\d{2}[ T][\d:.]+)\|[^|\r\n]*\|[^|\r\n]*\|[^|\r\n]*\|[A-Za-z_]+(\||\s*$)/;
const CORE = ['time', 'callid', 'queuename', 'agent', 'event'] as const;
/** Header names databases use for the same columns (Asterisk realtime, Wazo, FreePBX exports). */
const ALIASES: Record<string, (typeof CORE)[number]> = {
  time: 'time',
  timestamp: 'time',
  created: 'time',
  date_time: 'time',
  datetime: 'time',
  event_time: 'time',
  time_id: 'time',
  callid: 'callid',
  call_id: 'callid',
  uniqueid: 'callid',
  unique_id: 'callid',
  queuename: 'queuename',
  queue_name: 'queuename',
  queue: 'queuename',
  agent: 'agent',
  membername: 'agent',
  member: 'agent',
  agent_name: 'agent',
  event: 'event',
  verb: 'event',
  event_name: 'event',
};
const KNOWN_EXTRA =
  /^((data|param|arg)\d*|id|serverid|server_id|partition|unique_row_count|row_id|created_at|updated_at)$/i;

/**
 * Every time column of a header, in order (a vendor table may hold epoch seconds in `date_time`
 * next to a formatted `time`): a row's time is read from the first that holds epoch seconds, else
 * the first that parses.
 */
function timeColumns(header: readonly string[]): number[] {
  return header.flatMap((h, i) => (ALIASES[h.trim().toLowerCase().replace(/^"|"$/g, '')] === 'time' ? [i] : []));
}

function rowTime(cells: readonly string[], timeCols: readonly number[], zone: string): number | null {
  const values = timeCols.map((i) => cellValue(cells[i]));
  const epoch = values.find((v) => /^\d{9,11}(\.\d+)?$/.test(v));
  if (epoch !== undefined) return parseInstant(epoch, zone);
  for (const v of values) {
    const at = parseInstant(v, zone);
    if (at !== null) return at;
  }
  return null;
}

/** The call id of a stored queue_log record (any header alias), or undefined. */
export function queueLogCallId(raw: Readonly<Record<string, string>>): string | undefined {
  const header = Object.keys(raw);
  const i = queueLogHeader(header)?.get('callid');
  const name = i === undefined ? undefined : header[i];
  return name === undefined ? undefined : cellValue(raw[name]);
}

/** The queue a stored queue_log record names (any header alias), or null (none, `NONE`, not a queue_log record). */
export function queueLogQueue(raw: Readonly<Record<string, string>>): string | null {
  const header = Object.keys(raw);
  const i = queueLogHeader(header)?.get('queuename');
  const name = i === undefined ? undefined : header[i];
  const queue = name === undefined ? '' : cellValue(raw[name]);
  return queue === '' || queue.toUpperCase() === 'NONE' ? null : queue;
}

/**
 * The delimiter of a database export, told by its header line (comma, semicolon or tab): never
 * guessed from the data, whose pipe-joined `data` column would mislead a guess.
 */
export function headerDelimiter(headerLine: string): string {
  const count = (c: string): number => headerLine.split(c).length - 1;
  const best = [',', ';', '\t'].map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : ',';
}

export function isPipeLine(line: string): boolean {
  return PIPE_LINE.test(line);
}

/** Column map of a CSV header, when it is the queue_log table. */
export function queueLogHeader(cells: readonly string[]): Map<(typeof CORE)[number], number> | null {
  const map = new Map<(typeof CORE)[number], number>();
  cells.forEach((c, i) => {
    const key = ALIASES[c.trim().toLowerCase().replace(/^"|"$/g, '')];
    if (key && !map.has(key)) map.set(key, i);
  });
  return CORE.every((k) => map.has(k)) ? map : null;
}

function reject(file: string, line: number, reason: string, raw: string): RejectedRow {
  return { origin: { file, line }, reason, raw: rawText(raw) };
}

export function readQueueLog(text: string, file: string, zone: string, unknown: UnknownCounts): QueueLogRead {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const header = isPipeLine(firstLine)
    ? null
    : queueLogHeader(Papa.parse<string[]>(firstLine, { delimiter: headerDelimiter(firstLine) }).data[0] ?? []);
  return header ? readCsv(text, file, zone, unknown) : readPipe(text, file, zone);
}

function readPipe(text: string, file: string, zone: string): QueueLogRead {
  const records: QueueLogRecord[] = [];
  const rejected: RejectedRow[] = [];
  let recordCount = 0;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    recordCount++;
    const cells = line.split('|');
    const [time, callid, queue, agent, event] = cells;
    const at = parseInstant(time, zone);
    if (cells.length < 5 || at === null || !event || !/^[A-Za-z_]+$/.test(event.trim())) {
      rejected.push(reject(file, i + 1, 'not a queue_log line (epoch|callid|queuename|agent|event|…)', line));
      return;
    }
    records.push({
      origin: { file, line: i + 1 },
      time: at,
      callid: (callid ?? '').trim(),
      queue: (queue ?? '').trim(),
      agent: (agent ?? '').trim(),
      event: event.trim().toUpperCase(),
      source: line,
      layout: null,
    });
  });
  return { records, rejected, recordCount };
}

function readCsv(text: string, file: string, zone: string, unknown: UnknownCounts): QueueLogRead {
  const parsed = Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    delimiter: headerDelimiter(text.slice(0, text.search(/\r?\n|$/))),
  });
  const rows = parsed.data;
  const headerCells = (rows[0] ?? []).map((h) => h.trim());
  const map = queueLogHeader(headerCells);
  const records: QueueLogRecord[] = [];
  const rejected: RejectedRow[] = [];
  let recordCount = 0;
  if (!map) return { records, rejected, recordCount };
  for (const h of headerCells) if (!ALIASES[h.toLowerCase()] && !KNOWN_EXTRA.test(h)) countUnknown(unknown.fields, h);
  const layout = csvLayout(headerCells);
  const timeCols = timeColumns(headerCells);
  const col = (row: string[], k: (typeof CORE)[number]): string => cellValue(row[map.get(k) ?? -1]);
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (row.length === 1 && (row[0] ?? '').trim() === '') continue;
    recordCount++;
    const line = r + 1;
    const at = rowTime(row, timeCols, zone);
    const event = col(row, 'event').toUpperCase();
    if (at === null || !/^[A-Z_]+$/.test(event)) {
      rejected.push(
        reject(
          file,
          line,
          at === null
            ? `unreadable time "${timeCols.map((i) => cellValue(row[i])).find((v) => v !== '') ?? ''}"`
            : `unreadable event "${event}"`,
          row.join(','),
        ),
      );
      continue;
    }
    records.push({
      origin: { file, line },
      time: at,
      callid: col(row, 'callid'),
      queue: col(row, 'queuename'),
      agent: col(row, 'agent'),
      event,
      source: row,
      layout,
    });
  }
  return { records, rejected, recordCount };
}

/** A queue_log record from its named fields (as stored by an earlier import); null when unreadable. */
export function queueLogFromRaw(
  raw: Record<string, string>,
  origin: { file: string; line: number },
  zone: string,
): QueueLogRecord | null {
  const header = Object.keys(raw);
  const map = queueLogHeader(header);
  if (!map) return null;
  const cells = header.map((h) => raw[h] ?? '');
  const col = (k: (typeof CORE)[number]): string => cellValue(cells[map.get(k) ?? -1]);
  const time = rowTime(cells, timeColumns(header), zone);
  const event = col('event').toUpperCase();
  if (time === null || !/^[A-Z_]+$/.test(event)) return null;
  const layout = csvLayout(header);
  return {
    origin,
    time,
    callid: col('callid'),
    queue: col('queuename'),
    agent: col('agent'),
    event,
    source: cells,
    layout,
  };
}
