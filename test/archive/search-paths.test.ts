// Every fast path of calls.search / calls.facets returns exactly what the plain
// path returns: the start-index walk for free text (windows of the start index,
// the match evaluated inside each window's id band), the id band of a time range,
// cached counts, jumps to a row position (offset), one-pass facets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { likePrefix } from '../../src/main/api/search-sql';
import { tuned, type SearchTuning } from '../../src/main/api/search-tuning';
import { caseVariants, prefixEnd } from '../../src/main/api/short-text';
import { refreshFacetCache } from '../../src/main/store/facet-cache';
import { importFiles } from '../../src/main/import/run-import';
import type { CallListRow, CallSearch } from '../../src/shared/api/archive-api';
import { SORT_COLUMNS } from '../../src/shared/api/schemas';
import type { Archive } from '../../src/main/store/archive';
import { csv, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { asMap, freshArchive, tally, TZ } from './helpers';

// Two files: the second file's calls start before the first's, so ids are not in start order.
const FIRST = manyCalls(180);
// Every tenth call of the second file starts at the same instant as the one before it (ties on start).
const SECOND = manyCalls(120, 5000)
  .map((c) => ({ ...c, start: c.start.replace('2026-03-0', '2026-02-2'), recBase: c.recBase + 50_000 }))
  .map((c, i, calls) => (i % 10 === 1 ? { ...c, start: calls[i - 1]!.start } : c));
let archive: Archive;
let api: SqliteArchiveApi;
let all: CallListRow[];
const PLAIN = {
  walkMinMatches: Infinity,
  ftsWalkMinMatches: Infinity,
  ftsWindow: 1024,
  ftsWindowEstimate: true,
  shortcuts: false,
};
const FORCED = { walkMinMatches: 0, ftsWalkMinMatches: 0, ftsWindow: 7, ftsWindowEstimate: false, shortcuts: true };
/** The default thresholds of a big archive (matches sorted), with every shortcut. */
const SHORT = {
  walkMinMatches: Infinity,
  ftsWalkMinMatches: Infinity,
  ftsWindow: 1024,
  ftsWindowEstimate: true,
  shortcuts: true,
};

beforeAll(async () => {
  const s = freshArchive();
  archive = s.archive;
  const files = [
    writeFile(s.dir, 'a.csv', csv(FIRST.flatMap(inboundRows))),
    writeFile(s.dir, 'b.csv', csv(SECOND.flatMap(inboundRows))),
  ];
  const results = await importFiles(archive, files, { timeZone: TZ, inProcess: true });
  expect(results.map((r) => r.status)).toEqual(['done', 'done']);
  api = new SqliteArchiveApi(archive);
  all = (await api.calls.search({ limit: 1000 })).rows;
  expect(all).toHaveLength(FIRST.length + SECOND.length);
});
afterAll(() => {
  archive.close();
});

async function everything(q: CallSearch, limit: number): Promise<{ rows: string[]; totals: number[] }> {
  const rows: string[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await api.calls.search({ ...q, limit, cursor });
    rows.push(...page.rows.map((r) => r.callId));
    totals.push(page.total);
    if (!page.nextCursor) return { rows, totals };
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

/** One API per tuning on the same archive: the tuning is given to the searcher, never changed on a live one. */
const tunedApis = new Map<string, SqliteArchiveApi>();
function apiWith(t: Partial<SearchTuning>): SqliteArchiveApi {
  const key = JSON.stringify(t, (_, v: unknown) => (v === Infinity ? 'Infinity' : v));
  let found = tunedApis.get(key);
  if (!found) tunedApis.set(key, (found = new SqliteArchiveApi(archive, { searchTuning: tuned(t) })));
  return found;
}

/** Runs fn with `api` answering under the tuning t. */
async function withTuning<T>(t: Partial<SearchTuning>, fn: () => Promise<T>): Promise<T> {
  const saved = api;
  api = apiWith(t);
  try {
    return await fn();
  } finally {
    api = saved;
  }
}

/**
 * Every page of q on the plain path: the reference each fast path is held to. Read once per query
 * (the archive does not change here); 'page before total' read it again for each of its four tunings.
 */
const plainRuns = new Map<string, Promise<{ rows: string[]; totals: number[] }>>();
function plain(q: CallSearch): Promise<{ rows: string[]; totals: number[] }> {
  const key = JSON.stringify(q);
  let run = plainRuns.get(key);
  if (!run) plainRuns.set(key, (run = withTuning(PLAIN, () => everything(q, 9))));
  return run;
}

const sample = FIRST[40]!;
/** Short texts: letters in either case, numbers as written ('+'), digits, nothing, LIKE's own characters. */
const SHORT_TEXTS = ['a', 'A1', 'a10', 's', 'Su', 'bI', '+', '+4', '1', 'zz', '_', '%', 'x'];
const QUERIES: CallSearch[] = [
  { text: 'a102' },
  { text: 'a102', direction: 'asc' },
  { text: 'support' },
  { text: '4520' },
  { text: 'a102 sales' },
  { text: sample.caller.slice(-5) },
  { text: 'a101', from: '2026-03-03T00:00:00Z', to: '2026-03-05T00:00:00Z' },
  { text: 'support', from: '2026-02-24T00:00:00Z' },
  { text: 'billing', to: '2026-03-01T00:00:00Z', sort: 'speakTimeSec' },
  { text: 'a103', outcomes: ['answered'], sort: 'waitTimeSec', direction: 'asc' },
  { text: 'nobody-has-this' },
  { queues: ['sales'] },
  { agents: ['a104'], sort: 'speakTimeSec', direction: 'asc' },
  { agents: ['a101', 'a102'] },
  { outcomes: ['answered'], sort: 'callerNumber' },
  { queues: ['support'], agents: ['a101'] },
  {},
  // One list filter and a time range: totals from the hourly counts.
  { outcomes: ['answered'], from: '2026-02-24T10:17:00Z', to: '2026-03-05T09:43:00Z' },
  { queues: ['sales'], from: '2026-03-03T00:00:00Z' },
  { agents: ['a102'], to: '2026-03-04T11:50:00Z', direction: 'asc' },
  { types: ['inbound'], from: '2026-03-04T11:05:00Z', to: '2026-03-04T11:50:00Z' },
  { types: ['inbound'], from: '2026-02-25T00:00:00Z', to: '2026-03-04T00:00:00Z', direction: 'asc' },
  { outcomes: ['unanswered'], to: '2026-03-04T00:00:00Z' },
  { types: ['inbound'], outcomes: ['answered'], from: '2026-02-24T10:17:00Z', to: '2026-03-05T09:43:00Z' },
  // One- and two-character words: number ranges, agent / queue names resolved, cached prefix totals.
  ...SHORT_TEXTS.map((text) => ({ text })),
  { text: 'a', sort: 'callerNumber' },
  { text: 'S', direction: 'asc' },
  { text: 'a1 s' },
  { text: 'a1 sales' },
  { text: 'su', outcomes: ['answered'], sort: 'waitTimeSec' },
  { text: '4', from: '2026-03-03T00:00:00Z' },
  { text: 'b', agents: ['a101', 'a103'] },
];

describe('fast paths = plain path', () => {
  it('search: the same rows in the same order and the same total, page after page', async () => {
    for (const q of QUERIES) {
      const want = await plain(q);
      expect(want.totals[0], JSON.stringify(q)).toBe(want.rows.length);
      for (const tuning of [FORCED, SHORT]) {
        const fast = await withTuning(tuning, () => everything(q, 9));
        expect(fast.rows, JSON.stringify(q)).toEqual(want.rows);
        expect(fast.totals[0], JSON.stringify(q)).toBe(want.rows.length);
      }
    }
  });

  it('a time range restricts the match to its id band without losing calls', async () => {
    const q: CallSearch = { text: 'sales', from: '2026-02-23T00:00:00Z', to: '2026-03-04T00:00:00Z' };
    const want = all
      .filter((r) => r.queue === 'sales' && r.start >= '2026-02-23T00' && r.start < '2026-03-04T00')
      .map((r) => r.callId);
    expect(want.length).toBeGreaterThan(20);
    expect((await everything(q, 1000)).rows.sort()).toEqual(want.sort());
    expect((await api.calls.search({ ...q, from: '2027-01-01T00:00:00Z', to: '2027-02-01T00:00:00Z' })).total).toBe(0);
  });
});

describe('page before total (count: false)', () => {
  const queries: CallSearch[] = [
    ...SHORT_TEXTS.map((text) => ({ text })),
    { text: 'a102' },
    { text: 'support', direction: 'asc' },
    { text: 'a', sort: 'agent' },
    {},
    { queues: ['sales'] },
  ];
  it('gives the rows of the counted search, the exact total or a lower bound marked pending', async () => {
    for (const tuning of [FORCED, SHORT, { ...SHORT, walkMinMatches: 0 }, { ...FORCED, ftsWindow: 1024 }]) {
      for (const q of queries) {
        const want = await plain(q);
        const rows: string[] = [];
        let cursor: string | null = null;
        let position = 0;
        do {
          api.dropCaches();
          const page = await withTuning(tuning, () => api.calls.search({ ...q, limit: 9, cursor, count: false }));
          const label = `${JSON.stringify(q)} ${JSON.stringify(tuning)} @${position}`;
          if (page.totalPending) expect(page.total, label).toBe(page.rows.length + (page.nextCursor ? 1 : 0));
          else expect(page.total, label).toBe(want.rows.length);
          rows.push(...page.rows.map((r) => r.callId));
          position += page.rows.length;
          cursor = page.nextCursor;
        } while (cursor);
        expect(rows, JSON.stringify(q)).toEqual(want.rows);
        // The second request of the two-phase list: the same search, counted.
        const counted = await withTuning(tuning, () => api.calls.search({ ...q, limit: 1 }));
        expect(counted.totalPending).toBeUndefined();
        expect(counted.total).toBe(want.rows.length);
      }
    }
  });

  it('is deferred for a broad short text and a trigram text not counted yet, not for cached totals', async () => {
    await withTuning(SHORT, async () => {
      await withTuning({ ...SHORT, walkMinMatches: 0 }, async () => {
        expect((await api.calls.search({ text: 'a1 s', count: false, limit: 5 })).totalPending).toBe(true);
      });
      expect((await api.calls.search({ text: 'a', count: false, limit: 5 })).totalPending).toBeUndefined(); // cached prefix count
      expect((await api.calls.search({ count: false, limit: 5 })).totalPending).toBeUndefined();
      api.dropCaches();
      await withTuning({ ...SHORT, ftsWalkMinMatches: 0 }, async () => {
        expect((await api.calls.search({ text: 'support', count: false, limit: 5 })).totalPending).toBe(true);
        await api.calls.search({ text: 'support', limit: 5 });
        // Counted once: kept, so the next page has it.
        expect((await api.calls.search({ text: 'support', count: false, limit: 5 })).totalPending).toBeUndefined();
      });
    });
  });

  it('an archive without the prefix counts (imported by an earlier version) counts the plain way', async () => {
    const want = [];
    for (const text of SHORT_TEXTS) want.push((await withTuning(PLAIN, () => everything({ text }, 1000))).rows);
    archive.db.prepare("DELETE FROM facet_cache WHERE facet = '_text_prefix'").run();
    try {
      for (const [i, text] of SHORT_TEXTS.entries()) {
        const page = await api.calls.search({ text, limit: 1000 });
        expect(
          page.rows.map((r) => r.callId),
          text,
        ).toEqual(want[i]);
        expect(page.total, text).toBe(want[i]!.length);
      }
    } finally {
      refreshFacetCache(archive.db);
    }
  });

  it('number prefixes as index ranges match exactly what LIKE matches (ASCII case folded, other characters exact)', () => {
    const values = [
      'Anonymous',
      'anonymous',
      'aNx',
      'an',
      'a',
      'b',
      'Æble',
      'æble',
      'ø1',
      'ÿ',
      '\u{10FFFE}x',
      '4520',
      '45',
      '4',
      '5',
      '',
      'x_y',
      '_x',
      '%',
    ];
    const words = ['a', 'A', 'an', 'AN', 'æ', 'Æb', 'ø', 'ÿ', '\u{10FFFE}', '45', '4', '_', '%', 'x_'];
    const like = archive.db.prepare("SELECT ? LIKE ? ESCAPE '\\'").pluck();
    const ge = archive.db.prepare('SELECT ? >= ? AND ? < ?').pluck();
    for (const w of words)
      for (const v of values) {
        const ranges = caseVariants(w).map((p) => [p, prefixEnd(p)!] as const);
        const inRange = ranges.some(([lo, hi]) => ge.get(v, lo, v, hi) === 1);
        expect(inRange, `${v} ~ ${w}`).toBe(like.get(v, likePrefix(w)) === 1);
      }
  });

  it('short words match any agent or queue of the call (as trigram words do), case-insensitively', async () => {
    const a = await api.calls.search({ text: 'A1', limit: 1000 });
    expect(a.rows.map((r) => r.callId).sort()).toEqual(
      all
        .filter((r) => r.agent?.startsWith('a1'))
        .map((r) => r.callId)
        .sort(),
    );
    const su = await api.calls.search({ text: 'SU', limit: 1000 });
    expect(su.total).toBe(all.filter((r) => r.queue === 'support').length);
  });
});

describe('jump to a row position (offset)', () => {
  const cases: CallSearch[] = [
    ...SORT_COLUMNS.flatMap((sort) => (['asc', 'desc'] as const).map((direction) => ({ sort, direction }))),
    { outcomes: ['answered'] },
    { agents: ['a102'], sort: 'speakTimeSec' },
    { text: 'support' },
    { text: 's' },
    { text: 'a1', sort: 'speakTimeSec' },
    { text: 'a101', from: '2026-03-03T00:00:00Z', sort: 'callerNumber', direction: 'asc' },
    // Sorted by start under a filter the hourly counts know (the hour is found from facet_hours).
    { outcomes: ['unanswered'], direction: 'asc' },
    { types: ['inbound'], from: '2026-02-24T10:17:00Z', to: '2026-03-05T09:43:00Z' },
    { queues: ['billing'], from: '2026-02-24T10:17:00Z', direction: 'asc' },
    { agents: ['a103'], to: '2026-03-04T11:50:00Z' },
    { agents: ['a101'], from: '2026-03-04T11:05:00Z', to: '2026-03-04T11:50:00Z' },
    { types: ['inbound'], outcomes: ['answered', 'unanswered'] },
    { types: ['inbound'], outcomes: ['unanswered'], from: '2026-02-24T10:17:00Z', direction: 'asc' },
  ];
  it('returns the rows at that position and a cursor that continues after them, on every path', async () => {
    for (const tuning of [PLAIN, FORCED, SHORT]) {
      for (const q of cases) {
        const full = await withTuning(tuning, () => everything(q, 1000));
        const n = full.rows.length;
        for (const offset of [0, 1, 13, Math.floor(n / 2), n - 14, n - 1]) {
          if (offset < 0 || offset >= n) continue;
          const page = await withTuning(tuning, () => api.calls.search({ ...q, offset, limit: 10 }));
          const where = `${JSON.stringify(q)} @${offset}`;
          expect(
            page.rows.map((r) => r.callId),
            where,
          ).toEqual(full.rows.slice(offset, offset + 10));
          expect(page.total, where).toBe(n);
          const next = page.nextCursor ? await api.calls.search({ ...q, limit: 10, cursor: page.nextCursor }) : null;
          expect(next?.rows.map((r) => r.callId) ?? [], where).toEqual(full.rows.slice(offset + 10, offset + 20));
        }
        const past = await api.calls.search({ ...q, offset: n + 5 });
        expect(past).toMatchObject({ rows: [], total: n, nextCursor: null });
      }
    }
  });

  it('is validated: a whole number ≥ 0, never together with a cursor', async () => {
    await expect(api.calls.search({ offset: -1 })).rejects.toThrow(/invalid search \(offset\)/);
    await expect(api.calls.search({ offset: 1.5 })).rejects.toThrow(/invalid search \(offset\)/);
    const first = await api.calls.search({ limit: 5 });
    await expect(api.calls.search({ offset: 10, cursor: first.nextCursor })).rejects.toThrow(
      /offset and cursor exclude each other/,
    );
    await expect(api.calls.search({ offset: 10, cursor: null })).resolves.toMatchObject({ total: all.length });
  });
});

describe('an archive without the (type, outcome) hours (imported by an earlier version)', () => {
  it('counts and jumps the plain way, with the same results', async () => {
    const qs: CallSearch[] = [
      { types: ['inbound'], outcomes: ['answered'], from: '2026-02-24T10:17:00Z', to: '2026-03-05T09:43:00Z' },
      { types: ['inbound'], outcomes: ['unanswered'] },
    ];
    const want = [];
    for (const q of qs) want.push(await withTuning(PLAIN, () => everything(q, 1000)));
    archive.db.prepare("DELETE FROM facet_hours WHERE facet = '_type_outcome'").run();
    try {
      for (const [i, q] of qs.entries()) {
        const rows = want[i]!.rows;
        expect((await api.calls.search(q)).total).toBe(rows.length);
        const page = await api.calls.search({ ...q, offset: Math.floor(rows.length / 3), limit: 5 });
        expect(page.rows.map((r) => r.callId)).toEqual(
          rows.slice(Math.floor(rows.length / 3), Math.floor(rows.length / 3) + 5),
        );
      }
    } finally {
      refreshFacetCache(archive.db);
    }
  });
});

describe('facets', () => {
  const keep = (q: CallSearch) => (r: CallListRow) =>
    (!q.agents || q.agents.includes(r.agent ?? '')) &&
    (!q.queues || q.queues.includes(r.queue ?? '')) &&
    (!q.outcomes || q.outcomes.includes(r.outcome)) &&
    (!q.types || q.types.includes(r.type));

  it('each facet counts the calls of every filter but its own (agent only, queue only, outcome, mixed, text)', async () => {
    const queries: CallSearch[] = [
      { agents: ['a102'] },
      { queues: ['billing'] },
      { outcomes: ['answered'] },
      { types: ['inbound'], outcomes: ['unanswered'] },
      { agents: ['a101', 'a103'], outcomes: ['answered'], queues: ['sales', 'support'] },
    ];
    for (const q of queries) {
      const f = await api.calls.facets(q);
      const label = JSON.stringify(q);
      expect(asMap(f.type), label).toEqual(tally(all.filter(keep({ ...q, types: undefined })), (r) => r.type));
      expect(asMap(f.outcome), label).toEqual(tally(all.filter(keep({ ...q, outcomes: undefined })), (r) => r.outcome));
      expect(asMap(f.queue), label).toEqual(tally(all.filter(keep({ ...q, queues: undefined })), (r) => r.queue));
      expect(asMap(f.agent), label).toEqual(tally(all.filter(keep({ ...q, agents: undefined })), (r) => r.agent));
      for (const facet of [f.type, f.outcome, f.queue, f.agent])
        for (let i = 1; i < facet.length; i++) expect(facet[i - 1]!.count >= facet[i]!.count, label).toBe(true);
    }
    const sales = all.filter((r) => r.queue === 'sales');
    const onlyText = await api.calls.facets({ text: 'sales' });
    expect(asMap(onlyText.agent)).toEqual(tally(sales, (r) => r.agent));
    expect(asMap(onlyText.queue)).toEqual(tally(sales, (r) => r.queue));
    expect(asMap(onlyText.outcome)).toEqual(tally(sales, (r) => r.outcome));
    const text = await api.calls.facets({ text: 'sales', from: '2026-02-23T00:00:00Z', to: '2026-03-04T00:00:00Z' });
    const inRange = all.filter((r) => r.queue === 'sales' && r.start >= '2026-02-23T00' && r.start < '2026-03-04T00');
    expect(asMap(text.agent)).toEqual(tally(inRange, (r) => r.agent));
    expect(asMap(text.outcome)).toEqual(tally(inRange, (r) => r.outcome));
  });
});

describe('kept match counts', () => {
  it('are counted again after an import changes the archive', async () => {
    // Forced: the count of the start-index walk (the path that keeps counts) gives the total.
    const forced = apiWith({ ...FORCED, ftsWindow: 1024 });
    const before = await forced.calls.search({ text: 'a102' });
    expect(before.total).toBe(all.filter((r) => r.agent === 'a102').length);
    const more = manyCalls(40, 9000).map((c) => ({ ...c, recBase: c.recBase + 90_000 }));
    const dir = tempDir();
    const [r] = await importFiles(archive, [writeFile(dir, 'c.csv', csv(more.flatMap(inboundRows)))], {
      timeZone: TZ,
      inProcess: true,
    });
    expect(r?.status).toBe('done');
    const after = await forced.calls.search({ text: 'a102' });
    expect(after.total).toBe(before.total + more.filter((c) => c.agent === 'a102').length);
  });
});
