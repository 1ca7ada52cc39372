// Every read and rewrite of STORED RAW VALUES by the review features (erasure,
// the re-import check) goes through this module, and it goes through the row
// codec (src/main/import/row-codec.ts) for the encoding. The compact-archive work
// (#10) changes how raw rows are stored; when it lands, this is the one file of
// review work to adapt.
//
// What it assumes about storage (schema 3, the compact archive):
//  - raw_rows.fields holds the record's values in its layout's column order (layouts.columns,
//    JSON array of names) in the row codec's compact form; decodeFields / Layouts.encode convert;
//  - raw_rows.norm is encodeNorm(CallEventRow) or, for most call-events rows, NULL: the row is
//    read again from its values when its call is derived (so rewriting the values is enough);
//  - the per-import rows digest is SHA-256 over rawRowDigestLine(line, tbl, layout,
//    valuesDigestJson(fields)) in id order plus layoutsTrailer (store/digest.ts, as verify does);
//  - rejected_rows.raw is the rejected record's text; its digest line is `line\treason\traw\n`.
import { createHash } from 'node:crypto';
import { decodeFields, decodeNorm, encodeNorm, Layouts, storedValuesText, valuesDigestJson } from '../import/row-codec';
import { writeStoredValues } from '../import/raw-blocks';
import { layoutsTrailer, rawRowDigestLine } from '../store/digest';
import type { Db } from '../store/native';
import { all, iterate, run, sql } from '../store/sql';
import type { CallEventRow } from '../../shared/model/call-events';
import { rawCallInJsonList } from '../store/raw-call-key';

export interface StoredValues {
  id: number;
  importId: number;
  line: number;
  table: string;
  callId: string | null;
  layout: number;
  /** Column name → value, exactly as exported. */
  fields: Record<string, string>;
  /** The normalised row the engine reads, or null (companion tables, other platforms). */
  norm: CallEventRow | null;
  /** The verify digest line of the row as stored now. */
  digestLine: string;
  /** Table, columns and values: the same record imported again (any file, any line) has the same. */
  contentKey: string;
}

interface RawRow {
  id: number;
  import_id: number;
  line: number;
  tbl: string;
  call_id: string | null;
  layout: number;
  fields: string;
  norm: string | null;
  columns: string;
}

const SELECT =
  'SELECT r.id, r.import_id, r.line, r.tbl, r.call_id, r.layout, r.fields, r.norm, l.columns FROM raw_rows r JOIN layouts l ON l.id = r.layout';

const ROWS_OF_IMPORT = sql<RawRow, [importId: number]>(`${SELECT} WHERE r.import_id = ? ORDER BY r.id`);
const REWRITE_RAW = sql<void, [norm: string | null, layout: number, id: number]>(
  'UPDATE raw_rows SET norm = ?, layout = ? WHERE id = ?',
);
const REJECTED_LIKE = sql<{ id: number; import_id: number; line: number; reason: string; raw: string }, [like: string]>(
  "SELECT id, import_id, line, reason, raw FROM rejected_rows WHERE raw LIKE ? ESCAPE '\\' ORDER BY id",
);
const REWRITE_REJECTED = sql<void, [raw: string, id: number]>('UPDATE rejected_rows SET raw = ? WHERE id = ?');
const DIGEST_ROWS = sql<{ id: number; line: number; tbl: string; layout: number; fields: string }, [importId: number]>(
  'SELECT id, line, tbl, layout, fields FROM raw_rows WHERE import_id = ? ORDER BY id',
);
const DIGEST_REJECTED = sql<{ line: number; reason: string; raw: string }, [importId: number]>(
  'SELECT line, reason, raw FROM rejected_rows WHERE import_id = ? ORDER BY id',
);

function valuesOf(db: Db, r: RawRow): StoredValues {
  r.fields = storedValuesText(db, r.id, r.fields);
  return {
    id: r.id,
    importId: r.import_id,
    line: r.line,
    table: r.tbl,
    callId: r.call_id,
    layout: r.layout,
    fields: decodeFields(r.columns, r.fields),
    norm: r.norm === null ? null : decodeNorm(r.norm, { file: '', line: r.line }),
    digestLine: rawRowDigestLine(r.line, r.tbl, r.layout, valuesDigestJson(r.fields)),
    contentKey: `${r.tbl}\t${r.columns}\t${valuesDigestJson(r.fields)}`,
  };
}

/**
 * Stored raw rows whose values (or normalised row) may hold a text: `like` is a LIKE
 * pattern over the stored encoding, a prefilter only (the caller checks each value).
 * `callIds` restricts to the rows of those calls.
 */
export function* rawRowsLike(db: Db, like: string | null, callIds?: readonly string[]): Generator<StoredValues> {
  const conds: string[] = [];
  const params: unknown[] = [];
  // Values kept in a compressed block (fields = '') are matched here, after decoding.
  if (like !== null) {
    conds.push("(r.fields = '' OR r.fields LIKE ? ESCAPE '\\' OR r.norm LIKE ? ESCAPE '\\')");
    params.push(like, like);
  }
  if (callIds) {
    conds.push(rawCallInJsonList(db, 'r'));
    params.push(JSON.stringify(callIds));
  }
  const text = `${SELECT}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''} ORDER BY r.id`;
  // Read all first: the caller rewrites rows while going through them.
  const matches = like === null ? null : likeMatcher(like);
  for (const r of all(db, sql<RawRow, unknown[]>(text), ...params)) {
    if (matches !== null && r.fields === '') {
      const stored = storedValuesText(db, r.id, r.fields);
      if (!matches(stored) && (r.norm === null || !matches(r.norm))) continue;
    }
    yield valuesOf(db, r);
  }
}

/**
 * SQLite's LIKE with an ESCAPE '\\' as a test of a text (a prefilter: the caller checks each value).
 * Case-insensitive for every letter, so it matches at least what SQLite's ASCII-only folding does.
 */
export function likeMatcher(like: string): (text: string) => boolean {
  let source = '';
  let escaped = false;
  for (const ch of like) {
    if (escaped) {
      source += escapeRegExp(ch);
      escaped = false;
    } else if (ch === '\\') escaped = true;
    else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += escapeRegExp(ch);
  }
  const re = new RegExp(`^${source}$`, 'iu');
  return (text) => re.test(text);
}

function escapeRegExp(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The rows of one import (id order), e.g. to compare a new import's records with erased ones. */
export function* rawRowsOfImport(db: Db, importId: number): Generator<StoredValues> {
  for (const r of iterate(db, ROWS_OF_IMPORT, importId)) yield valuesOf(db, r);
}

/** Writes a row's values (and normalised row) back, encoded by the row codec; returns its new digest line. */
export function rewriteRawRow(
  db: Db,
  row: StoredValues,
  fields: Record<string, string>,
  norm: CallEventRow | null,
): string {
  const { layout, values } = new Layouts(db).encode(fields);
  writeStoredValues(db, row.id, values);
  run(db, REWRITE_RAW, norm === null ? null : encodeNorm(norm), layout, row.id);
  return rawRowDigestLine(row.line, row.table, layout, valuesDigestJson(values));
}

export interface StoredRejected {
  id: number;
  importId: number;
  line: number;
  reason: string;
  raw: string;
  digestLine: string;
}

export function rejectedRowsLike(db: Db, like: string): StoredRejected[] {
  return all(db, REJECTED_LIKE, like).map((r) => ({
    id: r.id,
    importId: r.import_id,
    line: r.line,
    reason: r.reason,
    raw: r.raw,
    digestLine: `${r.line}\t${r.reason}\t${r.raw}\n`,
  }));
}

export function rewriteRejected(db: Db, row: StoredRejected, raw: string): void {
  run(db, REWRITE_REJECTED, raw, row.id);
}

/** The two digests of an import as verify computes them from the rows stored now. */
export function importDigests(db: Db, importId: number): { rows: string; rejected: string } {
  const rows = createHash('sha256');
  const layouts = new Set<number>();
  for (const r of iterate(db, DIGEST_ROWS, importId)) {
    rows.update(rawRowDigestLine(r.line, r.tbl, r.layout, valuesDigestJson(storedValuesText(db, r.id, r.fields))));
    layouts.add(r.layout);
  }
  rows.update(layoutsTrailer(db, [...layouts]));
  const rej = createHash('sha256');
  for (const r of iterate(db, DIGEST_REJECTED, importId)) rej.update(`${r.line}\t${r.reason}\t${r.raw}\n`);
  return { rows: rows.digest('hex'), rejected: rej.digest('hex') };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
