// CompanionLookup over the archive's companion tables, so the engine sees the
// same names whether it runs in `convert` (in-memory maps) or in an import.
import type { CompanionLookup, EnquiryRegistration } from '../../shared/model/call-events';
import type { Db } from '../store/native';
import type { Statement } from 'better-sqlite3';
import type { CompanionNames } from './derive-job';

export class SqliteCompanions implements CompanionLookup {
  private readonly agentCache = new Map<string, string | null>();
  private readonly queueCache = new Map<string, string | null>();
  private readonly menuCache = new Map<string, string | null>();
  private readonly agentStmt: Statement;
  private readonly queueStmt: Statement;
  private readonly menuStmt: Statement;
  private readonly regStmt: Statement;
  private readonly varStmt: Statement;
  private readonly anyRegStmt: Statement;
  private readonly anyVarStmt: Statement;
  private hasRegs = true;
  private hasVars = true;

  constructor(private readonly db: Db) {
    this.agentStmt = db.prepare('SELECT name FROM agents WHERE agent_id = ?').pluck();
    this.queueStmt = db.prepare('SELECT name FROM queues WHERE queue_key = ?').pluck();
    this.menuStmt = db.prepare('SELECT name FROM menus WHERE menu_id = ?').pluck();
    this.regStmt = db.prepare('SELECT call_id, agent_id, text, at_ms FROM registrations WHERE call_id = ? ORDER BY id');
    this.varStmt = db.prepare('SELECT name, value FROM call_variables WHERE call_id = ? ORDER BY name');
    this.anyRegStmt = db.prepare('SELECT EXISTS (SELECT 1 FROM registrations)').pluck();
    this.anyVarStmt = db.prepare('SELECT EXISTS (SELECT 1 FROM call_variables)').pluck();
    this.refresh();
  }

  /** Forget cached names after companion tables changed. */
  refresh(): void {
    this.agentCache.clear();
    this.queueCache.clear();
    this.menuCache.clear();
    this.hasRegs = this.anyRegStmt.get() === 1;
    this.hasVars = this.anyVarStmt.get() === 1;
  }

  agentName(agentId: string): string | null {
    return cached(this.agentCache, agentId, this.agentStmt);
  }
  queueName(queueKey: string): string | null {
    return cached(this.queueCache, queueKey, this.queueStmt);
  }
  menuName(menuId: string): string | null {
    return cached(this.menuCache, menuId, this.menuStmt);
  }
  registrations(callId: string): EnquiryRegistration[] {
    if (!this.hasRegs) return [];
    const rows = this.regStmt.all(callId) as {
      call_id: string;
      agent_id: string | null;
      text: string;
      at_ms: number | null;
    }[];
    return rows.map((r) => ({ callId: r.call_id, agentId: r.agent_id, text: r.text, at: r.at_ms }));
  }
  variables(callId: string): Record<string, string> {
    if (!this.hasVars) return {};
    const out: Record<string, string> = {};
    for (const r of this.varStmt.all(callId) as { name: string; value: string }[]) out[r.name] = r.value;
    return out;
  }

  /** The whole agents / queues / menus tables (for the derive worker: they are small). */
  names(): CompanionNames {
    const all = (sql: string) => new Map(this.db.prepare(sql).raw().all() as [string, string][]);
    return {
      agents: all('SELECT agent_id, name FROM agents'),
      queues: all('SELECT queue_key, name FROM queues'),
      menus: all('SELECT menu_id, name FROM menus'),
    };
  }

  /** registrations(callId) of many calls at once, for those that have any; null when the archive has none. */
  registrationsOf(callIds: readonly string[]): [string, EnquiryRegistration[]][] | null {
    if (!this.hasRegs) return null;
    const byCall = new Map<string, EnquiryRegistration[]>();
    for (const part of slices(callIds)) {
      const rows = this.db
        .prepare(
          `SELECT call_id, agent_id, text, at_ms FROM registrations WHERE call_id IN (${marks(part.length)}) ORDER BY id`,
        )
        .all(...part) as { call_id: string; agent_id: string | null; text: string; at_ms: number | null }[];
      for (const r of rows)
        push(byCall, r.call_id, { callId: r.call_id, agentId: r.agent_id, text: r.text, at: r.at_ms });
    }
    return [...byCall];
  }

  /** variables(callId) of many calls at once, for those that have any; null when the archive has none. */
  variablesOf(callIds: readonly string[]): [string, Record<string, string>][] | null {
    if (!this.hasVars) return null;
    const byCall = new Map<string, Record<string, string>>();
    for (const part of slices(callIds)) {
      const rows = this.db
        .prepare(
          `SELECT call_id, name, value FROM call_variables WHERE call_id IN (${marks(part.length)}) ORDER BY call_id, name`,
        )
        .all(...part) as { call_id: string; name: string; value: string }[];
      for (const r of rows) {
        let vars = byCall.get(r.call_id);
        if (!vars) byCall.set(r.call_id, (vars = {}));
        vars[r.name] = r.value;
      }
    }
    return [...byCall];
  }
}

const IN_BATCH = 500;

function* slices<T>(list: readonly T[]): Generator<T[]> {
  for (let i = 0; i < list.length; i += IN_BATCH) yield list.slice(i, i + IN_BATCH);
}

const marks = (n: number): string => '?,'.repeat(n - 1) + '?';

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function cached(cache: Map<string, string | null>, key: string, stmt: Statement): string | null {
  let v = cache.get(key);
  if (v === undefined) {
    v = (stmt.get(key) as string | undefined) ?? null;
    if (cache.size > 100_000) cache.clear();
    cache.set(key, v);
  }
  return v;
}
