// Search and facets by tag, status, note text and "has notes" (the review filter units),
// compared with the plain answer; next / previous unreviewed call in the list's order;
// the review commands of the CLI with their exit codes.
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteArchiveApi, tuned } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import type { Archive } from '../../src/main/store/archive';
import { csv, inboundRows, manyCalls, writeFile } from '../archive/fixtures';
import { asMap, freshArchive, TZ } from '../archive/helpers';
import { runCli } from '../common/run-cli';

const opened: Archive[] = [];
afterEach(() => {
  for (const a of opened.splice(0)) a.close();
});

const calls = manyCalls(40);

async function setUp() {
  const s = freshArchive();
  opened.push(s.archive);
  const file = writeFile(s.dir, 'calls.csv', csv(calls.flatMap(inboundRows)));
  await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
  const api = new SqliteArchiveApi(s.archive);
  // Every 3rd call reviewed, every 5th flagged (5th wins), every 4th tagged "late", every 6th noted.
  for (const [i, c] of calls.entries()) {
    if (i % 3 === 0) await api.review.setStatus({ callId: c.callId, status: 'reviewed' });
    if (i % 5 === 0) await api.review.setStatus({ callId: c.callId, status: 'flagged' });
    if (i % 4 === 0) await api.review.addTag({ callId: c.callId, tag: 'late' });
    if (i % 8 === 0) await api.review.addTag({ callId: c.callId, tag: 'transfer' });
    if (i % 6 === 0) await api.review.addNote({ callId: c.callId, text: `checked 100% by QA (${i})` });
  }
  return { ...s, api };
}

const statusOf = (i: number) => (i % 5 === 0 ? 'flagged' : i % 3 === 0 ? 'reviewed' : 'unreviewed');
const ids = (pred: (i: number) => boolean) =>
  calls
    .map((c, i) => [c.callId, i] as const)
    .filter(([, i]) => pred(i))
    .map(([id]) => id)
    .sort();

describe('review filters', () => {
  it('tag, status, note text and has-notes find exactly the calls the plain way finds, alone and together', async () => {
    const { api } = await setUp();
    const found = async (q: Parameters<typeof api.calls.search>[0]) => {
      const page = await api.calls.search({ ...q, limit: 1000 });
      expect(page.total).toBe(page.rows.length);
      return page.rows.map((r) => r.callId).sort();
    };
    expect(await found({ tags: ['LATE'] })).toEqual(ids((i) => i % 4 === 0));
    expect(await found({ tags: ['late', 'transfer'] })).toEqual(ids((i) => i % 4 === 0));
    expect(await found({ statuses: ['unreviewed'] })).toEqual(ids((i) => statusOf(i) === 'unreviewed'));
    expect(await found({ statuses: ['unreviewed', 'flagged'] })).toEqual(ids((i) => statusOf(i) !== 'reviewed'));
    expect(await found({ statuses: ['reviewed'] })).toEqual(ids((i) => statusOf(i) === 'reviewed'));
    expect(await found({ noteText: '100%' })).toEqual(ids((i) => i % 6 === 0));
    expect(await found({ noteText: '(12)' })).toEqual(ids((i) => i === 12));
    expect(await found({ hasNotes: false })).toEqual(ids((i) => i % 6 !== 0));
    expect(await found({ tags: ['late'], statuses: ['flagged'], queues: ['support'] })).toEqual(
      ids((i) => i % 4 === 0 && i % 5 === 0 && calls[i]!.queue === 'support'),
    );
    // With a type filter and a time range (the hourly-count shortcuts must not ignore the review filter).
    const week = { from: '2026-03-01T00:00:00Z', to: '2026-03-10T00:00:00Z', types: ['inbound' as const] };
    expect(await found({ ...week, statuses: ['flagged'] })).toEqual(ids((i) => statusOf(i) === 'flagged'));
    const jumped = await api.calls.search({ ...week, statuses: ['flagged'], offset: 2, limit: 2 });
    expect(jumped.total).toBe(ids((i) => statusOf(i) === 'flagged').length);
  });

  it('note text and tag filters fold letter case beyond ASCII and Unicode normalisation', async () => {
    const { api } = await setUp();
    const [a, b] = [calls[1]!.callId, calls[2]!.callId];
    await api.review.addNote({ callId: a, text: 'Kunden bor på Østergade; ring efter kl. 16' });
    await api.review.addNote({ callId: b, text: 'Kontakt Ste\u0301phane' }); // e + combining accent
    await api.review.addTag({ callId: b, tag: 'ÆBLE' });
    const found = async (q: Parameters<typeof api.calls.search>[0]) =>
      (await api.calls.search({ ...q, limit: 1000 })).rows.map((r) => r.callId);
    expect(await found({ noteText: 'østergade' })).toEqual([a]);
    expect(await found({ noteText: 'ØSTERGADE; RING' })).toEqual([a]);
    expect(await found({ noteText: 'st\u00e9phane' })).toEqual([b]);
    expect(await found({ tags: ['æble'] })).toEqual([b]);
  });

  it('facets count tags and status under the other filters', async () => {
    const { api } = await setUp();
    const f = await api.review.facets({ queues: ['sales'] });
    const sales = [...calls.keys()].filter((i) => calls[i]!.queue === 'sales');
    expect(asMap(f.tag)).toEqual(
      new Map(
        [
          ['late', sales.filter((i) => i % 4 === 0).length],
          ['transfer', sales.filter((i) => i % 8 === 0).length],
        ].filter(([, n]) => (n as number) > 0) as [string, number][],
      ),
    );
    const byStatus = (s: string) => sales.filter((i) => statusOf(i) === s).length;
    expect(asMap(f.status)).toEqual(
      new Map(
        (['unreviewed', 'reviewed', 'flagged'] as const)
          .map((s) => [s, byStatus(s)] as [string, number])
          .filter(([, n]) => n > 0),
      ),
    );
    // A facet leaves its own filter out.
    const flagged = await api.review.facets({ statuses: ['flagged'] });
    expect(flagged.status.map((s) => s.value).sort()).toEqual(['flagged', 'reviewed', 'unreviewed']);
  });

  it('next / previous unreviewed call follows the list order, under the walk path too', async () => {
    const { api: sorting, archive } = await setUp();
    const walking = new SqliteArchiveApi(archive, { searchTuning: tuned({ walkMinMatches: 0 }) });
    for (const api of [sorting, walking]) {
      const query = { sort: 'speakTimeSec' as const, direction: 'asc' as const };
      const order = (await api.calls.search({ ...query, limit: 1000 })).rows.map((r) => r.callId);
      const unreviewed = new Set(ids((i) => statusOf(i) === 'unreviewed'));
      const expected = order.filter((id) => unreviewed.has(id));
      const seen: string[] = [];
      let at: string | null = null;
      for (;;) {
        at = await api.review.neighbour({ query, callId: at, direction: 'next' });
        if (!at) break;
        seen.push(at);
      }
      expect(seen).toEqual(expected);
      const back = await api.review.neighbour({ query, callId: expected[3], direction: 'previous' });
      expect(back).toBe(expected[2]);
    }
  });

  it('facets and next unreviewed work inside a statistics drill-down list', async () => {
    // The list of a statistics figure carries its drill; review.facets and review.neighbour
    // used to fail on it ("drillWhere needs a completed drill") as an internal error.
    const { api } = await setUp();
    const drill = { figure: 'answered' as const, key: { queue: 'sales' }, stats: {} };
    const listed = (await api.calls.search({ drill, limit: 1000 })).rows.map((r) => r.callId);
    expect(listed.length).toBeGreaterThan(2);
    const f = await api.review.facets({ drill });
    expect(f.status.reduce((n, s) => n + s.count, 0)).toBe(listed.length);
    const first = await api.review.neighbour({ query: { drill }, direction: 'next' });
    const unreviewed = new Set(ids((i) => statusOf(i) === 'unreviewed'));
    expect(first).toBe(listed.find((id) => unreviewed.has(id)));
  });
});

const run = (...args: string[]) => runCli(args);

describe('callscope note / tag / review / log / erase', () => {
  it('works end to end with the exit codes of the other commands', async () => {
    const s = freshArchive();
    s.archive.close();
    const file = writeFile(s.dir, 'calls.csv', csv(manyCalls(8).flatMap(inboundRows)));
    const db = s.path;
    expect((await run('import', file, '--db', db, '--tz', TZ)).status).toBe(0);

    expect((await run('note', '1000', '--db', db, '--text', 'transfer to sales was wrong')).status).toBe(0);
    expect((await run('note', '1000', '--db', db)).status).toBe(2); // no --text
    expect((await run('note', 'nope', '--db', db, '--text', 'x')).status).toBe(1); // no such call
    expect((await run('tag', '1000', '--db', db, '--add', 'transfer', '--add', 'late')).status).toBe(0);
    expect((await run('tag', '1001', '--db', db, '--add', 'late')).status).toBe(0);
    expect((await run('tag', '1000', '--db', db, '--remove', 'late')).stdout).toMatch(/call 1000: transfer/);
    expect((await run('tag', '--db', db)).stdout).toMatch(/late\s+#[0-9a-f]{6}\s+1/);
    const typo = await run('tag', '--db', db, '--add', 'lat', '--rename', 'slow');
    expect([typo.status, typo.stderr]).toEqual([1, expect.stringMatching(/no tag "lat" to rename/)]);
    expect((await run('tag', '--db', db)).stdout).not.toMatch(/slow/);
    expect((await run('review', '1000', '--db', db, '--status', 'flagged')).stdout).toMatch(/call 1000: flagged/);
    expect((await run('review', '1000', '--db', db, '--status', 'maybe')).status).toBe(2);
    const shown = await run('review', '1000', '--db', db);
    expect(shown.stdout).toMatch(/flagged[\s\S]*tags: transfer[\s\S]*transfer to sales was wrong/);

    const tagged = JSON.parse((await run('search', '--db', db, '--tag', 'transfer', '--json')).stdout);
    expect(tagged.rows.map((r: { callId: string }) => r.callId)).toEqual(['1000']);
    expect(JSON.parse((await run('search', '--db', db, '--status', 'unreviewed', '--json')).stdout).total).toBe(7);
    expect((await run('search', '--db', db, '--status', 'maybe')).status).toBe(2);

    const number = manyCalls(8)[2]!.caller;
    const dry = await run('erase', '--db', db, '--number', number, '--reason', 'GDPR', '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/would erase a phone number: 1 calls, 1 stored rows/);
    expect((await run('erase', '--db', db, '--number', number)).status).toBe(2); // no reason
    expect((await run('erase', '--db', db, '--number', 'hello', '--reason', 'x y z')).status).toBe(2);
    expect((await run('erase', '--db', db, '--number', number, '--reason', 'GDPR')).stdout).toMatch(
      /erasure #1, logged/,
    );

    const log = await run('log', '--db', db);
    expect(log.status).toBe(0);
    expect(log.stdout).toMatch(/erase[\s\S]*status[\s\S]*hash chain intact/);
    expect(JSON.parse((await run('log', '--db', db, '--json')).stdout).entries[0].action).toBe('erase');
    expect((await run('verify', '--db', db)).status).toBe(0);
  });
});
