// The columns a table has now (migrations that add columns only where they are missing ask this), and
// how many rows it holds (what a migration's progress counts).
import type { Db } from './native';
import { sql, value, values } from './sql';

const TABLE_COLUMNS = sql<string, [table: string]>('SELECT name FROM pragma_table_info(?)');

export function tableColumns(db: Db, table: string): Set<string> {
  return new Set(values(db, TABLE_COLUMNS, table));
}

/** The rows of a table named by the code (never by input): a migration's progress total. */
export function rowCount(db: Db, table: 'calls' | 'call_agents' | 'raw_rows'): number {
  return value(db, sql<number>(`SELECT count(*) FROM ${table}`)) ?? 0;
}
