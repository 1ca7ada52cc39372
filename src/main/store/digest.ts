// The per-import rows digest: SHA-256 over every stored raw row of the import
// in id order (`line \t table \t layout \t values \n`, values as a JSON array of
// strings whatever their stored form: row-codec.ts valuesDigestJson), closed by the column
// lists of the layouts those rows use. Computed while importing, recomputed by
// verify: any edited, added or deleted row or column name changes it.
import type { Db } from './native';
import { sql, value } from './sql';

const LAYOUT_COLUMNS = sql<string, [layoutId: number]>('SELECT columns FROM layouts WHERE id = ?');

export function rawRowDigestLine(line: number, tbl: string, layout: number, values: string): string {
  return `${line}\t${tbl}\t${layout}\t${values}\n`;
}

export function layoutsTrailer(db: Db, layoutIds: number[]): string {
  return [...layoutIds]
    .sort((a, b) => a - b)
    .map((id) => `layout\t${id}\t${value(db, LAYOUT_COLUMNS, id) ?? ''}\n`)
    .join('');
}
