// The typed statement helper (src/main/store/sql.ts): rows typed by their declaration, statements
// prepared once per connection, a bounded cache for texts built at run time.
import { describe, expect, it, vi } from 'vitest';
import {
  STATEMENT_CACHE_LIMIT,
  all,
  iterate,
  one,
  prepareOwn,
  rawAll,
  run,
  sql,
  value,
  values,
} from '../../src/main/store/sql';
import { openDatabase } from '../../src/main/store/native';

const INSERT = sql<void, [id: number, name: string | null]>('INSERT INTO t (id, name) VALUES (?, ?)');
const BY_ID = sql<{ id: number; name: string | null }, [id: number]>('SELECT id, name FROM t WHERE id = ?');
const NAMES = sql<string | null>('SELECT name FROM t ORDER BY id');
const COUNT = sql<number>('SELECT count(*) FROM t');

function table() {
  const db = openDatabase(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
  for (const [id, name] of [
    [1, 'a'],
    [2, null],
    [3, 'c'],
  ] as const)
    run(db, INSERT, id, name);
  return db;
}

describe('typed statements', () => {
  it('prepareOwn: a statement its owner keeps, typed by its declaration, as rows, first columns or arrays', () => {
    const db = table();
    const byId = prepareOwn(db, BY_ID);
    expect(byId.get(3)).toEqual({ id: 3, name: 'c' });
    expect(byId.get(9)).toBeUndefined();
    expect(prepareOwn(db, NAMES, 'pluck').all()).toEqual(['a', null, 'c']);
    expect(
      prepareOwn(db, sql<[number, string | null], [id: number]>('SELECT id, name FROM t WHERE id = ?'), 'raw').get(1),
    ).toEqual([1, 'a']);
    // A statement of its own each time, not the connection's cached one.
    expect(prepareOwn(db, BY_ID)).not.toBe(prepareOwn(db, BY_ID));
  });

  it('reads one row, all rows, a value and a column', () => {
    const db = table();
    expect(one(db, BY_ID, 2)).toEqual({ id: 2, name: null });
    expect(one(db, BY_ID, 9)).toBeUndefined();
    expect(all(db, sql<{ id: number }>('SELECT id FROM t ORDER BY id DESC'))).toEqual([
      { id: 3 },
      { id: 2 },
      { id: 1 },
    ]);
    expect(value(db, COUNT)).toBe(3);
    expect(values(db, NAMES)).toEqual(['a', null, 'c']);
    expect(rawAll(db, sql<[number, string | null]>('SELECT id, name FROM t ORDER BY id'))).toEqual([
      [1, 'a'],
      [2, null],
      [3, 'c'],
    ]);
    // The same text read as objects again: each way of reading is a statement of its own.
    expect(all(db, sql<{ id: number; name: string | null }>('SELECT id, name FROM t ORDER BY id'))[0]).toEqual({
      id: 1,
      name: 'a',
    });
  });

  it('prepares a statement once per connection, and again on another connection', () => {
    const db = table();
    const prepare = vi.spyOn(db, 'prepare');
    for (let i = 0; i < 5; i++) one(db, BY_ID, 1);
    expect(prepare).toHaveBeenCalledTimes(1);
    // The same text read as a value (pluck) is a statement of its own: pluck changes how it reads.
    value(db, sql<number, [id: number]>(BY_ID.text), 1);
    expect(prepare).toHaveBeenCalledTimes(2);
    one(db, BY_ID, 3);
    expect(prepare).toHaveBeenCalledTimes(2);
    const other = table();
    const otherPrepare = vi.spyOn(other, 'prepare');
    expect(one(other, BY_ID, 3)).toEqual({ id: 3, name: 'c' });
    expect(otherPrepare).toHaveBeenCalledTimes(1);
  });

  it('keeps at most STATEMENT_CACHE_LIMIT texts built at run time, and still answers past it', () => {
    const db = table();
    const prepare = vi.spyOn(db, 'prepare');
    for (let i = 0; i <= STATEMENT_CACHE_LIMIT; i++) expect(value(db, sql<number>(`SELECT ${i}`))).toBe(i);
    expect(prepare).toHaveBeenCalledTimes(STATEMENT_CACHE_LIMIT + 1);
    value(db, sql<number>('SELECT 0')); // dropped when the cache started again
    expect(prepare).toHaveBeenCalledTimes(STATEMENT_CACHE_LIMIT + 2);
  });

  it('iterates rows one at a time with a cached statement', () => {
    const db = table();
    const prepare = vi.spyOn(db, 'prepare');
    const ALL = sql<{ id: number; name: string | null }>('SELECT id, name FROM t ORDER BY id');
    expect([...iterate(db, ALL)].map((r) => r.id)).toEqual([1, 2, 3]);
    expect([...iterate(db, BY_ID, 3)]).toEqual([{ id: 3, name: 'c' }]);
    expect([...iterate(db, ALL)]).toHaveLength(3);
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it('gives a statement of its own to a use of a declaration that is still iterating', () => {
    const db = table();
    const ALL = sql<{ id: number; name: string | null }>('SELECT id, name FROM t ORDER BY id');
    // The same declaration inside its own loop: better-sqlite3 would throw "busy" on a shared statement.
    const pairs: number[][] = [];
    for (const a of iterate(db, ALL)) for (const b of iterate(db, ALL)) pairs.push([a.id, b.id]);
    expect(pairs).toHaveLength(9);
    // A loop left unfinished (an abandoned generator) leaves its statement busy; the next use still answers.
    const left = iterate(db, ALL);
    expect(left.next().value).toEqual({ id: 1, name: 'a' });
    expect(all(db, ALL)).toHaveLength(3);
    expect([...iterate(db, ALL)]).toHaveLength(3);
    left.return?.();
    expect(all(db, ALL)).toHaveLength(3);
  });
});
