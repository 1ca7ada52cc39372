// Typed statements with a per-connection cache (Perfetto's typed query results are the model).
// A query is declared once with the shape of its rows and its parameters, beside its SQL:
//
//   const CALL_BY_ID = sql<{ id: number; start_ms: number }, [callId: string]>(
//     'SELECT id, start_ms FROM calls WHERE call_id = ?');
//   const row = one(db, CALL_BY_ID, 'c-1');   // { id, start_ms } | undefined, no cast at the call site
//
// and prepared once per connection: better-sqlite3 statements are cheap to run but not to
// prepare (the search and facet paths prepare thousands per second otherwise). Statements
// whose text is built at run time (a search's WHERE clause) are cached too, up to a bound.
import type { Statement } from 'better-sqlite3';
import type { Db } from './native';

/** A statement's text with the declared types of its parameters (P) and of one row (R). */
export interface Sql<R, P extends readonly unknown[]> {
  readonly text: string;
  /** Never set: carries the row and parameter types. */
  readonly types?: { row: R; params: P };
}

/** Declares a statement: R is one row (for `value` / `values`, the first column's type), P the parameters. */
export function sql<R, P extends readonly unknown[] = []>(text: string): Sql<R, P> {
  return { text };
}

/** Statements per connection, prepared at first use; a connection's statements go with it. */
const caches = new WeakMap<Db, Map<string, Statement>>();
/** Beyond this many distinct texts on one connection the cache starts again (texts built at run time). */
export const STATEMENT_CACHE_LIMIT = 500;

/** How a statement returns a row: an object, its first column (pluck) or an array of its columns (raw). */
type Mode = 'row' | 'pluck' | 'raw';

function prepared(db: Db, text: string, mode: Mode): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = `${mode}:${text}`;
  let st = cache.get(key);
  // A statement still iterating (a loop over iterate() not finished, or the same declaration run
  // inside its own loop) cannot run again: that use gets a statement of its own, not cached.
  if (st?.busy) return configured(db.prepare(text), mode);
  if (!st) {
    if (cache.size >= STATEMENT_CACHE_LIMIT) cache.clear();
    st = configured(db.prepare(text), mode);
    cache.set(key, st);
  }
  return st;
}

function configured<S extends Statement<never[], unknown>>(st: S, mode: Mode): S {
  if (mode === 'pluck') st.pluck();
  if (mode === 'raw') st.raw();
  return st;
}

/** The first row, or undefined when there is none. */
export function one<R, P extends readonly unknown[]>(db: Db, q: Sql<R, P>, ...params: P): R | undefined {
  return prepared(db, q.text, 'row').get(...params) as R | undefined;
}

/** Every row. */
export function all<R, P extends readonly unknown[]>(db: Db, q: Sql<R, P>, ...params: P): R[] {
  return prepared(db, q.text, 'row').all(...params) as R[];
}

/** The first column of the first row, or undefined when there is no row. */
export function value<V, P extends readonly unknown[]>(db: Db, q: Sql<V, P>, ...params: P): V | undefined {
  return prepared(db, q.text, 'pluck').get(...params) as V | undefined;
}

/** The first column of every row. */
export function values<V, P extends readonly unknown[]>(db: Db, q: Sql<V, P>, ...params: P): V[] {
  return prepared(db, q.text, 'pluck').all(...params) as V[];
}

/**
 * The rows one at a time, for tables too big to hold. The statement is busy until the loop ends:
 * the same declaration must not be run again inside the loop (better-sqlite3 throws if it is).
 */
export function iterate<R, P extends readonly unknown[]>(db: Db, q: Sql<R, P>, ...params: P): IterableIterator<R> {
  return prepared(db, q.text, 'row').iterate(...params) as IterableIterator<R>;
}

/** Runs a statement that returns no rows. */
export function run<P extends readonly unknown[]>(
  db: Db,
  q: Sql<void, P>,
  ...params: P
): { changes: number; lastInsertRowid: number | bigint } {
  return prepared(db, q.text, 'row').run(...params);
}

/** Every row as an array of its columns (R declares the tuple), for hot paths: no object per row. */
export function rawAll<R extends readonly unknown[], P extends readonly unknown[]>(
  db: Db,
  q: Sql<R, P>,
  ...params: P
): R[] {
  return prepared(db, q.text, 'raw').all(...params) as R[];
}

/** The rows one at a time, each as an array of its columns (R declares the tuple): passes over big tables. */
export function rawIterate<R extends readonly unknown[], P extends readonly unknown[]>(
  db: Db,
  q: Sql<R, P>,
  ...params: P
): IterableIterator<R> {
  return prepared(db, q.text, 'raw').iterate(...params) as IterableIterator<R>;
}

/**
 * A declared statement prepared for an owner that keeps it and runs it per row (an import's hot
 * path): typed rows and parameters like the functions above, without the cache lookup per run.
 * `pluck` returns the first column of each row (R is then that column's type), `raw` each row as
 * an array of its columns (R declares the tuple).
 */
export function prepareOwn<R, P extends unknown[]>(db: Db, q: Sql<R, P>, mode: Mode = 'row'): Statement<P, R> {
  return configured(db.prepare<P, R>(q.text), mode);
}
