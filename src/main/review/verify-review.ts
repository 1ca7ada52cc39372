// What verify checks of the review work: the action log's hash chain, every
// erasure's and every import's entry in it, and the digest chain of each import
// an erasure changed (what was imported → after erasure 1 → … → stored now).
import type { Db } from '../store/native';
import { all, sql, value } from '../store/sql';
import { hasActionLog, verifyActionLog } from './action-log';

export interface ExpectedDigests {
  rows: string | null;
  rejected: string | null;
  /** Erasures that changed this import, in order. */
  erasures: number[];
  /** Problems in the chain itself (a link that does not follow). */
  problems: string[];
}

const ERASED_IMPORT_LINKS = sql<
  { erasure: number; rows_before: string; rows_after: string; rejected_before: string; rejected_after: string },
  [importId: number]
>('SELECT * FROM erased_imports WHERE import_id = ? ORDER BY erasure');

/**
 * The digests an import's stored rows must have now: those computed while importing,
 * carried through every erasure that changed its rows.
 */
export function expectedDigests(
  db: Db,
  importId: number,
  recorded: { rows: string | null; rejected: string | null },
): ExpectedDigests {
  const out: ExpectedDigests = { ...recorded, erasures: [], problems: [] };
  if (!hasActionLog(db)) return out;
  const links = all(db, ERASED_IMPORT_LINKS, importId);
  for (const l of links) {
    if (l.rows_before !== out.rows || l.rejected_before !== out.rejected)
      out.problems.push(`erasure #${l.erasure} does not start from the rows as they were (digest chain broken)`);
    out.rows = l.rows_after;
    out.rejected = l.rejected_after;
    out.erasures.push(l.erasure);
  }
  return out;
}

export function verifyReview(db: Db): { passed: string[]; problems: string[] } {
  const passed: string[] = [];
  const problems: string[] = [];
  if (!hasActionLog(db)) return { passed, problems };
  const chain = verifyActionLog(db);
  if (chain.problems.length) problems.push(`action log: ${chain.problems.join('; ')}`);
  else passed.push(`action log: ${chain.entries} entries, hash chain intact (head ${chain.head.slice(0, 16)}…)`);
  const n = (text: string) => value(db, sql<number>(text)) ?? 0;
  const checks: [string, string][] = [
    [
      'erasures without their action-log entry',
      "SELECT count(*) FROM erasures e WHERE NOT EXISTS (SELECT 1 FROM action_log a WHERE a.id = e.action AND a.action = 'erase')",
    ],
    [
      'imports without their action-log entry',
      `SELECT count(*) FROM imports i WHERE NOT EXISTS (SELECT 1 FROM action_log a WHERE a.action = 'import' AND json_extract(a.details, '$.importId') = i.id)
         AND i.id > coalesce((SELECT max(json_extract(details, '$.lastImportBefore')) FROM action_log WHERE action = 'upgrade'), 0)`,
    ],
    [
      'erased rows recorded for rows that are not stored',
      "SELECT count(*) FROM erased_rows e WHERE (e.kind = 'raw' AND NOT EXISTS (SELECT 1 FROM raw_rows r WHERE r.id = e.row_id)) OR (e.kind = 'rejected' AND NOT EXISTS (SELECT 1 FROM rejected_rows r WHERE r.id = e.row_id))",
    ],
  ];
  for (const [what, text] of checks) {
    const bad = n(text);
    if (bad === 0) passed.push(`${what}: none`);
    else problems.push(`${what}: ${bad}`);
  }
  return { passed, problems };
}
