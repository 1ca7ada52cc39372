// Shared set-up for the archive tests: a fresh archive in a temp folder, row
// and call counts for "nothing was half-imported" assertions.
import { join } from 'node:path';
import { openArchive, type Archive } from '../../src/main/store/archive';
import type { CallListRow, FacetCount } from '../../src/shared/api/archive-api';
import { csv, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { importFiles } from '../../src/main/import/run-import';
import { storedValuesText } from '../../src/main/import/row-codec';
import { writeStoredValues } from '../../src/main/import/raw-blocks';
import type { Db } from '../../src/main/store/native';
import { FtsText } from '../../src/main/api/fts-text';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { ftsText } from '../../src/main/import/call-rows';
import { TEXT_NAMES_VERSION } from '../../src/main/store/schema';
import type { ArchiveCall } from '../../src/shared/model/archive-call';
import { dirtyTriggersOn } from '../../src/main/store/stats-hours';

/** A stored raw row with its encoded values read through the codec (they may be in a compressed block). */
export interface StoredRawText {
  id: number;
  tbl: string;
  status: string;
  reason: string | null;
  text: string;
}

export function storedRawRows(db: Db): StoredRawText[] {
  const rows = db.prepare('SELECT id, tbl, status, reason, fields FROM raw_rows ORDER BY id').all() as (Omit<
    StoredRawText,
    'text'
  > & { fields: string })[];
  return rows.map(({ fields, ...r }) => ({ ...r, text: storedValuesText(db, r.id, fields) }));
}

/** Tampering, as a hand edit of the file would: replaces `from` by `to` in one stored row's values. */
export function editStoredValues(db: Db, id: number, from: string, to: string): void {
  const row = storedRawRows(db).find((r) => r.id === id)!;
  writeStoredValues(db, id, row.text.split(from).join(to));
}

export const TZ = 'Europe/Copenhagen';

export function freshArchive(): { dir: string; path: string; archive: Archive } {
  const dir = tempDir();
  const path = join(dir, 'archive.db');
  return { dir, path, archive: openArchive(path, { create: true }) };
}

/** A fresh archive holding `n` inbound calls of the fixtures (manyCalls), imported in this thread; throws unless done. */
export async function archiveOfInboundCalls(n: number): Promise<{ dir: string; path: string; archive: Archive }> {
  const s = freshArchive();
  const file = writeFile(s.dir, 'a.csv', csv(manyCalls(n).flatMap(inboundRows)));
  const statuses = (await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true })).map((r) => r.status);
  if (statuses.join() !== 'done') throw new Error(`the fixture import ended ${statuses.join(', ')}`);
  return s;
}

export interface Counts {
  imports: number;
  raw: number;
  rejected: number;
  calls: number;
  events: number;
  fts: number;
}

export function counts(a: Archive): Counts {
  const n = (sql: string) => a.db.prepare(sql).pluck().get() as number;
  return {
    imports: n('SELECT count(*) FROM imports'),
    raw: n('SELECT count(*) FROM raw_rows'),
    rejected: n('SELECT count(*) FROM rejected_rows'),
    calls: n('SELECT count(*) FROM calls'),
    events: n('SELECT count(*) FROM events'),
    fts: n('SELECT count(*) FROM calls_fts'),
  };
}

/** How many listed calls have each value (the expected facet counts, computed the plain way). */
export function tally(rows: readonly CallListRow[], pick: (r: CallListRow) => string | null): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) {
    const v = pick(r);
    if (v !== null) m.set(v, (m.get(v) ?? 0) + 1);
  }
  return m;
}

/** Facet counts as a value → count map, for comparing with tally(). */
export const asMap = (xs: readonly FacetCount[]): Map<string, number> => new Map(xs.map((x) => [x.value, x.count]));

/**
 * The call ids a MATCH expression finds as search does: the call's own text in calls_fts or one of its
 * names (agents, queues, event names, labels) in the vocabulary (src/main/store/text-names.ts).
 */
export const textFinder = (db: Db): { all: (match: string) => number[] } => ({
  all: (match) => Array.from(new FtsText(db).idList(match, null)),
});

/**
 * Rewrites the archive at `path` as the schema before TEXT_NAMES_VERSION stored a call's text: every
 * name in calls_fts, no vocabulary (src/main/store/text-names.ts). A copy: the caller's own file.
 */
export function toPreviousTextSchema(path: string): void {
  const a = openArchive(path);
  const api = new SqliteArchiveApi(a);
  const calls = (
    a.db.prepare('SELECT id, call_id FROM calls ORDER BY id').all() as { id: number; call_id: string }[]
  ).map(({ id, call_id }) => [id, ftsText(JSON.parse(api.contractJson(call_id) as string) as ArchiveCall)] as const);
  a.db.transaction(() => {
    linksAsText(a.db); // the links' names as text, as the schema before LINK_IDS_VERSION stored them
    a.db.exec(`INSERT INTO calls_fts (calls_fts) VALUES ('delete-all');
      DROP TABLE text_names; DROP TABLE text_names_fts; DROP TABLE text_name_sets; DROP TABLE text_name_set_names;
      DROP TABLE call_name_sets;`);
    const insert = a.db.prepare('INSERT INTO calls_fts (rowid, text) VALUES (?, ?)');
    for (const [id, text] of calls) insert.run(id, text);
    a.db.pragma(`user_version = ${TEXT_NAMES_VERSION - 1}`);
  })();
  a.close();
}

/**
 * The link tables as the schema before LINK_IDS_VERSION stored them (src/main/store/link-ids.ts): the
 * names as text, keyed by (name, start_ms, call), with their indexes and the statistics' triggers; the
 * views and the id tables gone (in the caller's transaction).
 */
export function linksAsText(db: Db): void {
  db.exec(`
    CREATE TABLE call_queues_text (call INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE, queue TEXT NOT NULL, start_ms INTEGER NOT NULL, PRIMARY KEY (queue, start_ms, call)) WITHOUT ROWID, STRICT;
    INSERT INTO call_queues_text SELECT call, queue, start_ms FROM call_queues ORDER BY queue, start_ms, call;
    CREATE TABLE call_agents_text (call INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE, agent TEXT NOT NULL, start_ms INTEGER NOT NULL, talk INTEGER NOT NULL DEFAULT 0, talk_ms INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (agent, start_ms, call)) WITHOUT ROWID, STRICT;
    INSERT INTO call_agents_text SELECT call, agent, start_ms, talk, talk_ms FROM call_agents ORDER BY agent, start_ms, call;
    DROP VIEW call_queues; DROP VIEW call_agents; DROP TABLE call_queue_rows; DROP TABLE call_agent_rows;
    ALTER TABLE call_queues_text RENAME TO call_queues; ALTER TABLE call_agents_text RENAME TO call_agents;
    CREATE INDEX call_queues_call ON call_queues(call);
    CREATE INDEX call_queues_start ON call_queues(start_ms, queue);
    CREATE INDEX call_agents_call ON call_agents(call);
    CREATE INDEX call_agents_start ON call_agents(start_ms, agent);
    ${dirtyTriggersOn('call_queues', 'call, queue, start_ms')}
    ${dirtyTriggersOn('call_agents', 'call, agent, start_ms, talk, talk_ms')}`);
}
