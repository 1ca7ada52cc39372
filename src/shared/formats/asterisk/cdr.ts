// Asterisk CDR (cdr_csv Master.csv, no header) → records. Two column orders:
// - cdr_csv default: accountcode, src, dst, dcontext, clid, channel, dstchannel,
//   lastapp, lastdata, start, answer, end, duration, billsec, disposition,
//   amaflags[, uniqueid][, userfield][, peeraccount, linkedid, sequence]
// - the cdr_custom.conf sample: clid, src, dst, dcontext, channel, dstchannel,
//   lastapp, lastdata, start, answer, end, duration, billsec, disposition,
//   amaflags, accountcode, uniqueid, userfield, sequence
// The layout is told per line by where the start time and the disposition are.
// A database table export with a header row is read by column names (cdr-table.ts).
import Papa from 'papaparse';
import type { RejectedRow } from '../../model/row-accounting';
import { countUnknown, rawText } from '../common/types';
import type { UnknownCounts } from '../common/types';
import { parseInstant, parseSeconds } from '../common/time';
import { canonicalCdr, cdrTableHeader, unknownCdrColumns } from './cdr-table';
import { headerDelimiter } from './queue-log';

const DEFAULT_COLS = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
];
/** Trailing columns of the default order, by total column count (loguniqueid, loguserfield, newcdrcolumns). */
const DEFAULT_TAIL: Record<number, string[]> = {
  16: [],
  17: ['uniqueid'],
  18: ['uniqueid', 'userfield'],
  19: ['peeraccount', 'linkedid', 'sequence'],
  20: ['uniqueid', 'peeraccount', 'linkedid', 'sequence'],
  21: ['uniqueid', 'userfield', 'peeraccount', 'linkedid', 'sequence'],
};
const CUSTOM_COLS = [
  'clid',
  'src',
  'dst',
  'dcontext',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
  'accountcode',
  'uniqueid',
  'userfield',
  'sequence',
  'linkedid',
];
const DISPOSITIONS = /^(ANSWERED|NO ANSWER|BUSY|FAILED|CONGESTION)$/i;
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/;

export interface CdrRecord {
  origin: { file: string; line: number };
  raw: Record<string, string>;
  uniqueid: string;
  linkedid: string;
  src: string;
  dst: string;
  dcontext: string;
  channel: string;
  dstchannel: string;
  lastapp: string;
  /** The DID column of front ends that store it (FreePBX, Issabel); '' when absent. */
  did: string;
  start: number;
  answer: number | null;
  end: number;
  disposition: string;
}

export function cdrLayout(cells: readonly string[]): 'default' | 'custom' | null {
  const n = cells.length;
  if (n >= 16 && n <= 21 && DATETIME.test(cells[9] ?? '') && DISPOSITIONS.test(cells[14] ?? '')) return 'default';
  if (n >= 18 && n <= 20 && DATETIME.test(cells[8] ?? '') && DISPOSITIONS.test(cells[13] ?? '')) return 'custom';
  return null;
}

export interface CdrRead {
  records: CdrRecord[];
  rejected: RejectedRow[];
  recordCount: number;
}

/** The header of a database table export, when the text starts with one (else null: a Master.csv). */
export function cdrTableOf(text: string): { delimiter: string; header: string[] } | null {
  const firstLine = text.replace(/^\uFEFF/, '').slice(0, Math.max(0, text.search(/\r?\n|$/)));
  const delimiter = headerDelimiter(firstLine);
  const header = Papa.parse<string[]>(firstLine, { delimiter }).data[0] ?? [];
  return cdrTableHeader(header) ? { delimiter, header: header.map((h) => h.trim()) } : null;
}

export function readCdr(text: string, file: string, zone: string, unknown?: UnknownCounts): CdrRead {
  const table = cdrTableOf(text);
  if (table) return readCdrTable(text.replace(/^\uFEFF/, ''), table, file, zone, unknown);
  // cdr_csv and the cdr_custom sample always separate with commas.
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter: ',' }).data;
  const records: CdrRecord[] = [];
  const rejected: RejectedRow[] = [];
  let recordCount = 0;
  rows.forEach((cells, i) => {
    if (cells.length === 1 && (cells[0] ?? '').trim() === '') return;
    recordCount++;
    const layout = cdrLayout(cells);
    const names =
      layout === 'default'
        ? [...DEFAULT_COLS, ...(DEFAULT_TAIL[cells.length] ?? [])]
        : layout === 'custom'
          ? CUSTOM_COLS
          : null;
    const raw: Record<string, string> = {};
    cells.forEach((c, j) => (raw[names?.[j] ?? `column${j + 1}`] = c));
    const start = parseInstant(raw['start'], zone);
    const end = parseInstant(raw['end'], zone);
    if (!names || start === null || end === null) {
      rejected.push({
        origin: { file, line: i + 1 },
        reason: 'not an Asterisk CDR line (cdr_csv default or cdr_custom column order)',
        raw: rawText(cells.join(',')),
      });
      return;
    }
    records.push(cdrFromRaw(raw, { file, line: i + 1 }, zone) as CdrRecord);
  });
  return { records, rejected, recordCount };
}

/** A database table export: one record per row after the header, fields under the exported names. */
function readCdrTable(
  text: string,
  table: { delimiter: string; header: string[] },
  file: string,
  zone: string,
  unknown: UnknownCounts | undefined,
): CdrRead {
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter: table.delimiter }).data;
  const { header } = table;
  if (unknown) for (const name of unknownCdrColumns(header)) countUnknown(unknown.fields, name);
  const records: CdrRecord[] = [];
  const rejected: RejectedRow[] = [];
  let recordCount = 0;
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    if (cells.length === 1 && (cells[0] ?? '').trim() === '') continue;
    recordCount++;
    const origin = { file, line: r + 1 };
    const raw: Record<string, string> = {};
    header.forEach((h, j) => (raw[h || `column${j + 1}`] = cells[j] ?? ''));
    for (let j = header.length; j < cells.length; j++) raw[`column${j + 1}`] = cells[j] ?? '';
    const record = cdrFromRaw(raw, origin, zone);
    if (record) records.push(record);
    else {
      const c = canonicalCdr(raw);
      const why =
        parseInstant(c.start, zone) === null
          ? `unreadable call start "${c.start}"`
          : `no call end: neither a readable end time "${c.end}" nor a duration "${c.duration}"`;
      rejected.push({ origin, reason: `CDR table row: ${why}`, raw: rawText(cells.join(table.delimiter)) });
    }
  }
  return { records, rejected, recordCount };
}

/**
 * A CDR record from its named fields (as read, or as stored by an earlier import; Master.csv's names
 * or a table export's aliases); null without a readable start and end. A table without end / answer
 * columns (cdr_mysql's calldate, duration, billsec) has them computed: end = start + duration, and
 * for an answered call answer = end − billsec.
 */
export function cdrFromRaw(
  raw: Record<string, string>,
  origin: { file: string; line: number },
  zone: string,
): CdrRecord | null {
  const c = canonicalCdr(raw);
  const start = parseInstant(c.start, zone);
  if (start === null) return null;
  const duration = parseSeconds(c.duration);
  const end = parseInstant(c.end, zone) ?? (duration !== null && duration >= 0 ? start + duration * 1000 : null);
  if (end === null) return null;
  const disposition = c.disposition.toUpperCase();
  const billsec = parseSeconds(c.billsec);
  const answer =
    parseInstant(c.answer, zone) ??
    (c.answer === '' && disposition === 'ANSWERED' && billsec !== null && billsec >= 0 ? end - billsec * 1000 : null);
  return {
    origin,
    raw,
    uniqueid: c.uniqueid,
    linkedid: c.linkedid || c.uniqueid,
    src: c.src,
    dst: c.dst,
    dcontext: c.dcontext,
    channel: c.channel,
    dstchannel: c.dstchannel,
    lastapp: c.lastapp,
    did: c.did,
    start,
    answer,
    end,
    disposition,
  };
}

/** The number the caller dialled: the DID where the table has one, else dst unless it is the 's' extension. */
export function accessNumberOf(r: CdrRecord): string | null {
  if (r.did) return r.did;
  return r.dst && r.dst !== 's' ? r.dst : null;
}

/** "PJSIP/1001-0000000a" → "1001": the endpoint behind a channel name. */
export function channelPeer(channel: string): string | null {
  const m = /^[A-Za-z0-9_]+\/([^-@]+)/.exec(channel);
  return m?.[1] ?? null;
}
