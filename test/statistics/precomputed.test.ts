// #12 speed: what the statistics read of a call's events is precomputed at import (calls.stats_flags,
// call_agents.talk / talk_ms). The precomputed values must equal what the events say, however the
// call came to be written (first delivery, re-delivery, re-derivation when a companion file names its
// agents), and the migration must fill them for an existing archive exactly as the import writes them.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { sqlStatistics } from '../../src/main/statistics/sqlite-statistics';
import { openArchive } from '../../src/main/store/archive';
import { ArchiveError } from '../../src/main/store/errors';
import type { Db } from '../../src/main/store/native';
import { SCHEMA_VERSION, STATS_PRECOMPUTED_VERSION, schemaVersionOf } from '../../src/main/store/schema';
import { deepVerify } from '../../src/main/verify/deep-verify';
import {
  agentTalk,
  DEFAULT_PARAMETERS,
  STATS_FLAG,
  statsFlags,
  TALK_KIND,
  type StatsParameters,
} from '../../src/shared/statistics';
import { tempDir } from '../archive/fixtures';
import { linksAsText } from '../archive/helpers';
import { cutDeliveriesArchive, SIM_ZONE } from './simulated';

const ev = (type: string, agent: string | null = null, durationSec = 0) => ({ type, agent, durationSec });

describe('statsFlags and agentTalk (pure)', () => {
  it('flags a queue, a callback request and a menu; nothing for talk only', () => {
    expect(statsFlags([ev('menu'), ev('queue'), ev('conversation', 'A', 3)])).toBe(STATS_FLAG.queue | STATS_FLAG.menu);
    expect(statsFlags([ev('queue_callback')])).toBe(STATS_FLAG.queue | STATS_FLAG.callback);
    expect(statsFlags([ev('conversation', 'A', 3), ev('ring')])).toBe(0);
  });

  it('per agent: the kinds of talk and the sum of each event rounded to whole ms', () => {
    const t = agentTalk([
      ev('conversation', 'A', 1.0004),
      ev('consult', 'A', 2.0006),
      ev('consult', 'B', 5),
      ev('conversation', null, 9),
      ev('queue', 'C', 7),
    ]);
    expect([...t]).toEqual([
      ['A', { talk: TALK_KIND.conversation | TALK_KIND.consult, talkMs: 1000 + 2001 }],
      ['B', { talk: TALK_KIND.consult, talkMs: 5000 }],
    ]);
  });
});

/** Calls whose stored flags differ from their events (the migration's own reading of events). */
function flagMismatches(db: Db): number {
  return db
    .prepare(
      `SELECT count(*) FROM calls c WHERE c.stats_flags !=
        (SELECT coalesce(max(e.type IN ('queue', 'queue_callback')) | (max(e.type = 'queue_callback') << 1)
          | (max(e.type = 'menu') << 2), 0) FROM events e WHERE e.call = c.id)`,
    )
    .pluck()
    .get() as number;
}

/** call_agents rows whose talk differs from the events, plus talk events of an agent the call does not name. */
function talkMismatches(db: Db): number {
  const wrong = db
    .prepare(
      `SELECT count(*) FROM call_agents a WHERE (a.talk, a.talk_ms) IS NOT (
        SELECT coalesce(max(e.type = 'conversation') | (max(e.type = 'consult') << 1), 0),
          coalesce(CAST(sum(round(e.duration_sec * 1000)) AS INTEGER), 0)
        FROM events e WHERE e.call = a.call AND e.agent = a.agent AND e.type IN ('conversation', 'consult'))`,
    )
    .pluck()
    .get() as number;
  const unnamed = db
    .prepare(
      `SELECT count(*) FROM events e WHERE e.type IN ('conversation', 'consult') AND e.agent IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM call_agents a WHERE a.agent = e.agent AND a.call = e.call)`,
    )
    .pluck()
    .get() as number;
  return wrong + unnamed;
}

const dir = tempDir();
let path: string;

beforeAll(async () => {
  path = await cutDeliveriesArchive({ calls: 1500, days: 6, seed: 5 });
}, 180_000);

describe('precomputed == computed on a simulated archive (re-delivery, re-derivation)', () => {
  it('every call: stats_flags and call_agents talk equal what its events say', async () => {
    const archive = openArchive(path);
    try {
      const db = archive.db;
      const redelivered = db
        .prepare("SELECT count(*) FROM raw_rows WHERE status = 'kept' AND reason LIKE '%newer%'")
        .pluck()
        .get() as number;
      expect(redelivered).toBeGreaterThan(0);
      expect(db.prepare('SELECT count(*) FROM calls WHERE stats_flags != 0').pluck().get()).toBeGreaterThan(1000);
      expect(db.prepare('SELECT count(*) FROM call_agents WHERE talk != 0').pluck().get()).toBeGreaterThan(1000);
      expect(flagMismatches(db)).toBe(0);
      expect(talkMismatches(db)).toBe(0);
      // And what the pure module reads of the contract's events, call by call.
      const api = new SqliteArchiveApi(archive);
      const rows = db.prepare('SELECT id, call_id, stats_flags FROM calls ORDER BY id LIMIT 300').all() as {
        id: number;
        call_id: string;
        stats_flags: number;
      }[];
      const agentsOf = db.prepare('SELECT agent, talk, talk_ms FROM call_agents WHERE call = ?');
      for (const r of rows) {
        const detail = await api.calls.get(r.call_id);
        expect(r.stats_flags, r.call_id).toBe(statsFlags(detail!.call.events));
        const talk = agentTalk(detail!.call.events);
        for (const a of agentsOf.all(r.id) as { agent: string; talk: number; talk_ms: number }[]) {
          const t = talk.get(a.agent) ?? { talk: 0, talkMs: 0 };
          expect([a.talk, a.talk_ms], `${r.call_id} ${a.agent}`).toEqual([t.talk, t.talkMs]);
        }
      }
      api.close();
    } finally {
      archive.close();
    }
  });

  it('the migration fills an older archive exactly as the import wrote it, and the figures stay the same', () => {
    const copy = join(dir, 'older.db');
    let archive = openArchive(path);
    const p: StatsParameters = { ...DEFAULT_PARAMETERS, timeZone: SIM_ZONE, fromMs: null, toMs: null, by: ['agent'] };
    const before = sqlStatistics(archive.db, p);
    archive.db.prepare('VACUUM INTO ?').run(copy);
    archive.close();
    // Take the copy back to the version before the migration: without the columns.
    archive = openArchive(copy);
    const snapshot = (db: Db) => [
      db.prepare('SELECT id, stats_flags FROM calls ORDER BY id').raw().all(),
      db.prepare('SELECT call, agent, talk, talk_ms FROM call_agents ORDER BY call, agent').raw().all(),
    ];
    const imported = snapshot(archive.db);
    archive.db.transaction(() => linksAsText(archive.db))(); // the links as text, as before LINK_IDS_VERSION
    archive.db.exec(
      'ALTER TABLE calls DROP COLUMN stats_flags; ALTER TABLE call_agents DROP COLUMN talk; ALTER TABLE call_agents DROP COLUMN talk_ms',
    );
    archive.db.pragma(`user_version = ${STATS_PRECOMPUTED_VERSION - 1}`);
    archive.close();

    // Read-only, it is not upgraded: the statistics say so in one line.
    const ro = openArchive(copy, { readonly: true });
    expect(() => sqlStatistics(ro.db, p)).toThrow(ArchiveError);
    expect(() => sqlStatistics(ro.db, p)).toThrow(/statistics need this archive upgraded/);
    ro.close();

    archive = openArchive(copy); // writable: migrates
    expect(schemaVersionOf(archive.db)).toBe(SCHEMA_VERSION);
    expect(snapshot(archive.db)).toEqual(imported);
    expect(sqlStatistics(archive.db, p)).toEqual(before);
    archive.close();
  });

  it('verify --deep finds a wrong stats flag and a wrong talk time, with call id and column', async () => {
    const copy = join(dir, 'tampered.db');
    let archive = openArchive(path);
    archive.db.prepare('VACUUM INTO ?').run(copy);
    archive.close();
    archive = openArchive(copy);
    const db = archive.db;
    const a = db
      .prepare('SELECT id, call_id, stats_flags FROM calls WHERE stats_flags != 0 ORDER BY id LIMIT 1')
      .get() as {
      id: number;
      call_id: string;
      stats_flags: number;
    };
    const b = db
      .prepare(
        'SELECT c.call_id, ca.call, ca.agent, ca.talk_ms FROM call_agents ca JOIN calls c ON c.id = ca.call WHERE ca.talk != 0 AND ca.call != ? ORDER BY ca.call LIMIT 1',
      )
      .get(a.id) as { call_id: string; call: number; agent: string; talk_ms: number };
    db.prepare('UPDATE calls SET stats_flags = 0 WHERE id = ?').run(a.id);
    db.prepare('UPDATE call_agents SET talk_ms = talk_ms + 1 WHERE call = ? AND agent = ?').run(b.call, b.agent);
    const api = new SqliteArchiveApi(archive);
    const r = await deepVerify(db, api);
    api.close();
    archive.close();
    expect(r.ok).toBe(false);
    expect(r.differences).toHaveLength(2);
    expect(r.differences).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^call ${a.call_id}: calls\\.stats_flags: stored 0, derived ${a.stats_flags}$`),
        ),
        expect.stringMatching(
          new RegExp(
            `^call ${b.call_id}: call_agents \\(agent, talk, talk_ms\\) .*stored ${b.talk_ms + 1}, derived ${b.talk_ms}$`,
          ),
        ),
      ]),
    );
  }, 120_000);
});
