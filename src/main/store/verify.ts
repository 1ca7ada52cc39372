// verify: proves the archive is intact and every imported row is accounted for.
// Checks SQLite's own integrity, foreign keys, and per import: the stored raw
// and rejected rows match the counts recorded at import time and the SHA-256
// digests computed over them while importing (so an edited, deleted or added
// row is detected), and every call / event points at stored rows.
import { createHash } from 'node:crypto';
import { layoutsTrailer, rawRowDigestLine } from './digest';
import type { ImportRow } from './import-row';
import type { Db } from './native';
import { expectedDigests, verifyReview } from '../review/verify-review';

export interface VerifyReport {
  ok: boolean;
  /** One line per check that passed (for the auditor's record). */
  passed: string[];
  /** One line per problem found. */
  problems: string[];
  totals: { imports: number; read: number; used: number; kept: number; rejected: number; calls: number };
}

type ImportCheckRow = Pick<
  ImportRow,
  | 'id'
  | 'file_name'
  | 'sha256'
  | 'rows_read'
  | 'rows_used'
  | 'rows_kept'
  | 'rows_rejected'
  | 'rows_stored'
  | 'rows_digest'
  | 'rejected_digest'
>;

export function verifyArchive(db: Db): VerifyReport {
  const passed: string[] = [];
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  if (integrity.length === 1 && integrity[0]?.integrity_check === 'ok') passed.push('SQLite integrity check: ok');
  else
    problems.push(
      `SQLite integrity check: ${integrity
        .map((r) => r.integrity_check)
        .slice(0, 5)
        .join('; ')}`,
    );
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length === 0) passed.push('foreign keys: ok');
  else problems.push(`foreign keys: ${fk.length} row(s) point at missing rows`);

  const imports = db.prepare('SELECT * FROM imports ORDER BY id').all() as ImportCheckRow[];
  const rawIter = db.prepare('SELECT line, tbl, layout, fields FROM raw_rows WHERE import_id = ? ORDER BY id');
  const rejIter = db.prepare('SELECT line, reason, raw FROM rejected_rows WHERE import_id = ? ORDER BY id');
  const statusCounts = db.prepare('SELECT status, count(*) AS n FROM raw_rows WHERE import_id = ? GROUP BY status');
  const totals = { imports: imports.length, read: 0, used: 0, kept: 0, rejected: 0, calls: 0 };
  for (const imp of imports) {
    const name = `import #${imp.id} (${imp.file_name}, sha256 ${imp.sha256.slice(0, 12)}…)`;
    const rows = createHash('sha256');
    let stored = 0;
    const layouts = new Set<number>();
    for (const r of rawIter.iterate(imp.id) as Iterable<{
      line: number;
      tbl: string;
      layout: number;
      fields: string;
    }>) {
      rows.update(rawRowDigestLine(r.line, r.tbl, r.layout, r.fields));
      layouts.add(r.layout);
      stored++;
    }
    rows.update(layoutsTrailer(db, [...layouts]));
    const rej = createHash('sha256');
    let rejected = 0;
    for (const r of rejIter.iterate(imp.id) as Iterable<{ line: number; reason: string; raw: string }>) {
      rej.update(`${r.line}\t${r.reason}\t${r.raw}\n`);
      rejected++;
    }
    const now = statusCounts.all(imp.id) as { status: string; n: number }[];
    const used = now.find((s) => s.status === 'used')?.n ?? 0;
    const kept = now.find((s) => s.status === 'kept')?.n ?? 0;
    totals.read += imp.rows_read;
    totals.used += used;
    totals.kept += kept;
    totals.rejected += rejected;
    const bad: string[] = [];
    if (stored !== imp.rows_stored) bad.push(`${stored} raw rows stored, ${imp.rows_stored} recorded`);
    if (imp.rows_used + imp.rows_kept !== imp.rows_stored)
      bad.push(`recorded used ${imp.rows_used} + kept ${imp.rows_kept} ≠ stored ${imp.rows_stored}`);
    if (rejected !== imp.rows_rejected) bad.push(`${rejected} rejected rows stored, ${imp.rows_rejected} recorded`);
    if (imp.rows_read !== imp.rows_stored + imp.rows_rejected)
      bad.push(`read ${imp.rows_read} ≠ stored ${imp.rows_stored} + rejected ${imp.rows_rejected}`);
    // After an erasure (#15) the rows must match the digest it recorded, chained from the import's own.
    const expected = expectedDigests(db, imp.id, { rows: imp.rows_digest, rejected: imp.rejected_digest });
    bad.push(...expected.problems);
    if (rows.digest('hex') !== expected.rows) bad.push('raw rows differ from what was imported (digest mismatch)');
    if (rej.digest('hex') !== expected.rejected)
      bad.push('rejected rows differ from what was imported (digest mismatch)');
    if (bad.length) problems.push(`${name}: ${bad.join('; ')}`);
    else
      passed.push(
        `${name}: ${imp.rows_read} read = ${stored} stored (now ${used} used + ${kept} kept) + ${rejected} rejected; digests match${expected.erasures.length ? ` (through erasure ${expected.erasures.map((e) => `#${e}`).join(', ')})` : ''}`,
      );
  }

  const n = (sql: string) => db.prepare(sql).pluck().get() as number;
  totals.calls = n('SELECT count(*) FROM calls');
  const checks: [string, string][] = [
    [
      'used call rows without an archive call',
      "SELECT count(*) FROM raw_rows r WHERE r.tbl IN ('call_events', 'call') AND r.status = 'used' AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.call_id = r.call_id)",
    ],
    [
      'archive calls without stored rows',
      'SELECT count(*) FROM calls c WHERE NOT EXISTS (SELECT 1 FROM raw_rows r WHERE r.call_id = c.call_id)',
    ],
    [
      'kept rows without a reason',
      "SELECT count(*) FROM raw_rows WHERE status = 'kept' AND (reason IS NULL OR reason = '')",
    ],
    [
      'event sources pointing at missing rows',
      'SELECT count(*) FROM events e, json_each(e.source_ids) j WHERE NOT EXISTS (SELECT 1 FROM raw_rows r WHERE r.id = j.value)',
    ],
    [
      'calls without their contract JSON',
      'SELECT count(*) FROM calls c WHERE NOT EXISTS (SELECT 1 FROM call_docs d WHERE d.call = c.id)',
    ],
    [
      'calls whose free-text entry is missing',
      'SELECT count(*) FROM calls c WHERE NOT EXISTS (SELECT 1 FROM calls_fts f WHERE f.rowid = c.id)',
    ],
  ];
  for (const [what, sql] of checks) {
    const bad = n(sql);
    if (bad === 0) passed.push(`${what}: none`);
    else problems.push(`${what}: ${bad}`);
  }
  const review = verifyReview(db);
  passed.push(...review.passed);
  problems.push(...review.problems);
  return { ok: problems.length === 0, passed, problems, totals };
}
