// The one module that encodes and decodes stored raw rows (schema v3). Every
// exported value is kept once, byte-exact: the values of a record joined by a
// unit separator (U+001F) in its layout's column order, the column names once
// per distinct header (layouts table). A record with a value containing U+001F,
// or whose first value starts with '[', is stored as a JSON array instead (the
// v2 form, which is also what archives of schema v2 hold): decodeValues reads both.
//
// The normalised CallEventRow the engine reads is not stored: it is computed
// again from the stored values by the shared reader's record interpreter
// (recordReader) with the import's time zone and file label, which is what
// produced it at import time. Rows whose re-interpretation cannot be trusted
// (another opener than the project's reader, a header with a repeated column
// name) keep it in `raw_rows.norm` (JSON array in NORM_FIELDS order).
//
// API for the other parts of the app:
// - encodeValues / decodeValues / valuesDigestJson: the stored `fields` text
// - Layouts (import) and decodeFields (read): records ↔ (layout, fields)
// - StoredRowInterpreter.callEventRow: a stored call-events row → CallEventRow
// - loadCallEventRows(db, callId): a call's stored rows as engine input (+ refs)
// - rewriteRawValues(db, rawRowId, values): replace a stored row's values
// - storedValuesText(db, id, fields): a stored row's encoded values, from `fields` or its
//   compressed block (raw-blocks.ts): every read of raw_rows.fields goes through it
import type { Statement } from 'better-sqlite3';
import type { CallEventRow } from '../../shared/model/call-events';
import { recogniseHeader } from '../../shared/reader/columns';
import { makeClock } from '../../shared/reader/export-parser';
import { recordReader } from '../../shared/reader/records';
import type { ReaderItem } from '../../shared/reader/types';
import type { Db } from '../store/native';
import { prepareOwn, sql } from '../store/sql';
import type { StoredRowRef } from './call-rows';
import { storedValuesText, writeStoredValues } from './raw-blocks';
import { rawCallIsParam } from '../store/raw-call-key';

export { packRawRows, storedValuesText } from './raw-blocks';

const SEP = '\u001f';

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

/**
 * A record's values as stored: joined by U+001F, or a JSON array when that would be ambiguous
 * (a first value starting with '[', a value holding U+001F, or a record of one empty value:
 * '' in raw_rows.fields means "in its block", see raw-blocks.ts).
 */
export function encodeValues(values: readonly string[]): string {
  if (values.length === 0 || values[0]!.startsWith('[') || (values.length === 1 && values[0] === ''))
    return JSON.stringify(values);
  for (const v of values) if (v.includes(SEP)) return JSON.stringify(values);
  return values.join(SEP);
}

/** The values of a stored `fields` text (either form). */
export function decodeValues(text: string): string[] {
  return text.startsWith('[') ? (JSON.parse(text) as string[]) : text.split(SEP);
}

/** The values as the JSON array the rows digest is computed over (the same for both stored forms). */
export function valuesDigestJson(text: string): string {
  return text.startsWith('[') ? text : JSON.stringify(text.split(SEP));
}

/** Interns column lists: one layouts row per distinct header. */
export class Layouts {
  private readonly byKey = new Map<string, number>();
  private lastKeys: string[] | null = null;
  private lastLayout = 0;
  private readonly find: Statement<[columns: string], number>;
  private readonly insert: Statement<[columns: string]>;

  constructor(db: Db) {
    this.find = prepareOwn(db, sql<number, [columns: string]>('SELECT id FROM layouts WHERE columns = ?'), 'pluck');
    this.insert = prepareOwn(db, sql<void, [columns: string]>('INSERT INTO layouts (columns) VALUES (?)'));
  }

  /** The layout id of a record's columns, its values in that order (`list`) and as stored (`values`). */
  encode(fields: Record<string, string>): { layout: number; values: string; list: string[] } {
    // Records of one file share their header: compare with the last record's columns
    // in one pass instead of joining every record's column names into a key.
    const last = this.lastKeys;
    const list: string[] = [];
    let same = last !== null;
    for (const k in fields) {
      if (same && last![list.length] !== k) same = false;
      list.push(fields[k]!);
    }
    if (!same || list.length !== last!.length) this.remember(Object.keys(fields));
    return { layout: this.lastLayout, values: encodeValues(list), list };
  }

  /** The layout id of a column list (added to the archive's layouts when new). */
  idOf(keys: string[]): number {
    this.remember(keys);
    return this.lastLayout;
  }

  private remember(keys: string[]): void {
    const key = keys.join('\u0001');
    let layout = this.byKey.get(key);
    if (layout === undefined) {
      const columns = JSON.stringify(keys);
      layout = this.find.get(columns) ?? Number(this.insert.run(columns).lastInsertRowid);
      this.byKey.set(key, layout);
    }
    this.lastKeys = keys;
    this.lastLayout = layout;
  }
}

/** Column name → value again, from a layout's column list and the stored values. */
export function decodeFields(columnsJson: string, valuesText: string): Record<string, string> {
  const columns = JSON.parse(columnsJson) as string[];
  const values = decodeValues(valuesText);
  const out: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) out[columns[i]!] = values[i] ?? '';
  return out;
}

/** A stored call-events row with what reading it again needs. */
export interface StoredEventRow {
  line: number;
  layout: number;
  fields: string;
  norm: string | null;
  file_label: string;
  time_zone: string;
}

type Interpret = (fields: readonly string[], line: number) => ReaderItem;

/**
 * Turns stored call-events rows back into the CallEventRow the reader made of
 * them at import time: the stored norm when there is one, else the record
 * interpreter of its layout, time zone and file label (cached per combination).
 */
export class StoredRowInterpreter {
  private readonly columnsOf: Statement<[layout: number], string>;
  private readonly readers = new Map<string, Interpret>();

  constructor(db: Db) {
    this.columnsOf = prepareOwn(db, sql<string, [layout: number]>('SELECT columns FROM layouts WHERE id = ?'), 'pluck');
  }

  callEventRow(r: StoredEventRow): CallEventRow {
    const origin = { file: r.file_label, line: r.line };
    if (r.norm !== null) return decodeNorm(r.norm, origin);
    const item = this.readerOf(r.layout, r.time_zone, r.file_label)(decodeValues(r.fields), r.line);
    if (item.kind !== 'row')
      throw new Error(`stored row ${r.file_label}:${r.line} is no longer read as a call-events row (${item.kind})`);
    return item.row;
  }

  /** The interpreter of a layout (null when its columns are not a call-events header). */
  readerOf(layout: number, timeZone: string, fileLabel: string): Interpret {
    const key = `${layout}\u0001${timeZone}\u0001${fileLabel}`;
    let reader = this.readers.get(key);
    if (reader === undefined) {
      const columns = JSON.parse(this.columnsOf.get(layout) ?? '[]') as string[];
      const recognised = recogniseHeader(columns);
      if (!recognised.ok || recognised.layout.table !== 'call_events')
        throw new Error(`layout ${layout} is not a call-events header`);
      reader = recordReader({
        layout: recognised.layout,
        clock: makeClock(timeZone),
        fileLabel,
        delimiter: ',',
        rowRaw: false,
      });
      if (this.readers.size > 1000) this.readers.clear();
      this.readers.set(key, reader);
    }
    return reader;
  }
}

/** A stored call-events row read back: its ref for the accounting, and its row for the engine. */
export interface LoadedCallRows {
  rows: CallEventRow[];
  refs: StoredRowRef[];
}

const loadCallRows = (db: Db) =>
  sql<LoadedRow, [callId: string]>(
    'SELECT r.id, r.line, r.status, r.reason, r.norm, r.layout, r.fields, i.file_label, i.time_zone ' +
      `FROM raw_rows r JOIN imports i ON i.id = r.import_id WHERE ${rawCallIsParam(db, 'r')} AND r.tbl = 'call_events' ORDER BY r.id`,
  );

type LoadedRow = StoredEventRow & { id: number; status: 'used' | 'kept'; reason: string | null };

/** Reads every stored call-events row of a call, in id (delivery) order. */
export class CallRowLoader {
  private readonly stmt: Statement<[callId: string], LoadedRow>;
  readonly interpreter: StoredRowInterpreter;

  constructor(
    private readonly db: Db,
    interpreter?: StoredRowInterpreter,
  ) {
    this.stmt = prepareOwn(db, loadCallRows(db));
    this.interpreter = interpreter ?? new StoredRowInterpreter(db);
  }

  /** The engine input of a call (rows) and their stored accounting (refs). */
  load(callId: string, fromStore = false): LoadedCallRows {
    const rows: CallEventRow[] = [];
    const refs: StoredRowRef[] = [];
    for (const r of this.stmt.all(callId)) {
      r.fields = storedValuesText(this.db, r.id, r.fields);
      const row = this.interpreter.callEventRow(r);
      rows.push(row);
      refs.push({
        id: r.id,
        origin: row.origin,
        status: r.status,
        reason: r.reason,
        ...(fromStore ? { fromStore } : {}),
      });
    }
    return { rows, refs };
  }
}

/** A call's stored call-events rows as engine input (for verify --deep and the read path). */
export function loadCallEventRows(db: Db, callId: string): LoadedCallRows {
  return new CallRowLoader(db).load(callId);
}

/**
 * Replaces the stored values of one raw row (erasure): `values` in its layout's
 * column order. A row without a stored norm is read again from its new values
 * when its call is derived again; a row with one (rare, see above) keeps it:
 * the caller decides what its normalised row must become.
 */
export function rewriteRawValues(db: Db, rawRowId: number, values: readonly string[]): void {
  writeStoredValues(db, rawRowId, encodeValues(values));
}
