// The sort key (sort value, id) a given number of rows into a search's sort order: one
// `ORDER BY value, id LIMIT 1 OFFSET ?` over (sort value, id) only, which on the sort's index
// (`indexed`) is a covering scan of `offset` entries. Shared by the offset jump
// (CallSearcher.seek) and the bound of a walk of the sort index (search-strategies.ts).
import type { SortColumn } from '../../shared/api/schemas';
import type { Db } from '../store/native';
import { one, sql } from '../store/sql';
import { SORT_EXPR, SORT_INDEX } from './search-sql';
import type { Key } from './search-state';

export interface SortSeek {
  sort: SortColumn;
  dir: 'ASC' | 'DESC';
  /** Read through the sort's index (INDEXED BY), else SQLite's choice. */
  indexed: boolean;
  /** The WHERE clause over `calls c` and its parameters. */
  where: string;
  params: readonly unknown[];
  /** How many rows of the order to pass over. */
  offset: number;
}

/** The key of the row `offset` rows into the order; null when there are no more rows. */
export function sortKeyAt(db: Db, s: SortSeek): Key | null {
  const expr = SORT_EXPR[s.sort];
  const from = s.indexed ? `calls c INDEXED BY ${SORT_INDEX[s.sort]}` : 'calls c';
  const text =
    `SELECT ${expr} AS value, c.id AS id FROM ${from} WHERE ${s.where} ` +
    `ORDER BY ${expr} ${s.dir}, c.id ${s.dir} LIMIT 1 OFFSET ?`;
  return one(db, sql<Key, unknown[]>(text), ...s.params, s.offset) ?? null;
}
