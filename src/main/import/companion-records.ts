// The companion tables of an import (agents, queues, menus, enquiry registrations, call variables):
// each record is stored as a raw row, then upserted into its table; the row it replaces is kept
// with "superseded by …". What changed decides which stored calls are derived again at the end of
// the file: the calls of a changed registration or variable, and the calls that name a changed
// agent, queue or menu.
import type { Statement } from 'better-sqlite3';
import type { ReaderItem } from '../../shared/reader/types';
import { DUPLICATE_REGISTRATION } from '../../shared/model/row-ledger';
import type { Db } from '../store/native';
import { prepareOwn, sql, values } from '../store/sql';
import { INSERT_REGISTRATION } from '../store/lean-tables';
import type { CompanionNames } from './derive-job';
import type { RawRowExtra, RawRowStore } from './raw-row-store';
import { SqliteCompanions } from './sqlite-companions';

export type CompanionItem = Extract<ReaderItem, { kind: 'agent' | 'queue' | 'menu' | 'registration' | 'variable' }>;

/** Keys per `IN (…)` list of the look-ups below. */
const IN_BATCH = 500;

export class CompanionRecords {
  /** The engine's view of the companion tables (names, registrations, variables), cached. */
  readonly lookup: SqliteCompanions;
  /** Queue keys whose name this file changed (also names other platforms' calls again). */
  readonly changedQueues = new Set<string>();
  private readonly changedAgents = new Set<string>();
  private readonly changedMenus = new Set<string>();
  /** Calls whose registrations or variables this file changed. */
  private readonly touchedCalls = new Set<string>();
  /** The names changed since a derive worker last got them. */
  private namesDirty = true;
  private readonly s: CompanionStatements;

  constructor(
    private readonly db: Db,
    private readonly rows: RawRowStore,
  ) {
    this.lookup = new SqliteCompanions(db);
    this.s = prepareCompanionStatements(db);
  }

  add(item: CompanionItem): void {
    switch (item.kind) {
      case 'agent':
        return this.named('agents', item, item.agentId, this.s.agent, this.s.upsertAgent, this.changedAgents, {
          agentId: item.agentId,
        });
      case 'queue':
        return this.named('queues', item, item.queueKey, this.s.queue, this.s.upsertQueue, this.changedQueues, {
          queueKey: item.queueKey,
        });
      case 'menu':
        return this.named('menus', item, item.menuId, this.s.menu, this.s.upsertMenu, this.changedMenus, {
          menuKey: item.menuId,
        });
      case 'registration': {
        const r = item.registration;
        const id = this.rows.insert(item.origin.line, 'enquiry_registrations', r.callId, item.raw, {
          agentId: r.agentId,
        });
        const info = this.s.insertReg.run(r.callId, r.agentId, r.text, r.at, id);
        if (info.changes === 0) this.rows.setStatus(id, 'kept', DUPLICATE_REGISTRATION);
        else this.touchedCalls.add(r.callId);
        return;
      }
      case 'variable': {
        const id = this.rows.insert(item.origin.line, 'call_variables', item.callId, item.raw);
        const old = this.s.variable.get(item.callId, item.name);
        if (old) this.rows.setStatus(old.raw_row, 'kept', this.rows.supersededBy(id));
        this.s.upsertVar.run(item.callId, item.name, item.value, id);
        if (!old || old.value !== item.value) this.touchedCalls.add(item.callId);
        return;
      }
    }
  }

  /** Before a chunk is derived: names changed by this file are read again. */
  refreshIfNamesChanged(): void {
    if (this.namesChanged()) this.refresh();
  }

  /** The names for a derive worker when they changed since it last got them, else null. */
  namesForWorker(): CompanionNames | null {
    if (!this.namesDirty) return null;
    this.namesDirty = false;
    return this.lookup.names();
  }

  /**
   * End of the file: the stored calls its companion records change (registrations and variables
   * of a call, a name a call-events row refers to by key). The lookup is read again first.
   */
  callsToDeriveAgain(): Set<string> {
    const again = new Set(this.touchedCalls);
    // The first registrations / variables of the archive: the lookup decided at its start that there were none.
    if (this.touchedCalls.size > 0) this.refresh();
    if (!this.namesChanged()) return again;
    this.refresh();
    for (const [col, keys] of [
      ['agent_id', this.changedAgents],
      ['queue_key', this.changedQueues],
      ['menu_key', this.changedMenus],
    ] as const)
      for (const part of batches(keys))
        for (const id of values(
          this.db,
          sql<string, string[]>(
            `SELECT DISTINCT call_id FROM raw_rows WHERE tbl = 'call_events' AND ${col} IN (${marks(part)})`,
          ),
          ...part,
        ))
          again.add(id);
    return again;
  }

  /**
   * Stored Asterisk calls (the platform whose calls take their queue names from the archive's
   * queues table) that name a queue key whose name this file changed: by the key their queue_log
   * rows carry (`raw_rows.queue_key`, tbl `call`), or — rows stored before that column was filled
   * for them — by the key in their queue list (a call derived without a name shows the key).
   */
  asteriskCallsOfChangedQueues(): Set<string> {
    const ids = new Set<string>();
    for (const part of batches(this.changedQueues)) {
      const found = values(
        this.db,
        sql<string, string[]>(
          `SELECT DISTINCT call_id FROM raw_rows WHERE tbl = 'call' AND queue_key IN (${marks(part)}) AND call_id LIKE 'asterisk:%' ` +
            `UNION SELECT c.call_id FROM call_queues q JOIN calls c ON c.id = q.call WHERE q.queue IN (${marks(part)}) AND c.call_id LIKE 'asterisk:%'`,
        ),
        ...part,
        ...part,
      );
      for (const id of found) ids.add(id);
    }
    return ids;
  }

  private namesChanged(): boolean {
    return this.changedAgents.size + this.changedQueues.size + this.changedMenus.size > 0;
  }

  private refresh(): void {
    this.lookup.refresh();
    this.namesDirty = true;
  }

  /** An agent, queue or menu: the raw row, then the table's row by key (the older row superseded). */
  private named(
    tbl: string,
    item: { origin: { line: number }; name: string; raw: Record<string, string> },
    key: string,
    find: Statement<[key: string], Companion>,
    upsert: Statement<[key: string, name: string, rawRow: number]>,
    changed: Set<string>,
    extra: RawRowExtra,
  ): void {
    const id = this.rows.insert(item.origin.line, tbl, null, item.raw, extra);
    const old = find.get(key);
    if (old?.raw_row != null) this.rows.setStatus(old.raw_row, 'kept', this.rows.supersededBy(id));
    upsert.run(key, item.name, id);
    if (!old || old.name !== item.name) changed.add(key);
  }
}

function* batches(keys: ReadonlySet<string>): Generator<string[]> {
  const list = [...keys];
  for (let i = 0; i < list.length; i += IN_BATCH) yield list.slice(i, i + IN_BATCH);
}

const marks = (part: readonly string[]): string => part.map(() => '?').join(',');

/** A companion table's row (agents, queues, menus): its name and the raw row it came from. */
interface Companion {
  name: string;
  raw_row: number | null;
}
type CompanionUpsert = [key: string, name: string, rawRow: number];

const upsertNamed = (table: string, key: string): string =>
  `INSERT INTO ${table} (${key}, name, raw_row) VALUES (?, ?, ?) ON CONFLICT(${key}) DO UPDATE SET name = excluded.name, raw_row = excluded.raw_row`;

/** The statements run per record: prepared once per file (prepareOwn), typed where declared. */
function prepareCompanionStatements(db: Db) {
  return {
    agent: prepareOwn(db, sql<Companion, [agentId: string]>('SELECT name, raw_row FROM agents WHERE agent_id = ?')),
    upsertAgent: prepareOwn(db, sql<void, CompanionUpsert>(upsertNamed('agents', 'agent_id'))),
    queue: prepareOwn(db, sql<Companion, [queueKey: string]>('SELECT name, raw_row FROM queues WHERE queue_key = ?')),
    upsertQueue: prepareOwn(db, sql<void, CompanionUpsert>(upsertNamed('queues', 'queue_key'))),
    menu: prepareOwn(db, sql<Companion, [menuId: string]>('SELECT name, raw_row FROM menus WHERE menu_id = ?')),
    upsertMenu: prepareOwn(db, sql<void, CompanionUpsert>(upsertNamed('menus', 'menu_id'))),
    insertReg: prepareOwn(
      db,
      sql<void, [callId: string, agentId: string | null, text: string, atMs: number | null, rawRow: number]>(
        INSERT_REGISTRATION,
      ),
    ),
    variable: prepareOwn(
      db,
      sql<{ value: string; raw_row: number }, [callId: string, name: string]>(
        'SELECT value, raw_row FROM call_variables WHERE call_id = ? AND name = ?',
      ),
    ),
    upsertVar: prepareOwn(
      db,
      sql<void, [callId: string, name: string, value: string, rawRow: number]>(
        'INSERT INTO call_variables (call_id, name, value, raw_row) VALUES (?, ?, ?, ?) ON CONFLICT(call_id, name) DO UPDATE SET value = excluded.value, raw_row = excluded.raw_row',
      ),
    ),
  };
}
type CompanionStatements = ReturnType<typeof prepareCompanionStatements>;
