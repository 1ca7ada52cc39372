// The names out of the trigram index (#10 goal 2, src/main/store/text-names.ts): calls_fts holds each
// call's own text (numbers, registrations, call id); agents, queues, event names and labels are a
// vocabulary linked to the calls. Every place that matches a text must find exactly the calls whose
// whole text (ftsText, lower-cased) contains every word — a name alone, a label in English or Danish,
// a number, a name and a number together — on a fresh import and after the upgrade of an archive whose
// calls_fts still held the names (read-only before it, interrupted, and done).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FtsText } from '../../src/main/api/fts-text';
import { buildWhere, ftsMatch, type ParsedSearch } from '../../src/main/api/search-sql';
import { ARMS, matchPhrases, textMatchIds, type PhraseArms } from '../../src/main/api/text-match-sql';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { ftsText } from '../../src/main/import/call-rows';
import { openArchive, type Archive } from '../../src/main/store/archive';
import { SCHEMA_VERSION, TEXT_NAMES_VERSION, type UpgradeProgress } from '../../src/main/store/schema';
import { dropUnusedTextNames, TextNameWriter } from '../../src/main/store/text-names';
import { verifyArchive } from '../../src/main/store/verify';
import { erase } from '../../src/main/review/erasure';
import type { ArchiveCall } from '../../src/shared/model/archive-call';
import { tempDir } from './fixtures';
import { toPreviousTextSchema } from './helpers';
import {
  archivesClosedAfterEach,
  everyCallDetail,
  expectUpgradeCutOff,
  simulatedArchiveCopy,
} from './simulated-archive';

const { open } = archivesClosedAfterEach();

interface Ref {
  id: number;
  call: ArchiveCall;
  text: string;
}

/** Every call with its whole searchable text (from its contract JSON, as the reference of the search tests). */
function refCalls(a: Archive): Ref[] {
  const api = new SqliteArchiveApi(a);
  return (a.db.prepare('SELECT id, call_id FROM calls ORDER BY id').all() as { id: number; call_id: string }[]).map(
    ({ id, call_id }) => {
      const call = JSON.parse(api.contractJson(call_id) as string) as ArchiveCall;
      return { id, call, text: ftsText(call).toLowerCase() };
    },
  );
}

/** The reference: calls whose lower-cased text contains every (3+ character) word. */
const expected = (refs: readonly Ref[], text: string): number[] =>
  refs.filter((r) => text.split(/\s+/).every((w) => r.text.includes(w.toLowerCase()))).map((r) => r.id);

/** The matching ids by every way the app evaluates a text: count, full list, id bands, first ids, the WHERE clause. */
function byEveryPath(
  a: Archive,
  text: string,
): { list: number[]; count: number; bands: number[]; first: number[]; where: number[] } {
  const match = ftsMatch(text) as string;
  const fts = new FtsText(a.db);
  const maxId = a.db.prepare('SELECT max(id) FROM calls').pluck().get() as number;
  const mid = Math.floor(maxId / 2);
  const bands = [
    ...Array.from(fts.idList(match, { lo: 1, hi: mid })),
    ...Array.from(fts.idList(match, { lo: mid + 1, hi: maxId })),
  ];
  const where = buildWhere({ text } as ParsedSearch);
  return {
    list: Array.from(fts.idList(match, null)),
    count: fts.count(match),
    bands,
    first: fts.idsUpTo(match, 2, 'desc'),
    where: a.db
      .prepare(`SELECT c.id FROM calls c WHERE ${where.sql} ORDER BY c.id`)
      .pluck()
      .all(...where.params) as number[],
  };
}

function expectSame(a: Archive, refs: readonly Ref[], text: string): number[] {
  const want = expected(refs, text);
  const got = byEveryPath(a, text);
  expect({ text, ...got }).toEqual({
    text,
    list: want,
    count: want.length,
    bands: want,
    first: [...want].reverse().slice(0, 3),
    where: want,
  });
  return want;
}

/** calls_fts on its own (no names): how many calls it finds for a text. */
const indexAlone = (a: Archive, text: string): number =>
  a.db.prepare('SELECT count(*) FROM calls_fts WHERE calls_fts MATCH ?').pluck().get(ftsMatch(text)) as number;

/** Words of each kind, taken from the archive's own calls. */
interface Words {
  menu: string;
  agent: string;
  queue: string;
  labelEn: string;
  labelDa: string;
  number: string;
  callId: string;
  /** A menu word and a number of one call that has both. */
  mix: string;
}

const firstWordOf = (s: string): string => s.split(/\s+/).find((w) => [...w].length >= 4) ?? s;

function wordsOf(refs: readonly Ref[]): Words {
  const firstWord = firstWordOf;
  const menuCall = refs.find((r) => r.call.events.some((e) => e.type === 'menu' && e.name && r.call.callerNumber));
  const menuName = menuCall?.call.events.find((e) => e.type === 'menu' && e.name)?.name as string;
  const agentCall = refs.find((r) => r.call.agents.length) as Ref;
  const queueCall = refs.find((r) => r.call.queues.length) as Ref;
  const digits = (menuCall?.call.callerNumber ?? '').replace(/\D+/g, '');
  return {
    menu: firstWord(menuName),
    agent: firstWord(agentCall.call.agents[0] as string),
    queue: firstWord(queueCall.call.queues[0] as string),
    labelEn: 'UNANSWERED', // upper case: matched case-insensitively, as the trigram index did
    labelDa: 'FÆRDIG', // a non-ASCII letter folded too (Æ → æ)
    number: digits.slice(-6),
    callId: (refs[3] as Ref).call.callId.slice(-5),
    mix: `${firstWord(menuName)} ${digits.slice(-6)}`,
  };
}

describe('names out of the trigram index', () => {
  let path: string;
  let refs: Ref[];
  let words: Words;
  beforeAll(async () => {
    path = await simulatedArchiveCopy(120, 9);
    const a = openArchive(path, { readonly: true });
    refs = refCalls(a);
    words = wordsOf(refs);
    a.close();
  });

  it('a name alone, a label in English and in Danish, a number, a call id and a name with a number find the same calls', () => {
    const a = open(path, { readonly: true });
    for (const text of [words.menu, words.agent, words.queue, words.labelEn, words.labelDa, 'ubesvare'])
      expect(expectSame(a, refs, text).length, text).toBeGreaterThan(0);
    // The names are not in calls_fts: their calls come through the vocabulary's links.
    for (const text of [words.menu, words.labelEn, words.labelDa]) expect(indexAlone(a, text), text).toBe(0);
    for (const text of [words.number, words.callId]) {
      expect(expectSame(a, refs, text).length, text).toBeGreaterThan(0);
      expect(indexAlone(a, text)).toBeGreaterThan(0);
    }
    expect(expectSame(a, refs, words.mix).length).toBeGreaterThan(0);
    expect(expectSame(a, refs, `${words.labelEn} ${words.agent}`).length).toBeGreaterThan(0);
    expect(expectSame(a, refs, `${words.menu} zzzqqq`)).toEqual([]);
  });

  it('the name lookups use indexes (EXPLAIN QUERY PLAN)', () => {
    const a = open(path, { readonly: true });
    for (const band of [null, { lo: 1, hi: 50 }]) {
      const q = textMatchIds(ftsMatch(`${words.menu} ${words.agent}`) as string, band);
      const plan = (a.db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { detail: string }[]).map(
        (r) => r.detail,
      );
      for (const table of ['call_agent_rows', 'call_queue_rows', 'call_name_sets', 'text_name_set_names', 'text_names'])
        expect(
          plan.filter((d) => new RegExp(`^SCAN ${table}\\b`).test(d)),
          table,
        ).toEqual([]);
      // Without a band each name is looked up; with one SQLite may read the band's part of the call index instead.
      const lookups: [string, string][] = [
        ['call_agent_rows', band ? '(agent_id=|call>)' : 'agent_id='],
        ['call_queue_rows', band ? '(queue_id=|call>)' : 'queue_id='],
        ['call_name_sets', band ? '(name_set=|rowid>)' : 'name_set='],
        ['text_name_set_names', 'name='],
      ];
      for (const [table, key] of lookups)
        expect(
          plan.some((d) => new RegExp(`^SEARCH ${table} USING .*\\(${key}`).test(d)),
          table,
        ).toBe(true);
      // The links hold the names' ids (link-ids.ts): the trigram index's rowids are looked up in them directly.
      expect(plan.filter((d) => /^SEARCH n\b/.test(d))).toEqual([]);
    }
  });

  it('a call with two agents that contain the word is found and counted once, on every path', () => {
    const a = open(writableCopy(path));
    const agentRef = refs.find((r) => r.call.agents.length === 1) as Ref;
    const agent = agentRef.call.agents[0] as string;
    // A second agent on the call whose name contains the first's (as "Hans Jensen" and "Hans Hansen").
    const start = a.db.prepare('SELECT start_ms FROM calls WHERE id = ?').pluck().get(agentRef.id) as number;
    a.db
      .prepare('INSERT INTO call_agents (call, agent, start_ms) VALUES (?, ?, ?)')
      .run(agentRef.id, `${agent} II`, start);
    a.db.transaction(() => new TextNameWriter(a.db).addNames([`${agent} II`]))();
    const twice = refs.map((r) => (r.id === agentRef.id ? { ...r, text: `${r.text}\n${agent.toLowerCase()} ii` } : r));
    for (const text of [firstWordOf(agent), agent.split(/\s+/).at(-1) as string, `${firstWordOf(agent)} ${words.menu}`])
      expect(expectSame(a, twice, text)).toContain(agentRef.id);
  });

  it('the tests per listed call use indexes too (EXPLAIN QUERY PLAN)', () => {
    const a = open(path, { readonly: true });
    const match = ftsMatch(`${words.number} ${words.menu} ${words.agent}`) as string;
    const arms = new Map<string, PhraseArms>(
      matchPhrases(match).map((p, i) => [p, { arms: i === 0 ? ['own'] : ARMS, calls: i === 0 ? 10 : 1000 }]),
    );
    const q = textMatchIds(match, null, arms);
    const plan = (a.db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { detail: string }[]).map(
      (r) => r.detail,
    );
    for (const table of ['call_agents', 'call_queues', 'call_name_sets', 'text_name_set_names', 'text_names'])
      expect(
        plan.filter((d) => new RegExp(`^(SCAN|SEARCH) ${table}( |$)(?!.*USING)`).test(d)),
        table,
      ).toEqual([]);
    for (const [table, key] of [
      ['x', '(call=|rowid=)'],
      ['text_name_set_names', 'name='],
    ])
      expect(
        plan.some((d) => new RegExp(`^SEARCH ${table} USING .*\\(${key}`).test(d)),
        table,
      ).toBe(true);
    expect(plan.filter((d) => /^SCAN x\b/.test(d))).toEqual([]);
  });

  it('every name of the vocabulary is used, and one no call has any more leaves it', () => {
    const a = open(writableCopy(path));
    const unused = (sqlText: string) => a.db.prepare(sqlText).pluck().get() as number;
    expect(
      unused(`SELECT count(*) FROM text_names n WHERE NOT EXISTS (SELECT 1 FROM text_name_set_names s WHERE s.name = n.id)
        AND NOT EXISTS (SELECT 1 FROM call_agents WHERE agent = n.name) AND NOT EXISTS (SELECT 1 FROM call_queues WHERE queue = n.name)`),
    ).toBe(0);
    a.db.transaction(() => {
      const w = new TextNameWriter(a.db);
      w.setCall(1, ['only in this test: 4512345678']);
      w.setCall(1, []);
      expect(unused("SELECT count(*) FROM text_names WHERE name LIKE 'only in this test%'")).toBe(1);
      dropUnusedTextNames(a.db);
      expect(unused("SELECT count(*) FROM text_names WHERE name LIKE 'only in this test%'")).toBe(0);
      expect(indexAloneNames(a, 'only in this test')).toBe(0);
    })();
  });

  it('an erasure keeps every call findable by its names and its number no longer finds it', () => {
    const a = open(writableCopy(path));
    const call = refs.find((r) => r.call.callerNumber && r.call.events.some((e) => e.type === 'menu'))
      ?.call as ArchiveCall;
    erase(a.db, { value: call.callerNumber as string, reason: 'test' });
    const after = refCalls(a);
    expect(expectSame(a, after, (call.callerNumber as string).replace(/\D+/g, ''))).toEqual([]);
    expectSame(a, after, words.menu);
    expectSame(a, after, words.labelDa);
    expect(verifyArchive(a.db).problems).toEqual([]);
  });
});

/** A copy of the archive for a test that writes. */
function writableCopy(path: string): string {
  const out = join(tempDir(), 'a.db');
  copyFileSync(path, out);
  return out;
}

const indexAloneNames = (a: Archive, text: string): number =>
  a.db
    .prepare('SELECT count(*) FROM text_names_fts WHERE text_names_fts MATCH ?')
    .pluck()
    .get(ftsMatch(text)) as number;

const toPreviousSchema = toPreviousTextSchema;

describe('the upgrade that takes the names out of calls_fts', () => {
  let refs: Ref[];
  let words: Words;
  let details: Map<string, unknown>;
  beforeAll(async () => {
    const a = openArchive(await simulatedArchiveCopy(120, 9), { readonly: true });
    refs = refCalls(a);
    words = wordsOf(refs);
    details = await everyCallDetail(a);
    a.close();
  });
  const texts = () => [words.menu, words.agent, words.labelEn, words.labelDa, words.number, words.mix];

  it('an older archive read as it is finds the same calls (its calls_fts holds the names)', async () => {
    const path = await simulatedArchiveCopy(120, 9);
    toPreviousSchema(path);
    const ro = open(path, { readonly: true });
    expect(ro.db.pragma('user_version', { simple: true })).toBe(TEXT_NAMES_VERSION - 1);
    expect(indexAlone(ro, words.menu)).toBeGreaterThan(0);
    for (const text of texts()) expectSame(ro, refs, text);
  });

  it('upgrades in place with progress: the same calls found, details and verify unchanged, names out of calls_fts', async () => {
    const path = await simulatedArchiveCopy(120, 9);
    toPreviousSchema(path);
    const progress: UpgradeProgress[] = [];
    const a = open(path, { onUpgrade: (p) => progress.push(p) });
    expect(a.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const steps = progress.filter((p) => p.toVersion === TEXT_NAMES_VERSION && p.phase === undefined);
    expect(steps.at(-1)).toMatchObject({ done: refs.length, total: refs.length });
    expect(indexAlone(a, words.menu)).toBe(0);
    for (const text of texts()) expectSame(a, refs, text);
    expect(await everyCallDetail(a)).toEqual(details);
    expect(verifyArchive(a.db).problems).toEqual([]);
    // The same tables as an import writes: each call's set as a fresh archive has it.
    const fresh = openArchive(await simulatedArchiveCopy(120, 9), { readonly: true });
    const sets = (db: Archive['db']) =>
      db
        .prepare(
          `SELECT c.call, group_concat(n.name, '|') FROM (SELECT call, name_set FROM call_name_sets ORDER BY call) c
           JOIN text_name_set_names s ON s.name_set = c.name_set JOIN text_names n ON n.id = s.name
           GROUP BY c.call ORDER BY c.call`,
        )
        .raw()
        .all()
        .map((r) => {
          const [call, names] = r as [number, string];
          return `${call}:${names.split('|').sort().join('|')}`;
        });
    try {
      expect(sets(a.db).length).toBeGreaterThan(0);
      expect(sets(a.db)).toEqual(sets(fresh.db));
    } finally {
      fresh.close();
    }
  });

  it('an interrupted upgrade leaves the archive as it was, readable; the next open upgrades it', async () => {
    const path = await simulatedArchiveCopy(120, 9);
    toPreviousSchema(path);
    expectUpgradeCutOff(path, TEXT_NAMES_VERSION);
    const ro = open(path, { readonly: true });
    expect(ro.db.pragma('user_version', { simple: true })).toBe(TEXT_NAMES_VERSION - 1);
    expect(ro.db.prepare("SELECT count(*) FROM main.sqlite_schema WHERE name LIKE 'text_name%'").pluck().get()).toBe(0);
    for (const text of texts()) expectSame(ro, refs, text);
    const rw = open(path);
    expect(rw.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    for (const text of texts()) expectSame(rw, refs, text);
  });
});
