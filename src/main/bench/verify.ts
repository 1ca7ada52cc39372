// Bench part "verify" (#11): `verify --deep` over the import part's archive (every call derived again
// and compared), and the cheap pre-import damage check; calls/s and seconds, beside the plain verify.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteArchiveApi } from '../api/sqlite-archive-api';
import { openArchive } from '../store/archive';
import { quickDamageCheck } from '../store/damage';
import { verifyArchive } from '../store/verify';
import { deepVerify } from '../verify/deep-verify';
import type { BenchContext, BenchPart } from './part';

const PART = 'verify';

export const verifyBench: BenchPart = {
  name: PART,
  async run(ctx: BenchContext) {
    const db = ctx.shared.get('archive1M') ?? join(ctx.workDir, 'import-bench.db');
    if (typeof db !== 'string' || !existsSync(db)) {
      ctx.report(PART, 'skipped', 'no archive (run the import part first)');
      return;
    }
    const archive = openArchive(db, { readonly: true });
    try {
      let t = performance.now();
      const problems = quickDamageCheck(archive.db, db);
      ctx.report(PART, 'pre-import damage check', ((performance.now() - t) / 1000).toFixed(3), 's');
      if (problems.length) ctx.report(PART, 'damage found', problems.join('; '));
      t = performance.now();
      const plain = verifyArchive(archive.db);
      ctx.report(PART, 'verify (integrity, digests)', ((performance.now() - t) / 1000).toFixed(1), 's');
      if (!plain.ok) ctx.report(PART, 'verify problems', plain.problems.length);
      t = performance.now();
      const deep = await deepVerify(archive.db, new SqliteArchiveApi(archive));
      const secs = (performance.now() - t) / 1000;
      ctx.report(PART, 'verify --deep', secs.toFixed(1), 's');
      ctx.report(PART, 'verify --deep calls/s', Math.round(deep.calls / secs));
      ctx.report(PART, 'verify --deep differences', deep.differences.length + deep.moreDifferences);
    } finally {
      archive.close();
    }
  },
};
