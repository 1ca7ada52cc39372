// The archive a reading bench part (search, statistics) measures, opened read-only: the bench only
// reads, it never upgrades one.
import { openArchive, type Archive } from '../store/archive';
import { ArchiveError } from '../store/errors';
import type { BenchContext } from './part';

/** The archive at `db` opened read-only; null, reported as "skipped" with the reason, when it cannot be (an older schema). */
export function openBenchArchive(ctx: BenchContext, part: string, db: string): Archive | null {
  try {
    return openArchive(db, { readonly: true });
  } catch (err) {
    ctx.report(part, 'skipped', err instanceof ArchiveError ? err.message : String(err));
    return null;
  }
}
