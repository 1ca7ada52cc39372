// The archive-wide caches (facet counts, optimizer statistics) are refreshed at the end of a file
// only when the file wrote a call: a companion table that changes no stored call leaves them as they
// are (src/main/import/archive-caches.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachesAreStale, statisticsStale, STATISTICS_CALLS_KEY } from '../../src/main/import/archive-caches';
import { importFiles } from '../../src/main/import/run-import';
import type { Archive } from '../../src/main/store/archive';
import { freshArchive, TZ } from './helpers';
import { csv, inboundRows, manyCalls, writeFile } from './fixtures';

const SCENARIOS = join(__dirname, '../../resources/samples/scenarios');
/** A row no refresh writes: it is gone exactly when the facet counts were computed again. */
const MARKER = "INSERT INTO facet_cache (facet, value, count) VALUES ('_test_marker', '', 1)";
const hasMarker = (a: Archive): boolean =>
  a.db.prepare("SELECT 1 FROM facet_cache WHERE facet = '_test_marker'").get() !== undefined;
const analysedTables = (a: Archive): number =>
  a.db.prepare('SELECT count(*) FROM sqlite_stat1').pluck().get() as number;

let s: ReturnType<typeof freshArchive>;
const agents = (): string => readFileSync(join(SCENARIOS, 'agents.csv'), 'utf8');

beforeEach(async () => {
  s = freshArchive();
  const files = ['agents.csv', 'queues.csv', 'consult-transfer.csv'].map((f) => join(SCENARIOS, f));
  const records = await importFiles(s.archive, files, { timeZone: TZ, inProcess: true });
  expect(records.map((r) => r.status)).toEqual(['done', 'done', 'done']);
});
afterEach(() => s.archive.close());

describe('archive-wide caches after an import', () => {
  it('a file that wrote no call: the caches are not computed again', async () => {
    s.archive.db.exec(MARKER);
    s.archive.db.exec('DELETE FROM sqlite_stat1');
    // The same agents again, in another order: a new file (another SHA-256) that changes no name.
    const [header, ...lines] = agents().trim().split('\n');
    const file = writeFile(s.dir, 'agents-again.csv', [header, ...lines.reverse()].join('\n') + '\n');
    const [record] = await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
    expect(record?.status).toBe('done');
    expect(record?.callsDerived).toBe(0);
    expect(hasMarker(s.archive)).toBe(true);
    expect(analysedTables(s.archive)).toBe(0);
  });

  it('a file that renamed an agent: the calls are derived again and the facets counted again', async () => {
    s.archive.db.exec(MARKER);
    s.archive.db.exec('DELETE FROM sqlite_stat1');
    const file = writeFile(s.dir, 'agents-renamed.csv', agents().replace('Anna Hansen', 'Anna Hansen-Berg'));
    const [record] = await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
    expect(record?.status).toBe('done');
    expect(record?.callsDerived).toBeGreaterThan(0);
    expect(hasMarker(s.archive)).toBe(false);
    // As many calls as before: the optimizer's statistics stand (see the heuristic below).
    expect(analysedTables(s.archive)).toBe(0);
    const agentFacet = s.archive.db.prepare("SELECT value FROM facet_cache WHERE facet = 'agent'").pluck().all();
    expect(agentFacet).toContain('Anna Hansen-Berg');
    expect(agentFacet).not.toContain('Anna Hansen');
  });

  it('heuristic "only a file that wrote calls refreshes the caches"', () => {
    expect(cachesAreStale(0)).toBe(false);
    expect(cachesAreStale(1)).toBe(true);
  });
});

describe("the optimizer's statistics after an import", () => {
  const importCalls = async (name: string, n: number, firstId: number): Promise<void> => {
    const file = writeFile(s.dir, name, csv(manyCalls(n, firstId).flatMap(inboundRows)));
    const [record] = await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
    expect(record?.status).toBe('done');
  };
  const gatheredAt = (): string | undefined =>
    s.archive.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(STATISTICS_CALLS_KEY) as
      string | undefined;

  it('gathered again only when the calls changed in number by more than a tenth', async () => {
    await importCalls('base.csv', 200, 10_000);
    const base = Number(gatheredAt());
    expect(base).toBeGreaterThanOrEqual(200);
    s.archive.db.exec('DELETE FROM sqlite_stat1');
    await importCalls('few.csv', 5, 20_000); // 2.5 % more: the statistics stand
    expect(analysedTables(s.archive)).toBe(0);
    expect(Number(gatheredAt())).toBe(base);
    await importCalls('many.csv', 40, 30_000); // 22 % more than at the last gathering
    expect(analysedTables(s.archive)).toBeGreaterThan(0);
    expect(Number(gatheredAt())).toBe(base + 45);
  });

  it('heuristic "statistics stale after a tenth"', () => {
    expect(statisticsStale(5, null)).toBe(true);
    expect(statisticsStale(0, null)).toBe(true);
    expect(statisticsStale(110, 100)).toBe(false);
    expect(statisticsStale(111, 100)).toBe(true);
    expect(statisticsStale(89, 100)).toBe(true);
    expect(statisticsStale(1, 0)).toBe(true);
    expect(statisticsStale(0, 0)).toBe(false);
  });
});
