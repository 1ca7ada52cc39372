// Compact storage of raw rows: the values of a record as a JSON array, its
// column names once per distinct header (layouts table); the normalised
// CallEventRow as a JSON array in a fixed field order. Halves the archive
// compared with JSON objects per row, and is exactly reversible.
import type { Statement } from 'better-sqlite3';
import type { CallEventRow } from '../../shared/model/call-events';
import type { Db } from '../store/native';

/** Field order of an encoded CallEventRow (origin is not stored: it is the import's label + line). */
const NORM_FIELDS = [
  'callId',
  'sessionId',
  'callSequence',
  'eventType',
  'start',
  'durationSec',
  'speakStart',
  'speakSec',
  'source',
  'destination',
  'resultCode',
  'ciq',
  'queueKey',
  'agentId',
  'menuName',
  'menuKey',
  'recId',
  'updated',
  'extras',
] as const satisfies readonly (keyof CallEventRow)[];

export function encodeNorm(row: CallEventRow): string {
  const out: unknown[] = new Array(NORM_FIELDS.length);
  for (let i = 0; i < NORM_FIELDS.length; i++) {
    const v = row[NORM_FIELDS[i]!];
    out[i] = v === undefined ? null : v;
  }
  return JSON.stringify(out);
}

export function decodeNorm(text: string, origin: CallEventRow['origin']): CallEventRow {
  const values = JSON.parse(text) as unknown[];
  const row: Record<string, unknown> = {};
  for (let i = 0; i < NORM_FIELDS.length; i++) row[NORM_FIELDS[i]!] = values[i];
  row['origin'] = origin;
  return row as unknown as CallEventRow;
}

/** Interns column lists: one layouts row per distinct header. */
export class Layouts {
  private readonly byKey = new Map<string, number>();
  private lastKeys: string[] | null = null;
  private lastLayout = 0;
  private readonly find: Statement;
  private readonly insert: Statement;

  constructor(db: Db) {
    this.find = db.prepare('SELECT id FROM layouts WHERE columns = ?').pluck();
    this.insert = db.prepare('INSERT INTO layouts (columns) VALUES (?)');
  }

  /** The layout id of a record's columns, and its values in that order as JSON. */
  encode(fields: Record<string, string>): { layout: number; values: string } {
    // Records of one file share their header: compare with the last record's columns
    // in one pass instead of joining every record's column names into a key.
    const last = this.lastKeys;
    const values: string[] = [];
    let same = last !== null;
    for (const k in fields) {
      if (same && last![values.length] !== k) same = false;
      values.push(fields[k]!);
    }
    if (!same || values.length !== last!.length) this.remember(Object.keys(fields));
    return { layout: this.lastLayout, values: JSON.stringify(values) };
  }

  private remember(keys: string[]): void {
    const key = keys.join('\u0001');
    let layout = this.byKey.get(key);
    if (layout === undefined) {
      const columns = JSON.stringify(keys);
      layout = (this.find.get(columns) as number | undefined) ?? Number(this.insert.run(columns).lastInsertRowid);
      this.byKey.set(key, layout);
    }
    this.lastKeys = keys;
    this.lastLayout = layout;
  }
}

/** Column name → value again, from a layout's column list and the stored values. */
export function decodeFields(columnsJson: string, valuesJson: string): Record<string, string> {
  const columns = JSON.parse(columnsJson) as string[];
  const values = JSON.parse(valuesJson) as string[];
  const out: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) out[columns[i]!] = values[i] ?? '';
  return out;
}
