// A connection wrapper for the bench: every statement run through it (get / all / run) is
// timed and kept with its SQL and parameters, so that the slowest requests can be shown with
// the statement that made them slow and that statement's EXPLAIN QUERY PLAN.
import type { Db } from '../store/native';
import { all, sql } from '../store/sql';

export interface StatementRun {
  sql: string;
  params: unknown[];
  ms: number;
}

const TIMED = new Set(['get', 'all', 'run']);

export class StatementProfile {
  runs: StatementRun[] = [];
  readonly db: Db;

  constructor(private readonly target: Db) {
    const wrapStatement = (stmt: object, sql: string): object =>
      new Proxy(stmt, {
        get: (s, prop) => {
          // The statement itself as receiver: its native getters (busy, reader) crash V8 when read through the proxy.
          const value = Reflect.get(s, prop) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (!TIMED.has(prop as string)) {
              const out = (value as (...a: unknown[]) => unknown).apply(s, args);
              // pluck() / raw() / bind() return the statement itself: keep it wrapped.
              return out === s ? wrapStatement(s, sql) : out;
            }
            const t = performance.now();
            try {
              return (value as (...a: unknown[]) => unknown).apply(s, args);
            } finally {
              this.runs.push({ sql, params: args, ms: performance.now() - t });
            }
          };
        },
      });
    this.db = new Proxy(target, {
      get: (d, prop) => {
        const value = Reflect.get(d, prop) as unknown; // native getters need the database itself
        if (prop === 'prepare')
          return (sql: string) => wrapStatement((value as (s: string) => object).call(d, sql), sql);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(d) : value;
      },
    });
  }

  /** Starts a new request's record. */
  reset(): void {
    this.runs = [];
  }

  /** The slowest statement of the current record. */
  slowest(): StatementRun | undefined {
    return this.runs.reduce<StatementRun | undefined>((a, r) => (!a || r.ms > a.ms ? r : a), undefined);
  }

  /** EXPLAIN QUERY PLAN of a recorded statement, one line per step, indented by depth. */
  plan(run: StatementRun): string[] {
    try {
      const rows = all(
        this.target,
        sql<{ id: number; parent: number; detail: string }, unknown[]>(`EXPLAIN QUERY PLAN ${run.sql}`),
        ...run.params,
      );
      const depth = new Map<number, number>([[0, 0]]);
      return rows.map((r) => {
        const d = (depth.get(r.parent) ?? 0) + 1;
        depth.set(r.id, d);
        return `${'  '.repeat(d)}${r.detail}`;
      });
    } catch (err) {
      return [`(no plan: ${err instanceof Error ? err.message : String(err)})`];
    }
  }
}
