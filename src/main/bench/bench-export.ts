// The export the import and search bench parts use: the simulator's (shared by
// an earlier part under 'export1M' or 'callEventsExport'), else a plain
// synthetic one of 1,000,000 × scale calls (4 rows each).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './part';
import { writeSyntheticExport } from './synthetic-export';

export interface BenchExport {
  /** The call-events file. */
  path: string;
  /** Every file of the export (call events + companion tables). */
  files: string[];
  tz: string;
  source: string;
}

export async function benchExport(ctx: BenchContext, part: string): Promise<BenchExport> {
  for (const key of ['export1M', 'callEventsExport']) {
    const shared = ctx.shared.get(key);
    if (typeof shared === 'string' && existsSync(shared)) {
      const tz = ctx.shared.get('callEventsTimeZone');
      const all = ctx.shared.get(`${key}Files`);
      const files =
        Array.isArray(all) && all.every((f) => typeof f === 'string' && existsSync(f)) ? (all as string[]) : [shared];
      return {
        path: shared,
        files,
        tz: typeof tz === 'string' ? tz : 'Europe/Copenhagen',
        source: `simulator (${key}, ${files.length} files)`,
      };
    }
  }
  const calls = Math.max(1000, Math.round(1_000_000 * ctx.scale));
  const path = join(ctx.workDir, `import-synthetic-${calls}-calls.csv`);
  if (!existsSync(path)) {
    const t0 = performance.now();
    await writeSyntheticExport(path, calls * 4);
    ctx.report(part, 'synthetic export written', (performance.now() - t0) / 1000, 's');
  }
  return { path, files: [path], tz: 'UTC', source: 'synthetic (4 rows per call)' };
}
