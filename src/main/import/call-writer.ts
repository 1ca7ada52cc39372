// Writes one derived archive call (calls, events with their raw-row sources,
// queue / agent links, free-text index) and the accounting status of the raw
// rows behind it. Replaces whatever an earlier derivation of the call wrote.
// What to write is computed by prepareCall (call-rows.ts, pure); this class
// only runs the statements.
import type { Statement } from 'better-sqlite3';
import type { DerivedCall } from '../../shared/model/archive-call';
import type { Db } from '../store/native';
import { prepareOwn, sql } from '../store/sql';
import { SET_RAW_STATUS } from '../store/coded-columns';
import { DELETE_CALL_EVENTS } from '../store/lean-tables';
import { EventRowWriter } from '../store/event-rows';
import { dropUnusedTextNames, TextNameWriter } from '../store/text-names';
import { DELETE_AGENT_LINKS, DELETE_QUEUE_LINKS, INSERT_AGENT_LINK, INSERT_QUEUE_LINK } from '../store/link-ids';
import {
  CALL_VALUE_COLUMNS,
  prepareCall,
  underivableStatuses,
  type PreparedCall,
  type StatusChange,
  type StoreItem,
  type StoredRowRef,
} from './call-rows';

export { digitsOf, hash53, originKey, type StoreItem, type StoredRowRef } from './call-rows';

interface OldCall {
  id: number;
  fts_hash: number;
  /** Its current entry is held back in temp.fts_pending (deferred mode), not in calls_fts. */
  ftsPending?: boolean;
  ftsDropped?: boolean;
}

export interface CallWriterOptions {
  /**
   * Hold the free-text entries back in a temp table and write them into calls_fts
   * at once with flushFts(): FTS5 inserts interleaved with every other table's
   * writes cost several times more (its segment merges read pages the other
   * tables' writes pushed out of the page cache).
   */
  deferFts?: boolean;
}

export class CallWriter {
  private readonly findCall: Statement<[callId: string], OldCall>;
  private readonly insertCall: Statement;
  private readonly updateCall: Statement;
  private readonly deleteCall: Statement;
  private readonly deleteEvents: Statement;
  private readonly deleteQueues: Statement;
  private readonly deleteAgents: Statement;
  private readonly deleteFts: Statement;
  private readonly deleteDoc: Statement;
  private readonly insertDoc: Statement;
  private readonly events: EventRowWriter;
  private readonly insertQueue: Statement;
  private readonly insertAgent: Statement;
  private readonly insertFts: Statement;
  private readonly setStatus: Statement;
  private readonly setStatusIfChanged: Statement;
  /** The calls' names besides their agents and queues, and the vocabulary (text-names.ts). */
  private readonly names: TextNameWriter;

  private readonly pending: Record<'put' | 'has' | 'drop' | 'flush' | 'clear', Statement> | null = null;

  constructor(
    private readonly db: Db,
    private readonly importId: number,
    options: CallWriterOptions = {},
  ) {
    if (options.deferFts) {
      // A temp table lives in the connection's own temp file and is never part of the archive;
      // created inside the import's transaction, a rollback removes it too.
      db.exec('CREATE TEMP TABLE IF NOT EXISTS fts_pending (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
      this.pending = {
        put: db.prepare('INSERT OR REPLACE INTO temp.fts_pending (id, text) VALUES (?, ?)'),
        has: db.prepare('SELECT 1 FROM temp.fts_pending WHERE id = ?').pluck(),
        drop: db.prepare('DELETE FROM temp.fts_pending WHERE id = ?'),
        flush: db.prepare('INSERT INTO calls_fts (rowid, text) SELECT id, text FROM temp.fts_pending ORDER BY id'),
        clear: db.prepare('DELETE FROM temp.fts_pending'),
      };
    }
    // Positional parameters: binding 18 named ones from an object costs more than the insert's own work.
    const cols = [...CALL_VALUE_COLUMNS, 'fts_hash', 'import_id'];
    this.findCall = prepareOwn(db, sql<OldCall, [callId: string]>('SELECT id, fts_hash FROM calls WHERE call_id = ?'));
    this.insertCall = db.prepare(
      `INSERT INTO calls (call_id, ${cols.join(', ')}) VALUES (?${', ?'.repeat(cols.length)})`,
    );
    this.updateCall = db.prepare(`UPDATE calls SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
    this.deleteCall = db.prepare('DELETE FROM calls WHERE id = ?');
    this.deleteEvents = db.prepare(DELETE_CALL_EVENTS);
    this.deleteQueues = db.prepare(DELETE_QUEUE_LINKS);
    this.deleteAgents = db.prepare(DELETE_AGENT_LINKS);
    this.deleteFts = db.prepare('DELETE FROM calls_fts WHERE rowid = ?');
    this.deleteDoc = db.prepare('DELETE FROM call_docs WHERE call = ?');
    this.insertDoc = db.prepare('INSERT INTO call_docs (call, json) VALUES (?, ?)');
    this.events = new EventRowWriter(db);
    this.insertQueue = db.prepare(INSERT_QUEUE_LINK);
    this.insertAgent = db.prepare(INSERT_AGENT_LINK);
    this.insertFts = db.prepare('INSERT INTO calls_fts (rowid, text) VALUES (?, ?)');
    this.names = new TextNameWriter(db);
    this.setStatus = db.prepare(`UPDATE raw_rows SET ${SET_RAW_STATUS}, reason = ? WHERE id = ?`);
    this.setStatusIfChanged = db.prepare(
      `UPDATE raw_rows SET ${SET_RAW_STATUS}, reason = ? WHERE id = ? AND (status IS NOT ? OR reason IS NOT ?)`,
    );
  }

  /**
   * Stores another platform's call (with its contract JSON in call_docs: the read path cannot
   * derive it again) and sets every row's status: kept (with the reason) or used.
   */
  write(derived: DerivedCall, rows: readonly StoredRowRef[], isNew = false): void {
    this.store(prepareCall(derived, rows, true), isNew);
  }

  /** Stores a prepared call. isNew: the caller knows no archive call has this id yet (skips a lookup). */
  store(p: PreparedCall, isNew = false): void {
    this.storeOver(p, isNew ? undefined : this.find(p.callId), false);
  }

  /**
   * Stores a chunk's results. Deleting from FTS5 flushes its pending inserts
   * (tens of ms each), so the free-text entries of every call derived again are
   * deleted first, together (one flush), then everything is written.
   */
  storeAll(results: readonly StoreItem[]): number {
    const callIds = new Set(results.map((r) => r.callId));
    if (callIds.size !== results.length) {
      // The same call twice: in order, one by one.
      for (const r of results) {
        if ('prepared' in r) this.store(r.prepared, r.isNew);
        else this.storeUnderivable(r.callId, r.underivable);
      }
      return results.filter((r) => 'prepared' in r).length;
    }
    const olds = new Map<string, OldCall>();
    for (const r of results) {
      if ('prepared' in r && r.isNew) continue;
      const old = this.find(r.callId);
      if (old === undefined) continue;
      olds.set(r.callId, old);
      this.dropOldFts(old, 'prepared' in r ? r.prepared.ftsHash : null);
    }
    let derived = 0;
    for (const r of results) {
      if ('prepared' in r) {
        this.storeOver(r.prepared, olds.get(r.callId), true);
        derived++;
      } else {
        this.storeUnderivableOver(olds.get(r.callId), r.underivable, true);
      }
    }
    return derived;
  }

  /** The call could not be derived: no archive call, every row kept with the reason. */
  writeUnderivable(callId: string, rows: readonly StoredRowRef[], reason: string): void {
    this.storeUnderivable(callId, underivableStatuses(rows, reason));
  }

  storeUnderivable(callId: string, statuses: readonly StatusChange[]): void {
    this.storeUnderivableOver(this.find(callId), statuses, false);
  }

  /**
   * Deferred mode: writes the free-text entries held back so far into calls_fts,
   * all at once (call before the transaction commits; ImportSink.finish does).
   */
  flushFts(): void {
    // Sets and names a derivation again left unused (cheap: a few thousand lookups).
    dropUnusedTextNames(this.db);
    if (!this.pending) return;
    withFtsHashSize(this.db, FLUSH_HASH_BYTES, () => this.pending!.flush.run());
    this.pending.clear.run();
  }

  private find(callId: string): OldCall | undefined {
    const old = this.findCall.get(callId);
    if (old !== undefined) old.ftsPending = this.pending?.has.get(old.id) !== undefined;
    return old;
  }

  /** Removes the old call's free-text entry unless its text stays (newHash: null = the call goes away). */
  private dropOldFts(old: OldCall, newHash: number | null): void {
    if (old.ftsDropped || old.fts_hash === newHash) return;
    if (old.ftsPending) this.pending?.drop.run(old.id);
    else this.deleteFts.run(old.id);
    old.ftsDropped = true;
  }

  private writeFts(id: number, text: string): void {
    if (this.pending) this.pending.put.run(id, text);
    else this.insertFts.run(id, text);
  }

  private storeOver(p: PreparedCall, old: OldCall | undefined, ftsCleared: boolean): void {
    let id: number;
    // Deleting from FTS5 flushes its pending inserts: keep the entry when its text is unchanged.
    const keepFts = old !== undefined && old.fts_hash === p.ftsHash;
    if (old === undefined) {
      id = Number(this.insertCall.run(p.callId, ...p.values, p.ftsHash, this.importId).lastInsertRowid);
    } else {
      id = old.id;
      if (!ftsCleared) this.dropOldFts(old, p.ftsHash);
      this.clearCall(id);
      this.updateCall.run(...p.values, p.ftsHash, this.importId, id);
    }
    if (p.json !== null) this.insertDoc.run(id, p.json);
    for (const e of p.events) this.events.write(id, e);
    // The links name their queues and agents by their ids in the vocabulary (link-ids.ts): a search
    // word finds them there, then their calls through call_agents / call_queues.
    for (const q of p.queues) this.insertQueue.run(id, this.names.nameId(q), p.startMs);
    p.agents.forEach((a, i) =>
      this.insertAgent.run(id, this.names.nameId(a), p.startMs, ...(p.agentTalk[i] ?? [0, 0])),
    );
    if (!keepFts) {
      this.writeFts(id, p.fts);
      this.names.setCall(id, p.names); // the same hash: the same names
    }
    this.applyStatuses(p.statuses);
  }

  private storeUnderivableOver(old: OldCall | undefined, statuses: readonly StatusChange[], ftsCleared: boolean): void {
    if (old !== undefined) {
      if (!ftsCleared) this.dropOldFts(old, null);
      this.clearCall(old.id);
      this.names.dropCall(old.id);
      this.deleteCall.run(old.id);
    }
    this.applyStatuses(statuses);
  }

  private applyStatuses(statuses: readonly StatusChange[]): void {
    for (const [id, status, reason, onlyIfChanged] of statuses) {
      if (onlyIfChanged) this.setStatusIfChanged.run(status, reason, id, status, reason);
      else this.setStatus.run(status, reason, id);
    }
  }

  /** Everything of the call but its calls row and its free-text entry. */
  private clearCall(id: number): void {
    this.deleteEvents.run(id);
    this.deleteQueues.run(id);
    this.deleteAgents.run(id);
    this.deleteDoc.run(id);
  }
}

/**
 * FTS5's buffer of pending entries while the held-back entries are written (its default: 1 MB). FTS5
 * counts the entries' bytes, not its allocations: at 200,000 calls the flush raised the import's RSS
 * by 63 MB with 32 MB, by 17 MB with 8 MB (and the import's 16 MB page cache, ./memory-budget); at
 * 1,000,000 calls the flush took 17.6 CPU-s with 8 MB against 14.3 with 32 MB (≈ 1 % of the import)
 * and 70 s with 1 MB (session 2).
 */
export const FLUSH_HASH_BYTES = 8 << 20;
const FTS_DEFAULT_HASH_BYTES = 1 << 20;

/**
 * Runs fn with FTS5's pending-entries buffer ('hashsize') of calls_fts raised, then
 * sets it back to FTS5's default: a bigger buffer flushes fewer, bigger segments,
 * so a bulk write merges less (about a third less time for 1M calls). The setting
 * is a row of calls_fts_config, written inside the import's transaction.
 */
export function withFtsHashSize<T>(db: Db, bytes: number, fn: () => T): T {
  // FTS5 commands take literal values (a bound parameter is refused): both are integers.
  const set = (n: number) => db.exec(`INSERT INTO calls_fts (calls_fts, rank) VALUES ('hashsize', ${Math.floor(n)})`);
  set(bytes);
  try {
    return fn();
  } finally {
    set(FTS_DEFAULT_HASH_BYTES);
  }
}
