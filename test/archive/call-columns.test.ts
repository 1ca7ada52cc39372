// The calls' columns in memory (src/main/api/call-columns.ts) and the scan over them
// (src/main/api/column-scan.ts). That every search and facet of the scan equals an in-memory
// reference filter is the property test test/archive/search-strategies.test.ts ("columns"
// tuning); here the parts it does not reach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCallColumns, MAX_TEXT_COLUMN_CALLS, readsTextColumns } from '../../src/main/api/call-columns';
import { keyOfCursor, scannable, selectNth } from '../../src/main/api/column-scan';
import { callSearchSchema } from '../../src/shared/api/schemas';
import type { Archive } from '../../src/main/store/archive';
import { Rng } from '../../src/shared/simulator/prng';
import { archiveOfInboundCalls } from './helpers';

let archive: Archive;
beforeAll(async () => {
  archive = (await archiveOfInboundCalls(40)).archive;
});
afterAll(() => archive.close());

describe('call columns', () => {
  it('hold every call by id, NULLs as the sort expressions store them, and the links of each call', () => {
    const cols = buildCallColumns(archive.db);
    if (!cols) throw new Error('no columns');
    const rows = archive.db
      .prepare(
        'SELECT id, start_ms, coalesce(wait_time_sec, -1) AS wait, coalesce(callback_attempts, -1) AS attempts FROM calls',
      )
      .all() as { id: number; start_ms: number; wait: number; attempts: number }[];
    expect(cols.count).toBe(rows.length);
    for (const r of rows) {
      expect(cols.type[r.id]).toBeGreaterThan(0);
      expect([cols.start[r.id], cols.wait[r.id], cols.attempts[r.id]]).toEqual([r.start_ms, r.wait, r.attempts]);
    }
    const links = archive.db.prepare('SELECT call, agent FROM call_agents').all() as { call: number; agent: string }[];
    for (const { call, agent } of links) {
      const { offsets, codes } = cols.agentLinks;
      const names = Array.from(codes.subarray(offsets[call], offsets[call + 1]), (c) => cols.agents[c]);
      expect(names).toContain(agent);
    }
  });

  it('are not read above the limit of calls held in memory (the search stays on SQL)', () => {
    expect(buildCallColumns(archive.db, 10)).toBeNull();
  });

  it('hold the text columns up to two million calls (about 50 bytes more per call), above that texts go to the index', () => {
    expect(buildCallColumns(archive.db)?.text).toBeDefined();
    expect(buildCallColumns(archive.db, undefined, { text: false })?.text).toBeUndefined();
    expect([readsTextColumns(MAX_TEXT_COLUMN_CALLS), readsTextColumns(MAX_TEXT_COLUMN_CALLS + 1)]).toEqual([
      true,
      false,
    ]);
    expect(MAX_TEXT_COLUMN_CALLS).toBe(2_000_000);
  });

  it('a cursor whose call no longer has its value cannot be placed (SQL answers)', () => {
    const cols = buildCallColumns(archive.db);
    if (!cols) throw new Error('no columns');
    expect(keyOfCursor(cols, 'callerNumber', { value: 'x', id: 1 }, () => 'y')).toBeNull();
    expect(keyOfCursor(cols, 'callerNumber', { value: 'x', id: 1 }, () => 'x')).toEqual({
      key: cols.callerRank[1],
      id: 1,
    });
    expect(keyOfCursor(cols, 'queue', { value: 'no such queue', id: 1 }, () => undefined)).toBeNull();
    expect(keyOfCursor(cols, 'start', { value: 'not a number', id: 1 }, () => undefined)).toBeNull();
  });

  it('the scan takes only searches whose every filter it evaluates', () => {
    const parse = (q: object) => callSearchSchema.parse(q);
    expect(scannable(parse({ text: 'abc', durationSec: { min: 3 }, queues: ['Q'], sort: 'agent', offset: 5 }))).toBe(
      true,
    );
    for (const q of [{ silent: true }, { tags: ['x'] }, { hasNotes: true }, { statuses: ['flagged'] }])
      expect(scannable(parse(q)), JSON.stringify(q)).toBe(false);
  });
});

describe('selectNth', () => {
  it('puts the n-th item in place, those before it before and the rest after (random arrays)', () => {
    const rng = new Rng(3);
    for (let round = 0; round < 200; round++) {
      const n = rng.int(1, 300);
      const keys = Array.from({ length: n + 1 }, () => rng.int(0, 20));
      const a = Int32Array.from({ length: n }, (_, i) => i + 1);
      const before = (x: number, y: number) =>
        (keys[x] as number) < (keys[y] as number) || (keys[x] === keys[y] && x < y);
      const sorted = [...a].sort((x, y) => (before(x, y) ? -1 : 1));
      const at = rng.int(0, n - 1);
      selectNth(a, 0, n - 1, at, before);
      expect(a[at]).toBe(sorted[at]);
      expect(new Set(a.subarray(0, at))).toEqual(new Set(sorted.slice(0, at)));
    }
  });
});
