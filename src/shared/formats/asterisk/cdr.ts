// Asterisk CDR (cdr_csv Master.csv, no header) → records. Two column orders:
// - cdr_csv default: accountcode, src, dst, dcontext, clid, channel, dstchannel,
//   lastapp, lastdata, start, answer, end, duration, billsec, disposition,
//   amaflags[, uniqueid][, userfield][, peeraccount, linkedid, sequence]
// - the cdr_custom.conf sample: clid, src, dst, dcontext, channel, dstchannel,
//   lastapp, lastdata, start, answer, end, duration, billsec, disposition,
//   amaflags, accountcode, uniqueid, userfield, sequence
// The layout is told per line by where the start time and the disposition are.
import Papa from 'papaparse';
import type { RejectedRow } from '../../model/row-accounting';
import { rawText } from '../common/types';
import { parseInstant } from '../common/time';

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

export function readCdr(
  text: string,
  file: string,
  zone: string,
): { records: CdrRecord[]; rejected: RejectedRow[]; recordCount: number } {
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

/** A CDR record from its named fields (as read, or as stored by an earlier import); null without times. */
export function cdrFromRaw(
  raw: Record<string, string>,
  origin: { file: string; line: number },
  zone: string,
): CdrRecord | null {
  const start = parseInstant(raw['start'], zone);
  const end = parseInstant(raw['end'], zone);
  if (start === null || end === null) return null;
  return {
    origin,
    raw,
    uniqueid: raw['uniqueid'] ?? '',
    linkedid: raw['linkedid'] || raw['uniqueid'] || '',
    src: raw['src'] ?? '',
    dst: raw['dst'] ?? '',
    dcontext: raw['dcontext'] ?? '',
    channel: raw['channel'] ?? '',
    dstchannel: raw['dstchannel'] ?? '',
    lastapp: raw['lastapp'] ?? '',
    start,
    answer: parseInstant(raw['answer'], zone),
    end,
    disposition: (raw['disposition'] ?? '').toUpperCase(),
  };
}

/** "PJSIP/1001-0000000a" → "1001": the endpoint behind a channel name. */
export function channelPeer(channel: string): string | null {
  const m = /^[A-Za-z0-9_]+\/([^-@]+)/.exec(channel);
  return m?.[1] ?? null;
}
