// The columns a table has now: migrations that add columns only where they are missing ask this.
import type { Db } from './native';
import { sql, values } from './sql';

const TABLE_COLUMNS = sql<string, [table: string]>('SELECT name FROM pragma_table_info(?)');

export function tableColumns(db: Db, table: string): Set<string> {
  return new Set(values(db, TABLE_COLUMNS, table));
}
