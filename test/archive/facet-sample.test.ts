// Facet estimates (call-facets.ts, the read pool's late answer): every n-th call id, read by rowid.
// The estimate must count exactly the sampled calls, scaled, and say it is an estimate; an exact
// request must not be marked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallFacets } from '../../src/main/api/call-facets';
import { AUTO_SAMPLE, sampledIds, sampleEveryFor } from '../../src/main/api/id-sample';
import { CallSearcher } from '../../src/main/api/call-search';
import { callSearchSchema } from '../../src/shared/api/schemas';
import type { Archive } from '../../src/main/store/archive';
import { archiveOfInboundCalls } from './helpers';

let archive: Archive;
let facets: CallFacets;

beforeAll(async () => {
  archive = (await archiveOfInboundCalls(150)).archive;
  facets = new CallFacets(archive.db, new CallSearcher(archive.db));
});
afterAll(() => archive.close());

/** Counts per value of the sampled calls (ids lo, lo + n, …) matching wait >= min, scaled by n: a plain loop. */
function reference(every: number, minWait: number) {
  const calls = archive.db.prepare('SELECT id, type, outcome, wait_time_sec AS wait FROM calls').all() as {
    id: number;
    type: string;
    outcome: string;
    wait: number | null;
  }[];
  const lo = Math.min(...calls.map((c) => c.id));
  const picked = new Set(calls.filter((c) => (c.id - lo) % every === 0 && (c.wait ?? -1) >= minWait).map((c) => c.id));
  const tally = (values: string[]) => {
    const m = new Map<string, number>();
    for (const v of values) m.set(v, (m.get(v) ?? 0) + every);
    return Object.fromEntries(m);
  };
  const agents = archive.db.prepare('SELECT call, agent FROM call_agents').all() as { call: number; agent: string }[];
  return {
    type: tally(calls.filter((c) => picked.has(c.id)).map((c) => c.type)),
    agent: tally(agents.filter((a) => picked.has(a.call)).map((a) => a.agent)),
  };
}

const asObject = (list: { value: string; count: number }[]) => Object.fromEntries(list.map((f) => [f.value, f.count]));

describe('facet estimates', () => {
  it('count every n-th call exactly, scaled by n, and are marked as estimates', () => {
    const q = callSearchSchema.parse({ waitTimeSec: { min: 30 } });
    for (const every of [2, 3, 7]) {
      const got = facets.facets(q, { sampleEvery: every });
      const want = reference(every, 30);
      expect(got.estimated).toBe(true);
      expect(asObject(got.type)).toEqual(want.type);
      expect(asObject(got.agent)).toEqual(want.agent);
    }
  });

  it('an exact request is not marked and equals the plain counts', () => {
    const got = facets.facets(callSearchSchema.parse({ waitTimeSec: { min: 30 } }));
    expect(got.estimated).toBeUndefined();
    const want = reference(1, 30);
    expect(asObject(got.type)).toEqual(want.type);
    expect(asObject(got.agent)).toEqual(want.agent);
  });

  it('the automatic sample reads about 16,384 calls of a large archive, every 2nd of a small one', () => {
    expect(sampleEveryFor(1_000_000)).toBe(61);
    expect(sampleEveryFor(150)).toBe(2);
    const got = facets.facets(callSearchSchema.parse({ waitTimeSec: { min: 30 } }), { sampleEvery: AUTO_SAMPLE });
    expect(asObject(got.type)).toEqual(reference(2, 30).type);
  });

  it('the generated ids are lo, lo + n, … up to hi, and none for an empty archive', () => {
    const ids = (lo: number, hi: number, n: number) =>
      archive.db
        .prepare(`SELECT value FROM json_each(?) c WHERE ${sampledIds(lo, hi, n).replace(/^c\.id/, 'c.value')}`)
        .pluck()
        .all(JSON.stringify(Array.from({ length: 30 }, (_, i) => i))) as number[];
    expect(ids(3, 20, 5)).toEqual([3, 8, 13, 18]);
    expect(ids(1, 0, 16)).toEqual([]);
  });
});
