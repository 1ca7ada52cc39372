// The link tables' names as ids of the names' vocabulary (#10 goal 2, session 11; src/main/store/link-ids.ts,
// link-rows.ts): call_queue_rows / call_agent_rows hold text_names ids behind the views call_queues /
// call_agents; every reader answers as before — on a new archive and on one of the previous schema read
// as it is —, the planner still reads the keys, the vocabulary keeps exactly the names the links and
// sets use, and the upgrade keeps every link (interrupted: the archive as it was).
import { describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { buildCallColumns } from '../../src/main/api/call-columns';
import type { LinkColumn } from '../../src/main/api/link-column';
import { buildWhere, type ParsedSearch } from '../../src/main/api/search-sql';
import { FtsText } from '../../src/main/api/fts-text';
import { openArchive, type Archive } from '../../src/main/store/archive';
import { linkRows, linksHaveIds } from '../../src/main/store/link-rows';
import type { Db } from '../../src/main/store/native';
import { LINK_IDS_VERSION, SCHEMA_VERSION, type UpgradeProgress } from '../../src/main/store/schema';
import { dropUnusedTextNames } from '../../src/main/store/text-names';
import { verifyArchive } from '../../src/main/store/verify';
import { erase } from '../../src/main/review/erasure';
import { sqlStatistics } from '../../src/main/statistics/sqlite-statistics';
import { DEFAULT_PARAMETERS, type StatsParameters } from '../../src/shared/statistics';
import type { CallSearch } from '../../src/shared/api/archive-api';
import { linksAsText, TZ } from './helpers';
import {
  archivesClosedAfterEach,
  bytesOf,
  expectUpgradeCutOff,
  schemaOf,
  simulatedArchiveCopy,
} from './simulated-archive';

const { open, closeAll } = archivesClosedAfterEach();

const archiveCopy = (): Promise<string> => simulatedArchiveCopy(300, 11);

/** The archive at `path` as the schema before LINK_IDS_VERSION stored it (links as text). */
function toPreviousSchema(path: string): void {
  const a = openArchive(path);
  a.db.transaction(() => {
    linksAsText(a.db);
    a.db.pragma(`user_version = ${LINK_IDS_VERSION - 1}`);
  })();
  a.db.exec('VACUUM');
  a.close();
}

/** Every link as readers see it, through the views (or the tables of the previous schema). */
function links(db: Db): unknown {
  const rows = (q: string) => db.prepare(q).raw().all();
  return {
    queues: rows('SELECT call, queue, start_ms FROM call_queues ORDER BY call, queue'),
    agents: rows('SELECT call, agent, start_ms, talk, talk_ms FROM call_agents ORDER BY call, agent'),
  };
}

const LINK_TABLES = ['call_queues', 'call_agents', 'call_queue_rows', 'call_agent_rows'];

function plan(db: Db, q: string, ...params: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${q}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

/** The most linked queue and agent, a word of each, and a time range that cuts hours (partial hours at both ends). */
function sample(db: Db): { queue: string; agent: string; from: string; to: string } {
  const top = (facet: string) =>
    db
      .prepare('SELECT value FROM facet_cache WHERE facet = ? ORDER BY count DESC, value LIMIT 1')
      .pluck()
      .get(facet) as string;
  const { lo, hi } = db.prepare('SELECT min(start_ms) AS lo, max(start_ms) AS hi FROM calls').get() as {
    lo: number;
    hi: number;
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    queue: top('queue'),
    agent: top('agent'),
    from: iso(lo + (hi - lo) / 5 + 123_457),
    to: iso(hi - (hi - lo) / 5),
  };
}

/** What the search, its facets, the calls' columns and the statistics answer about the links. */
async function answers(a: Archive, s: ReturnType<typeof sample>): Promise<unknown> {
  const api = new SqliteArchiveApi(a);
  const queueWord = s.queue.slice(0, 4);
  const agentWord = s.agent.split(' ')[0] as string;
  const searches: CallSearch[] = [
    { queues: [s.queue] },
    { queues: [s.queue], sort: 'start', direction: 'desc' },
    { agents: [s.agent], from: s.from, to: s.to },
    { agents: [s.agent], sort: 'agent' },
    { queues: [s.queue], agents: [s.agent] },
    { text: agentWord },
    { text: `${queueWord} ${agentWord}` },
    { text: agentWord.slice(0, 2) },
    { types: ['inbound'], text: queueWord },
    { from: s.from, to: s.to },
    {},
  ];
  const out: unknown[] = [];
  for (const q of searches) {
    const page = await api.calls.search({ ...q, limit: 50 });
    out.push({ q, total: page.total, rows: page.rows, facets: await api.calls.facets(q) });
  }
  const cols = buildCallColumns(a.db);
  const p: StatsParameters = { ...DEFAULT_PARAMETERS, timeZone: TZ, fromMs: null, toMs: null, by: ['queue'] };
  const statistics = ['queue', 'agent'].flatMap((by) =>
    (['calls', 'auto'] as const).map((source) => sqlStatistics(a.db, { ...p, by: [by as 'queue'] }, source)),
  );
  // A call's links in the columns: as a set (the rows of one call come in key order, which is the name's id now).
  const perCall = (l: LinkColumn) =>
    Array.from(l.offsets.slice(1), (end, i) => Array.from(l.codes.slice(l.offsets[i], end)).sort((x, y) => x - y));
  return {
    out,
    columns: cols && {
      queues: cols.queues,
      agents: cols.agents,
      q: perCall(cols.queueLinks),
      a: perCall(cols.agentLinks),
    },
    statistics,
  };
}

describe('links stored as ids of the names vocabulary', () => {
  it("a new archive stores each link's name as a text_names id; the views read the names back", async () => {
    const a = open(await archiveCopy(), { readonly: true });
    const type = (name: string) => a.db.prepare('SELECT type FROM sqlite_schema WHERE name = ?').pluck().get(name);
    expect([type('call_queues'), type('call_agents')]).toEqual(['view', 'view']);
    expect([type('call_queue_rows'), type('call_agent_rows')]).toEqual(['table', 'table']);
    expect(linksHaveIds(a.db)).toBe(true);
    const count = (q: string) => a.db.prepare(q).pluck().get() as number;
    expect(count('SELECT count(*) FROM call_queue_rows')).toBeGreaterThan(100);
    expect(count("SELECT count(*) FROM call_queue_rows WHERE typeof(queue_id) != 'integer'")).toBe(0);
    expect(count("SELECT count(*) FROM call_agent_rows WHERE typeof(agent_id) != 'integer'")).toBe(0);
    // Every link has its name (the views' inner join loses none), and the id is the name's.
    expect(count('SELECT count(*) FROM call_queues')).toBe(count('SELECT count(*) FROM call_queue_rows'));
    expect(count('SELECT count(*) FROM call_agents')).toBe(count('SELECT count(*) FROM call_agent_rows'));
    expect(count('SELECT count(*) FROM pragma_foreign_key_check')).toBe(0);
    expect(
      count('SELECT count(*) FROM call_agents a JOIN text_names n ON n.id = a.agent_id WHERE n.name != a.agent'),
    ).toBe(0);
  });

  it('a name a link uses stays in the vocabulary and cannot be dropped; one no link uses any more goes', async () => {
    const a = open(await archiveCopy());
    const db = a.db;
    const { call, start } = db.prepare('SELECT id AS call, start_ms AS start FROM calls LIMIT 1').get() as {
      call: number;
      start: number;
    };
    const name = 'Zelda Qwertyson';
    const idOf = db.prepare('SELECT id FROM text_names WHERE name = ?').pluck();
    const found = () => Array.from(new FtsText(db).idList('"Qwertyson"', null));
    // Written through the view as text: the name joins the vocabulary and its trigram index.
    db.prepare('INSERT INTO call_agents (call, agent, start_ms) VALUES (?, ?, ?)').run(call, name, start);
    expect(idOf.get(name)).toBeTypeOf('number');
    expect(found()).toEqual([call]);
    db.transaction(() => dropUnusedTextNames(db))();
    expect(idOf.get(name)).toBeTypeOf('number');
    expect(() => db.prepare('DELETE FROM text_names WHERE id = ?').run(idOf.get(name))).toThrow(/FOREIGN KEY/);
    // The link goes (a call derived again without it, an erasure): so does the name.
    db.prepare('DELETE FROM call_agent_rows WHERE agent_id = ?').run(idOf.get(name));
    db.transaction(() => dropUnusedTextNames(db))();
    expect(idOf.get(name)).toBeUndefined();
    expect(found()).toEqual([]);
    expect(verifyArchive(db).problems).toEqual([]);
  });

  it("an erasure relinks a call's queue or agent whose name held the value; the erased name leaves the vocabulary", async () => {
    const a = open(await archiveCopy());
    const db = a.db;
    const { call, start, number } = db
      .prepare(
        'SELECT id AS call, start_ms AS start, caller_number AS number FROM calls WHERE caller_number IS NOT NULL LIMIT 1',
      )
      .get() as { call: number; start: number; number: string };
    const name = `Agent ${number}`;
    db.prepare('INSERT INTO call_agents (call, agent, start_ms, talk, talk_ms) VALUES (?, ?, ?, 1, 2000)').run(
      call,
      name,
      start,
    );
    erase(db, { value: number, reason: 'test' });
    const digits = number.replace(/\D+/g, '');
    const holding = db.prepare("SELECT count(*) FROM text_names WHERE replace(replace(name, ' ', ''), '+', '') LIKE ?");
    expect(holding.pluck().get(`%${digits}%`)).toBe(0);
    const agents = db.prepare('SELECT agent, talk, talk_ms FROM call_agents WHERE call = ?').all(call) as {
      agent: string;
      talk: number;
      talk_ms: number;
    }[];
    const renamed = agents.find((r) => r.agent.startsWith('Agent ') && r.agent !== name);
    expect(renamed).toMatchObject({ talk: 1, talk_ms: 2000 });
    expect(agents.some((r) => r.agent === name)).toBe(false);
    expect(verifyArchive(db).problems).toEqual([]);
  });

  it('the planner reads the keys and indexes through the views and the tables', async () => {
    const a = open(await archiveCopy(), { readonly: true });
    const s = sample(a.db);
    const where = (q: ParsedSearch, correlated = false) => buildWhere(q, undefined, { correlated });
    // A queue filter over a time range: the name's id, then the key's range of that id.
    const w = where({ queues: [s.queue], from: s.from, to: s.to } as ParsedSearch);
    const filtered = plan(a.db, `SELECT c.id FROM calls c WHERE ${w.sql}`, ...w.params).join('\n');
    expect(filtered).toMatch(/SEARCH n USING COVERING INDEX sqlite_autoindex_text_names_1 \(name=\?\)/);
    expect(filtered).toMatch(/SEARCH l USING PRIMARY KEY \(queue_id=\? AND start_ms>\? AND start_ms<\?\)/);
    // Walking a sort index: each call's links by the call index.
    const c = where({ agents: [s.agent] } as ParsedSearch, true);
    expect(plan(a.db, `SELECT c.id FROM calls c WHERE ${c.sql} LIMIT 5`, ...c.params).join('\n')).toMatch(
      /call_agents_call \(call=\?/,
    );
    // link-start-index (search-strategies.ts): one queue's calls by start, in the key's order (no sort).
    const walk = plan(
      a.db,
      'SELECT c.id FROM call_queues x CROSS JOIN calls c ON c.id = x.call WHERE x.queue = ? ORDER BY x.start_ms DESC, x.call DESC LIMIT 5',
      s.queue,
    );
    expect(walk.join('\n')).toMatch(/SEARCH l USING PRIMARY KEY \(queue_id=\?\)/);
    expect(walk.join('\n')).not.toMatch(/TEMP B-TREE/);
    // A page's people (list-row-people.ts): the view joined to the page by call.
    expect(
      plan(a.db, 'SELECT q.queue FROM (SELECT 1 AS id) p CROSS JOIN call_queues q ON q.call = p.id').join('\n'),
    ).toMatch(/call_queues_call \(call=\?\)/);
    // A LEFT JOIN of a call's links (statistics, stats-hours.ts): the table and the name, never the view materialised.
    for (const facet of ['queue', 'agent'] as const) {
      const join = linkRows(a.db, facet).leftJoin('g', 'c.id');
      const left = plan(a.db, `SELECT c.id, g.${facet} FROM calls c ${join} WHERE c.start_ms >= 0`).join('\n');
      expect(left).not.toMatch(/MATERIALIZE|AUTOMATIC/);
      expect(left).toMatch(new RegExp(`${facet === 'queue' ? 'call_queues' : 'call_agents'}_call \\(call=\\?\\)`));
    }
  });
});

describe('an archive of the previous schema', () => {
  it('read as it is (read-only), every reader answers as on the archive with ids', async () => {
    const path = await archiveCopy();
    const fresh = open(path, { readonly: true });
    const s = sample(fresh.db);
    const expected = (await answers(fresh, s)) as { out: { total: number }[]; columns: unknown };
    // The answers are not empty: each search of a name or a word of one finds calls.
    for (const o of expected.out) expect(o.total).toBeGreaterThan(0);
    expect(expected.columns).not.toBeNull();
    const expectedLinks = links(fresh.db);
    closeAll();
    toPreviousSchema(path);
    const old = open(path, { readonly: true });
    expect(old.db.pragma('user_version', { simple: true })).toBe(LINK_IDS_VERSION - 1);
    expect(linksHaveIds(old.db)).toBe(false);
    expect(old.db.prepare("SELECT type FROM main.sqlite_schema WHERE name = 'call_queues'").pluck().get()).toBe(
      'table',
    );
    expect(links(old.db)).toEqual(expectedLinks);
    expect(await answers(old, s)).toEqual(expected);
  });

  it("is upgraded keeping every link, with progress, to a new archive's schema, smaller", async () => {
    const path = await archiveCopy();
    const fresh = open(path, { readonly: true });
    const before = links(fresh.db);
    const schema = schemaOf(fresh.db);
    closeAll();
    toPreviousSchema(path);
    const old = open(path, { readonly: true });
    const oldBytes = bytesOf(old.db, LINK_TABLES);
    closeAll();

    const progress: UpgradeProgress[] = [];
    const a = open(path, { onUpgrade: (p) => progress.push(p) });
    expect(a.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const mine = progress.filter((p) => p.toVersion === LINK_IDS_VERSION && p.phase === undefined);
    const count = (q: string) => a.db.prepare(q).pluck().get() as number;
    const total = count('SELECT count(*) FROM call_queue_rows') + count('SELECT count(*) FROM call_agent_rows');
    expect(mine[0]).toMatchObject({ done: 0, total });
    expect(mine.length).toBeGreaterThan(2);
    expect(mine[mine.length - 1]).toMatchObject({ done: total, total });
    expect(links(a.db)).toEqual(before);
    expect(schemaOf(a.db)).toEqual(schema);
    expect(verifyArchive(a.db).problems).toEqual([]);
    expect(count('SELECT count(*) FROM pragma_foreign_key_check')).toBe(0);
    expect(bytesOf(a.db, LINK_TABLES)).toBeLessThan(oldBytes);
  });

  it('an interrupted upgrade leaves it as it was, readable; the next open upgrades it', async () => {
    const path = await archiveCopy();
    const before = links(open(path, { readonly: true }).db);
    closeAll();
    toPreviousSchema(path);
    expectUpgradeCutOff(path, LINK_IDS_VERSION, (p) => p.done > 0 && p.done < p.total);
    const ro = open(path, { readonly: true });
    expect(ro.db.pragma('user_version', { simple: true })).toBe(LINK_IDS_VERSION - 1);
    expect(ro.db.prepare("SELECT count(*) FROM main.sqlite_schema WHERE name LIKE 'call_%_rows'").pluck().get()).toBe(
      0,
    );
    expect(links(ro.db)).toEqual(before);
    const rw = open(path);
    expect(rw.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(links(rw.db)).toEqual(before);
    expect(verifyArchive(rw.db).problems).toEqual([]);
  });
});
