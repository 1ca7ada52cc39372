// Writes one derived archive call (calls, events with their raw-row sources,
// queue / agent links, free-text index) and the accounting status of the raw
// rows behind it. Replaces whatever an earlier derivation of the call wrote.
import type { Statement } from 'better-sqlite3';
import type { DerivedCall } from '../../shared/model/archive-call';
import type { RowOrigin } from '../../shared/model/call-events';
import { toContractJson } from '../../shared/engine/contract-json';
import type { Db } from '../store/native';

/** A stored raw row of a call, as the writer needs it for the accounting. */
export interface StoredRowRef {
  id: number;
  origin: RowOrigin;
  status: 'used' | 'kept';
  reason: string | null;
}

export const originKey = (o: RowOrigin): string => `${o.file}\u0001${o.line}`;

export class CallWriter {
  private readonly findCall: Statement;
  private readonly insertCall: Statement;
  private readonly updateCall: Statement;
  private readonly deleteCall: Statement;
  private readonly deleteEvents: Statement;
  private readonly deleteQueues: Statement;
  private readonly deleteAgents: Statement;
  private readonly deleteFts: Statement;
  private readonly deleteDoc: Statement;
  private readonly insertDoc: Statement;
  private readonly insertEvent: Statement;
  private readonly insertQueue: Statement;
  private readonly insertAgent: Statement;
  private readonly insertFts: Statement;
  private readonly setStatus: Statement;

  constructor(db: Db, private readonly importId: number) {
    const cols =
      'type, dialer_mode, start_ms, end_ms, duration_sec, caller_number, access_number, queue, agent, outcome, ' +
      'time_before_answer_sec, wait_time_sec, speak_time_sec, callback_attempts, contact_key, fts_hash, import_id';
    const params = cols.split(', ').map((c) => `@${c}`).join(', ');
    this.findCall = db.prepare('SELECT id, fts_hash FROM calls WHERE call_id = ?');
    this.insertCall = db.prepare(`INSERT INTO calls (call_id, ${cols}) VALUES (@call_id, ${params})`);
    this.updateCall = db.prepare(
      `UPDATE calls SET ${cols.split(', ').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`,
    );
    this.deleteCall = db.prepare('DELETE FROM calls WHERE id = ?');
    this.deleteEvents = db.prepare('DELETE FROM events WHERE call = ?');
    this.deleteQueues = db.prepare('DELETE FROM call_queues WHERE call = ?');
    this.deleteAgents = db.prepare('DELETE FROM call_agents WHERE call = ?');
    this.deleteFts = db.prepare('DELETE FROM calls_fts WHERE rowid = ?');
    this.deleteDoc = db.prepare('DELETE FROM call_docs WHERE call = ?');
    this.insertDoc = db.prepare('INSERT INTO call_docs (call, json) VALUES (?, ?)');
    this.insertEvent = db.prepare(
      'INSERT INTO events (call, seq, type, start_ms, end_ms, duration_sec, name, agent, label, label_da, result, source_ids) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertQueue = db.prepare('INSERT OR IGNORE INTO call_queues (call, queue, start_ms) VALUES (?, ?, ?)');
    this.insertAgent = db.prepare('INSERT OR IGNORE INTO call_agents (call, agent, start_ms) VALUES (?, ?, ?)');
    this.insertFts = db.prepare('INSERT INTO calls_fts (rowid, text) VALUES (?, ?)');
    this.setStatus = db.prepare('UPDATE raw_rows SET status = ?, reason = ? WHERE id = ?');
  }

  /** Stores the call and sets every row's status: kept (with the engine's reason) or used. */
  write(derived: DerivedCall, rows: readonly StoredRowRef[], isNew = false): void {
    const c = derived.call;
    const byOrigin = new Map<string, StoredRowRef>();
    for (const r of rows) byOrigin.set(originKey(r.origin), r);
    const startMs = Date.parse(c.start);
    const endMs = Date.parse(c.end);
    const values = {
      call_id: c.callId,
      type: c.type,
      dialer_mode: c.dialerMode,
      start_ms: startMs,
      end_ms: endMs,
      duration_sec: Math.max(0, (endMs - startMs) / 1000),
      caller_number: c.callerNumber,
      access_number: c.accessNumber,
      queue: c.queues[0] ?? null,
      agent: c.agents[0] ?? null,
      outcome: c.outcome,
      time_before_answer_sec: c.timeBeforeAnswerSec,
      wait_time_sec: c.waitTimeSec,
      speak_time_sec: c.speakTimeSec,
      callback_attempts: c.callbackAttempts,
      contact_key: derived.contactKey,
      fts_hash: 0,
      import_id: this.importId,
    };
    const text = ftsText(derived);
    values.fts_hash = hash53(text);
    // isNew: the caller knows no archive call has this id yet (skips a lookup per call).
    const old = isNew ? undefined : (this.findCall.get(c.callId) as { id: number; fts_hash: number } | undefined);
    let id: number;
    // Deleting from FTS5 flushes its pending inserts: keep the entry when its text is unchanged.
    const keepFts = old !== undefined && old.fts_hash === values.fts_hash;
    if (old === undefined) {
      id = Number(this.insertCall.run(values).lastInsertRowid);
    } else {
      id = old.id;
      this.clearCall(id, keepFts);
      this.updateCall.run({ ...values, id });
    }
    this.insertDoc.run(id, toContractJson(c));
    c.events.forEach((e, seq) => {
      const sources = (derived.eventSources[seq] ?? []).map((o) => byOrigin.get(originKey(o))?.id ?? null);
      this.insertEvent.run(
        id, seq, e.type, Date.parse(e.start), Date.parse(e.end), e.durationSec,
        e.name, e.agent, e.label, e.labelDa, e.result, JSON.stringify(sources.filter((s) => s !== null)),
      );
    });
    for (const q of c.queues) this.insertQueue.run(id, q, startMs);
    for (const a of c.agents) this.insertAgent.run(id, a, startMs);
    if (!keepFts) this.insertFts.run(id, text);

    const kept = new Map<string, string>();
    for (const k of derived.kept) kept.set(originKey(k.origin), k.reason);
    for (const r of rows) {
      const reason = kept.get(originKey(r.origin)) ?? null;
      const status = reason === null ? 'used' : 'kept';
      if (status !== r.status || reason !== r.reason) this.setStatus.run(status, reason, r.id);
    }
  }

  /** The call could not be derived: no archive call, every row kept with the reason. */
  writeUnderivable(callId: string, rows: readonly StoredRowRef[], reason: string): void {
    const old = this.findCall.get(callId) as { id: number } | undefined;
    if (old !== undefined) {
      this.clearCall(old.id);
      this.deleteCall.run(old.id);
    }
    for (const r of rows) if (r.status !== 'kept' || r.reason !== reason) this.setStatus.run('kept', reason, r.id);
  }

  private clearCall(id: number, keepFts = false): void {
    this.deleteEvents.run(id);
    this.deleteQueues.run(id);
    this.deleteAgents.run(id);
    if (!keepFts) this.deleteFts.run(id);
    this.deleteDoc.run(id);
  }
}

/** Two FNV-1a variants folded into 53 bits: tells whether a call's free-text entry changed. */
export function hash53(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/** Digits only, for numbers written with spaces, dashes or a leading +. */
export function digitsOf(s: string): string {
  return s.replace(/\D+/g, '');
}

function ftsText(d: DerivedCall): string {
  const c = d.call;
  const parts = new Set<string>();
  for (const n of [c.callerNumber, c.accessNumber]) {
    if (!n) continue;
    parts.add(n);
    const digits = digitsOf(n);
    if (digits && digits !== n) parts.add(digits);
  }
  for (const s of [...c.agents, ...c.queues, ...c.registrations]) parts.add(s);
  for (const e of c.events) {
    if (e.label) parts.add(e.label);
    if (e.labelDa) parts.add(e.labelDa);
    if (e.name) parts.add(e.name);
    if (e.agent) parts.add(e.agent);
  }
  parts.add(c.callId);
  return [...parts].join('\n');
}
