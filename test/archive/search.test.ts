// The query API: free text (number prefix / suffix / part, names), filters,
// every sort column with keyset pagination (no gaps, no duplicates), facets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteArchiveApi, tuned } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import type { CallListRow, CallSearch } from '../../src/shared/api/archive-api';
import { SORT_COLUMNS } from '../../src/shared/api/schemas';
import type { Archive } from '../../src/main/store/archive';
import { SCHEMA_VERSION } from '../../src/main/store/schema';
import { csv, inboundRows, manyCalls, writeFile } from './fixtures';
import { asMap, freshArchive, tally, TZ } from './helpers';

const CALLS = manyCalls(240);
let archive: Archive;
let api: SqliteArchiveApi;
let all: CallListRow[];

beforeAll(async () => {
  const s = freshArchive();
  archive = s.archive;
  const [r] = await importFiles(archive, [writeFile(s.dir, 'march.csv', csv(CALLS.flatMap(inboundRows)))], {
    timeZone: TZ,
    inProcess: true,
  });
  expect(r?.status).toBe('done');
  api = new SqliteArchiveApi(archive);
  all = (await api.calls.search({ limit: 1000 })).rows;
  expect(all).toHaveLength(CALLS.length);
});
afterAll(() => archive.close());

async function everything(q: CallSearch, limit = 17, from: SqliteArchiveApi = api): Promise<CallListRow[]> {
  const out: CallListRow[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await from.calls.search({ ...q, limit, cursor });
    out.push(...page.rows);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

const ids = (rows: CallListRow[]) => rows.map((r) => r.callId).sort();

describe('free text', () => {
  const target = CALLS[77]!;
  it('finds a caller number by prefix, suffix and part, with or without spaces', async () => {
    for (const text of [
      target.caller.slice(0, 9),
      target.caller.slice(-5),
      target.caller.slice(4, 9),
      '+45 20 ' + target.caller.slice(5, 8),
    ]) {
      const rows = await everything({ text });
      expect(
        rows.map((r) => r.callId),
        text,
      ).toContain(target.callId);
      for (const r of rows) expect(r.callerNumber!.replace(/\D/g, ''), text).toContain(text.replace(/\D/g, ''));
    }
  });
  it('finds agent and queue names, case-insensitively, and combines words', async () => {
    const byAgent = await everything({ text: 'A102' });
    expect(ids(byAgent)).toEqual(ids(all.filter((r) => r.agent === 'a102')));
    const both = await everything({ text: 'a102 sales' });
    expect(ids(both)).toEqual(ids(all.filter((r) => r.agent === 'a102' && r.queue === 'sales')));
  });
  it('one or two characters match the start of a number or name', async () => {
    const rows = await everything({ text: 'bi' });
    expect(ids(rows)).toEqual(ids(all.filter((r) => r.queue === 'billing')));
  });
});

describe('filters', () => {
  it('time range, types, outcomes, queues, agents and ranges', async () => {
    const from = '2026-03-03T00:00:00Z';
    const to = '2026-03-05T00:00:00Z';
    const q: CallSearch = {
      from,
      to,
      outcomes: ['answered'],
      queues: ['support', 'sales'],
      agents: ['a101', 'a102', 'a103'],
      waitTimeSec: { min: 20, max: 60 },
      speakTimeSec: { min: 50 },
      types: ['inbound'],
    };
    const got = await everything(q);
    const want = all.filter(
      (r) =>
        r.start >= '2026-03-03T00' &&
        r.start < '2026-03-05T00' &&
        r.outcome === 'answered' &&
        ['support', 'sales'].includes(r.queue!) &&
        ['a101', 'a102', 'a103'].includes(r.agent!) &&
        r.waitTimeSec! >= 20 &&
        r.waitTimeSec! <= 60 &&
        r.speakTimeSec >= 50,
    );
    expect(want.length).toBeGreaterThan(3);
    expect(ids(got)).toEqual(ids(want));
    expect((await api.calls.search({ ...q, limit: 2 })).total).toBe(want.length);
  });
  it('rejects bad arguments with one line, before SQL', async () => {
    await expect(api.calls.search({ sort: 'nope' } as unknown as CallSearch)).rejects.toThrow(
      /invalid search \(sort\)/,
    );
    await expect(api.calls.search({ limit: 0 })).rejects.toThrow(/invalid search \(limit\)/);
    await expect(api.calls.search({ text: "'; DROP TABLE calls; --" })).resolves.toMatchObject({ total: 0 });
    await expect(api.calls.search({ cursor: 'garbage' })).rejects.toThrow(/invalid cursor/);
    const page = await api.calls.search({ limit: 5 });
    await expect(api.calls.search({ sort: 'speakTimeSec', cursor: page.nextCursor })).rejects.toThrow(
      /another sort order/,
    );
  });
});

describe('keyset pagination', () => {
  it('every sort column, both directions: no gaps, no duplicates, in order', async () => {
    for (const sort of SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const rows = await everything({ sort, direction }, 13);
        expect(rows).toHaveLength(all.length);
        expect(new Set(rows.map((r) => r.callId)).size).toBe(all.length);
        const key = (r: CallListRow): string | number => {
          const v = r[sort === 'start' ? 'start' : sort];
          return v === null
            ? typeof all.find((x) => x[sort] !== null)?.[sort] === 'number'
              ? -1
              : ''
            : (v as string | number);
        };
        for (let i = 1; i < rows.length; i++) {
          const a = key(rows[i - 1]!);
          const b = key(rows[i]!);
          if (direction === 'asc') expect(a <= b, `${sort} asc at ${i}`).toBe(true);
          else expect(a >= b, `${sort} desc at ${i}`).toBe(true);
        }
      }
    }
  });
  it('walking the sort index (many matches) gives the same pages as sorting the matches', async () => {
    const queries: CallSearch[] = [
      { outcomes: ['answered'], sort: 'speakTimeSec' },
      { text: '4520', sort: 'callerNumber', direction: 'asc' },
      { waitTimeSec: { min: 20 }, sort: 'agent' },
      { from: '2026-03-03T00:00:00Z', sort: 'callbackAttempts', direction: 'asc' },
      { agents: ['a101', 'a102'], sort: 'start' },
    ];
    const sorted = [];
    for (const q of queries) sorted.push(await everything(q, 11));
    const walking = new SqliteArchiveApi(archive, { searchTuning: tuned({ walkMinMatches: 0 }) });
    for (const [i, q] of queries.entries())
      expect((await everything(q, 11, walking)).map((r) => r.callId)).toEqual(sorted[i]!.map((r) => r.callId));
  });
  it('with a filter, across pages, matches one big page', async () => {
    const q: CallSearch = { text: '+4520', outcomes: ['answered'], sort: 'waitTimeSec', direction: 'asc' };
    const paged = await everything(q, 7);
    const once = (await api.calls.search({ ...q, limit: 1000 })).rows;
    expect(paged.map((r) => r.callId)).toEqual(once.map((r) => r.callId));
  });
});

describe('facets', () => {
  it('count each value; a facet ignores its own filter', async () => {
    const q: CallSearch = { outcomes: ['answered'], queues: ['sales'] };
    const f = await api.calls.facets(q);
    const inSales = all.filter((r) => r.queue === 'sales');
    const answered = all.filter((r) => r.outcome === 'answered');
    const both = inSales.filter((r) => r.outcome === 'answered');
    expect(asMap(f.outcome)).toEqual(tally(inSales, (r) => r.outcome));
    expect(asMap(f.queue)).toEqual(tally(answered, (r) => r.queue));
    expect(asMap(f.type)).toEqual(tally(both, (r) => r.type));
    expect(asMap(f.agent)).toEqual(tally(both, (r) => r.agent));
  });
});

describe('facets over the whole archive (cached) and over a time range (index only)', () => {
  it('match a count of the calls', async () => {
    const whole = await api.calls.facets({});
    expect(asMap(whole.type)).toEqual(tally(all, (r) => r.type));
    expect(asMap(whole.agent)).toEqual(tally(all, (r) => r.agent));
    expect(asMap(whole.queue)).toEqual(tally(all, (r) => r.queue));
    // Hour-aligned, cut inside hours at both ends, and inside one hour.
    for (const [from, to] of [
      ['2026-03-03T10:00:00Z', '2026-03-05T09:00:00Z'],
      ['2026-03-03T10:17:00Z', '2026-03-05T09:43:00Z'],
      ['2026-03-04T11:05:00Z', '2026-03-04T11:50:00Z'],
    ] as const) {
      const inRange = all.filter((r) => r.start >= from.replace('Z', '.000Z') && r.start < to.replace('Z', '.000Z'));
      const ranged = await api.calls.facets({ from, to });
      expect(asMap(ranged.outcome), from).toEqual(tally(inRange, (r) => r.outcome));
      expect(asMap(ranged.type), from).toEqual(tally(inRange, (r) => r.type));
      expect(asMap(ranged.agent), from).toEqual(tally(inRange, (r) => r.agent));
      expect(asMap(ranged.queue), from).toEqual(tally(inRange, (r) => r.queue));
      expect((await api.calls.search({ from, to })).total, from).toBe(inRange.length);
    }
    expect((await api.calls.search({ queues: ['sales'] })).total).toBe(all.filter((r) => r.queue === 'sales').length);
    expect((await api.calls.search({ agents: ['a101', 'a104'] })).total).toBe(
      all.filter((r) => ['a101', 'a104'].includes(r.agent!)).length,
    );
  });
  it('a range with only a maximum never matches calls without a value', async () => {
    const got = await everything({ waitTimeSec: { max: 30 } });
    expect(ids(got)).toEqual(ids(all.filter((r) => r.waitTimeSec !== null && r.waitTimeSec <= 30)));
    const tba = all.filter((r) => r.timeBeforeAnswerSec === null);
    expect(tba.length).toBeGreaterThan(0);
  });
});

describe('detail, imports and info', () => {
  it('returns null for an unknown call, lists imports and tells the archive facts', async () => {
    expect(await api.calls.get('no-such-call')).toBeNull();
    const imports = await api.imports.list();
    expect(imports).toHaveLength(1);
    expect(imports[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const info = await api.archive.info();
    expect(info.calls).toBe(CALLS.length);
    expect(info.schemaVersion).toBe(SCHEMA_VERSION);
    expect(info.isDemo).toBe(false);
    expect(await api.imports.rejected({ importId: imports[0]!.id })).toEqual([]);
  });
});
