// A migration that rebuilds a referenced table runs with foreign keys off (SQLite cannot drop and
// rename a table others reference otherwise), so nothing stops a bad copy from losing a row that
// another table points at: these count such rows before and after, and fail the step on a loss.
import type { Db } from './native';

/** Per table, its rows whose references point at nothing. */
export function brokenReferences(db: Db, tables: readonly string[]): number[] {
  const count = db.prepare('SELECT count(*) FROM pragma_foreign_key_check(?)').pluck();
  return tables.map((table) => count.get(table) as number);
}

/** Throws when a table has more rows pointing at nothing than `before` counted (inside the step: it rolls back). */
export function refuseLostReferences(db: Db, tables: readonly string[], before: readonly number[]): void {
  brokenReferences(db, tables).forEach((broken, i) => {
    const lost = broken - (before[i] ?? 0);
    if (lost > 0) throw new Error(`the upgrade would leave ${lost} row(s) of ${tables[i]} pointing at nothing`);
  });
}
