// The action log: an append-only, hash-chained record of every change of the
// archive (imports, upgrades, erasures, notes, tags, review status) and every
// export / evidence pack. Each entry holds the SHA-256 of the previous entry and
// its own hash over (previous hash + its content), so an edited, reordered or
// deleted entry breaks the chain that verifyActionLog walks.
//
// For other features: call appendAction(db, entry) inside the transaction that
// makes the change (or right after an export is written). On an archive opened
// read-only it throws: a change must not happen without its trace.
import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Db } from '../store/native';
import { all, iterate, one, run, sql, value } from '../store/sql';

export interface ActionEntry {
  /** import | upgrade | erase | note | tag | tags | status | export | evidence | … (lower case, one word). */
  action: string;
  /** One human line: what was done. Never an erased value, never a note's text. */
  summary: string;
  /** How many calls it concerned, when that means something. */
  calls?: number | null;
  /** Anything machine-readable worth keeping (ids, counts, file names, digests). */
  details?: Record<string, unknown>;
  /** Who: defaults to the OS user name. */
  actor?: string;
  /** When (ISO 8601): defaults to now. */
  at?: string;
}

export interface ActionRecord {
  id: number;
  at: string;
  actor: string;
  action: string;
  summary: string;
  calls: number | null;
  details: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The OS user name of whoever runs this process (the author of notes and the actor of log entries). */
export function currentUser(): string {
  try {
    return userInfo().username || process.env.USER || process.env.USERNAME || 'unknown';
  } catch {
    return process.env.USER || process.env.USERNAME || 'unknown';
  }
}

interface LogRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  summary: string;
  calls: number | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

const HAS_LOG = sql<1>("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'action_log'");
const LAST_ENTRY = sql<{ id: number; hash: string }>('SELECT id, hash FROM action_log ORDER BY id DESC LIMIT 1');
const INSERT_ENTRY = sql<
  void,
  [
    id: number,
    at: string,
    actor: string,
    action: string,
    summary: string,
    calls: number | null,
    details: string | null,
    prevHash: string,
    hash: string,
  ]
>(
  'INSERT INTO action_log (id, at, actor, action, summary, calls, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
);
const ENTRIES_BEFORE = sql<LogRow, [beforeId: number, limit: number]>(
  'SELECT * FROM action_log WHERE id < ? ORDER BY id DESC LIMIT ?',
);
const ENTRIES = sql<LogRow>('SELECT * FROM action_log ORDER BY id');

/** The content an entry's hash covers: every column but the hash itself, in a fixed order. */
function entryHash(prevHash: string, r: Omit<LogRow, 'hash' | 'prev_hash'>): string {
  const content = JSON.stringify([r.id, r.at, r.actor, r.action, r.summary, r.calls, r.details]);
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}

export function hasActionLog(db: Db): boolean {
  return value(db, HAS_LOG) === 1;
}

/** Appends one entry and returns its id. Run it inside the transaction of the change it records. */
export function appendAction(db: Db, entry: ActionEntry): number {
  const last = one(db, LAST_ENTRY);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    id: (last?.id ?? 0) + 1,
    at: entry.at ?? new Date().toISOString(),
    actor: entry.actor ?? currentUser(),
    action: entry.action,
    summary: entry.summary,
    calls: entry.calls ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  };
  const hash = entryHash(prevHash, row);
  run(db, INSERT_ENTRY, row.id, row.at, row.actor, row.action, row.summary, row.calls, row.details, prevHash, hash);
  return row.id;
}

function recordOf(r: LogRow): ActionRecord {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    summary: r.summary,
    calls: r.calls,
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Entries newest first, `limit` of them before entry `beforeId` (keyset). */
export function listActions(db: Db, options: { limit?: number; beforeId?: number } = {}): ActionRecord[] {
  if (!hasActionLog(db)) return [];
  const rows = all(db, ENTRIES_BEFORE, options.beforeId ?? Number.MAX_SAFE_INTEGER, options.limit ?? 200);
  return rows.map(recordOf);
}

export interface ChainReport {
  entries: number;
  /** The hash of the last entry: write it down (or print it) to detect a later removal of the newest entries. */
  head: string;
  problems: string[];
}

/**
 * Walks the whole chain: ids 1, 2, 3 … without a gap, each entry's prev_hash is
 * the previous entry's hash and its own hash matches its content.
 */
export function verifyActionLog(db: Db): ChainReport {
  if (!hasActionLog(db)) return { entries: 0, head: GENESIS_HASH, problems: [] };
  const problems: string[] = [];
  let prev = GENESIS_HASH;
  let expectId = 1;
  let entries = 0;
  for (const r of iterate(db, ENTRIES)) {
    entries++;
    if (problems.length >= 10) continue;
    if (r.id !== expectId)
      problems.push(`entry ${expectId}${r.id > expectId + 1 ? `–${r.id - 1}` : ''} missing (deleted?)`);
    if (r.prev_hash !== prev) problems.push(`entry ${r.id}: does not follow the entry before it (chain broken)`);
    if (entryHash(r.prev_hash, r) !== r.hash)
      problems.push(`entry ${r.id}: its content was changed after it was written`);
    prev = r.hash;
    expectId = r.id + 1;
  }
  return { entries, head: prev, problems };
}
