// The bench's statement profile (src/main/bench/statement-profile.ts) wraps a connection in proxies.
// Read through a proxy as receiver, better-sqlite3's native getters (a statement's `busy`, which the
// typed SQL cache checks) abort the whole process in V8: the 1M search bench died of it.
import { describe, expect, it } from 'vitest';
import { StatementProfile } from '../../src/main/bench/statement-profile';
import { openDatabase } from '../../src/main/store/native';
import { all, sql } from '../../src/main/store/sql';

const NUMBERS = sql<{ n: number }, [max: number]>(
  'WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ?) SELECT n FROM s',
);

describe('StatementProfile', () => {
  it('times the statements run through its connection, cached typed statements included', () => {
    const db = openDatabase(':memory:');
    try {
      const profile = new StatementProfile(db);
      expect(all(profile.db, NUMBERS, 3).map((r) => r.n)).toEqual([1, 2, 3]);
      expect(all(profile.db, NUMBERS, 2).map((r) => r.n)).toEqual([1, 2]); // the cached statement again
      const stmt = profile.db.prepare('SELECT 1');
      expect(stmt.busy).toBe(false);
      expect(stmt.reader).toBe(true);
      expect(profile.db.inTransaction).toBe(false);
      expect(profile.runs.map((r) => r.params)).toEqual([[3], [2]]);
    } finally {
      db.close();
    }
  });
});
