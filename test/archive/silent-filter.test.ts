// #14 item 5: silent dialer calls (R18: the contact answered, no agent free: a Menu event, no
// Conversation) are a filter of the call search, the same calls the statistics count as silent.
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { silentFilter } from '../../src/main/api/silent-filter';
import { callSearchSchema } from '../../src/shared/api/schemas';
import { isSilentDialerCall } from '../../src/shared/statistics/compute';
import { archiveOf } from '../statistics/archive-fixture';
import { HAND_CALLS, HAND_ZONE } from '../statistics/hand-archive';

const archive = archiveOf(HAND_CALLS, HAND_ZONE);
const api = new SqliteArchiveApi(archive);
afterAll(() => {
  api.close();
  archive.close();
});

const silentIds = HAND_CALLS.filter(isSilentDialerCall)
  .map((c) => c.callId)
  .sort();

async function ids(q: Parameters<typeof api.calls.search>[0]): Promise<{ total: number; ids: string[] }> {
  const page = await api.calls.search({ ...q, limit: 1000 });
  return { total: page.total, ids: page.rows.map((r) => r.callId).sort() };
}

describe('silentFilter (SQL unit)', () => {
  it('adds nothing without the filter; IN for true, NOT IN for false', () => {
    expect(silentFilter({})).toBeNull();
    expect(silentFilter({ silent: true })?.sql).toMatch(/^c\.id IN \(SELECT d\.id FROM calls d WHERE /);
    expect(silentFilter({ silent: false })?.sql).toMatch(/^c\.id NOT IN \(/);
  });
  it('the zod schema takes a boolean and refuses anything else', () => {
    expect(callSearchSchema.parse({ silent: true }).silent).toBe(true);
    expect(() => callSearchSchema.parse({ silent: 'yes' })).toThrow();
  });
});

describe('calls.search with silent', () => {
  it('silent: true lists exactly the silent dialer calls (the hand archive has one at least)', async () => {
    expect(silentIds.length).toBeGreaterThan(0);
    const r = await ids({ silent: true });
    expect(r.ids).toEqual(silentIds);
    expect(r.total).toBe(silentIds.length);
  });
  it('silent: false lists every other call; with an outcome filter, the other unanswered ones', async () => {
    const all = (await api.calls.search({ limit: 1 })).total;
    expect((await ids({ silent: false })).total).toBe(all - silentIds.length);
    const unanswered = HAND_CALLS.filter((c) => c.outcome === 'unanswered' && !isSilentDialerCall(c));
    expect((await ids({ silent: false, outcomes: ['unanswered'] })).total).toBe(unanswered.length);
  });
  it('equals the silent figure of the statistics', async () => {
    const s = await api.stats.compute({ timeZone: HAND_ZONE });
    const figure = s.outbound.silent.reduce((n, d) => n + d.silent, 0);
    expect((await ids({ silent: true })).total).toBe(figure);
  });
  it('the facet counts honour it (outcome facet of the silent calls: unanswered only)', async () => {
    const f = await api.calls.facets({ silent: true });
    expect(f.outcome).toEqual([{ value: 'unanswered', count: silentIds.length }]);
  });
});
