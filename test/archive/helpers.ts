// Shared set-up for the archive tests: a fresh archive in a temp folder, row
// and call counts for "nothing was half-imported" assertions.
import { join } from 'node:path';
import { openArchive, type Archive } from '../../src/main/store/archive';
import type { CallListRow, FacetCount } from '../../src/shared/api/archive-api';
import { tempDir } from './fixtures';

export const TZ = 'Europe/Copenhagen';

export function freshArchive(): { dir: string; path: string; archive: Archive } {
  const dir = tempDir();
  const path = join(dir, 'archive.db');
  return { dir, path, archive: openArchive(path, { create: true }) };
}

export interface Counts {
  imports: number;
  raw: number;
  rejected: number;
  calls: number;
  events: number;
  fts: number;
}

export function counts(a: Archive): Counts {
  const n = (sql: string) => a.db.prepare(sql).pluck().get() as number;
  return {
    imports: n('SELECT count(*) FROM imports'),
    raw: n('SELECT count(*) FROM raw_rows'),
    rejected: n('SELECT count(*) FROM rejected_rows'),
    calls: n('SELECT count(*) FROM calls'),
    events: n('SELECT count(*) FROM events'),
    fts: n('SELECT count(*) FROM calls_fts'),
  };
}

/** How many listed calls have each value (the expected facet counts, computed the plain way). */
export function tally(rows: readonly CallListRow[], pick: (r: CallListRow) => string | null): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) {
    const v = pick(r);
    if (v !== null) m.set(v, (m.get(v) ?? 0) + 1);
  }
  return m;
}

/** Facet counts as a value → count map, for comparing with tally(). */
export const asMap = (xs: readonly FacetCount[]): Map<string, number> => new Map(xs.map((x) => [x.value, x.count]));
