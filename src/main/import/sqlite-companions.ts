// CompanionLookup over the archive's companion tables, so the engine sees the
// same names whether it runs in `convert` (in-memory maps) or in an import.
import type { CompanionLookup, EnquiryRegistration } from '../../shared/model/call-events';
import type { Db } from '../store/native';
import { all, rawAll, sql, value } from '../store/sql';
import type { CompanionNames } from './derive-job';

type RegistrationRow = { call_id: string; agent_id: string | null; text: string; at_ms: number | null };

const AGENT_NAME = sql<string, [agentId: string]>('SELECT name FROM agents WHERE agent_id = ?');
const QUEUE_NAME = sql<string, [queueKey: string]>('SELECT name FROM queues WHERE queue_key = ?');
const MENU_NAME = sql<string, [menuId: string]>('SELECT name FROM menus WHERE menu_id = ?');
const REGISTRATIONS = sql<RegistrationRow, [callId: string]>(
  'SELECT call_id, agent_id, text, at_ms FROM registrations WHERE call_id = ? ORDER BY id',
);
const VARIABLES = sql<{ name: string; value: string }, [callId: string]>(
  'SELECT name, value FROM call_variables WHERE call_id = ? ORDER BY name',
);
const ANY_REGISTRATION = sql<0 | 1>('SELECT EXISTS (SELECT 1 FROM registrations)');
const ANY_VARIABLE = sql<0 | 1>('SELECT EXISTS (SELECT 1 FROM call_variables)');
const AGENTS = sql<[agentId: string, name: string]>('SELECT agent_id, name FROM agents');
const QUEUES = sql<[queueKey: string, name: string]>('SELECT queue_key, name FROM queues');
const MENUS = sql<[menuId: string, name: string]>('SELECT menu_id, name FROM menus');

export class SqliteCompanions implements CompanionLookup {
  private readonly agentCache = new Map<string, string | null>();
  private readonly queueCache = new Map<string, string | null>();
  private readonly menuCache = new Map<string, string | null>();
  private hasRegs = true;
  private hasVars = true;

  constructor(private readonly db: Db) {
    this.refresh();
  }

  /** Forget cached names after companion tables changed. */
  refresh(): void {
    this.agentCache.clear();
    this.queueCache.clear();
    this.menuCache.clear();
    this.hasRegs = value(this.db, ANY_REGISTRATION) === 1;
    this.hasVars = value(this.db, ANY_VARIABLE) === 1;
  }

  agentName(agentId: string): string | null {
    return cached(this.agentCache, agentId, () => value(this.db, AGENT_NAME, agentId));
  }
  queueName(queueKey: string): string | null {
    return cached(this.queueCache, queueKey, () => value(this.db, QUEUE_NAME, queueKey));
  }
  menuName(menuId: string): string | null {
    return cached(this.menuCache, menuId, () => value(this.db, MENU_NAME, menuId));
  }
  registrations(callId: string): EnquiryRegistration[] {
    if (!this.hasRegs) return [];
    return all(this.db, REGISTRATIONS, callId).map((r) => ({
      callId: r.call_id,
      agentId: r.agent_id,
      text: r.text,
      at: r.at_ms,
    }));
  }
  variables(callId: string): Record<string, string> {
    if (!this.hasVars) return {};
    const out: Record<string, string> = {};
    for (const r of all(this.db, VARIABLES, callId)) out[r.name] = r.value;
    return out;
  }

  /** The whole agents / queues / menus tables (for the derive worker: they are small). */
  names(): CompanionNames {
    return {
      agents: new Map(rawAll(this.db, AGENTS)),
      queues: new Map(rawAll(this.db, QUEUES)),
      menus: new Map(rawAll(this.db, MENUS)),
    };
  }

  /**
   * This lookup with the registrations and variables of `callIds` read at once (two queries per 500
   * calls instead of two per call: the import thread derives a chunk's calls with it, as the derive
   * worker does with its job's). Another call's are read as before.
   */
  forCalls(callIds: readonly string[]): CompanionLookup {
    const regs = new Map(this.registrationsOf(callIds) ?? []);
    const vars = new Map(this.variablesOf(callIds) ?? []);
    const asked = new Set(callIds);
    return {
      agentName: (id) => this.agentName(id),
      queueName: (key) => this.queueName(key),
      menuName: (id) => this.menuName(id),
      registrations: (callId) => (asked.has(callId) ? (regs.get(callId) ?? []) : this.registrations(callId)),
      variables: (callId) => (asked.has(callId) ? { ...vars.get(callId) } : this.variables(callId)),
    };
  }

  /** registrations(callId) of many calls at once, for those that have any; null when the archive has none. */
  registrationsOf(callIds: readonly string[]): [string, EnquiryRegistration[]][] | null {
    if (!this.hasRegs) return null;
    const byCall = new Map<string, EnquiryRegistration[]>();
    for (const part of slices(callIds)) {
      const rows = all(
        this.db,
        sql<RegistrationRow, string[]>(
          `SELECT call_id, agent_id, text, at_ms FROM registrations WHERE call_id IN (${marks(part.length)}) ORDER BY id`,
        ),
        ...part,
      );
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
      const rows = all(
        this.db,
        sql<{ call_id: string; name: string; value: string }, string[]>(
          `SELECT call_id, name, value FROM call_variables WHERE call_id IN (${marks(part.length)}) ORDER BY call_id, name`,
        ),
        ...part,
      );
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

function cached(cache: Map<string, string | null>, key: string, read: () => string | undefined): string | null {
  let v = cache.get(key);
  if (v === undefined) {
    v = read() ?? null;
    if (cache.size > 100_000) cache.clear();
    cache.set(key, v);
  }
  return v;
}
