// verify: proves the archive is intact and every imported row is accounted for.
// Checks SQLite's own integrity, foreign keys, and per import: the stored raw
// and rejected rows match the counts recorded at import time and the SHA-256
// digests computed over them while importing (so an edited, deleted or added
// row is detected), and every call / event points at stored rows.
import { createHash, type Hash } from 'node:crypto';
import { locateDamage } from './damage';
import { layoutsTrailer, rawRowDigestLine } from './digest';
import { storedValuesText, valuesDigestJson } from '../import/row-codec';
import type { ImportRow } from './import-row';
import type { Db } from './native';
import { all, iterate, sql, value, values } from './sql';
import { expectedDigests, verifyReview } from '../review/verify-review';
import { firstLine } from '../../shared/text/first-line';
import { rawCallIsExpr } from './raw-call-key';

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

const IMPORTS = sql<ImportCheckRow>('SELECT * FROM imports ORDER BY id');
const REJECTED_OF_IMPORT = sql<{ line: number; reason: string; raw: string }, [importId: number]>(
  'SELECT line, reason, raw FROM rejected_rows WHERE import_id = ? ORDER BY id',
);
const RAW_ROWS = sql<{
  id: number;
  import_id: number;
  line: number;
  tbl: string;
  layout: number;
  fields: string;
  status: string;
}>('SELECT id, import_id, line, tbl, layout, fields, status FROM raw_rows ORDER BY id');

const INTEGRITY_CHECK = sql<string>('PRAGMA integrity_check');
const FOREIGN_KEY_CHECK = sql<{ table: string; rowid: number | null; parent: string; fkid: number }>(
  'PRAGMA foreign_key_check',
);

export function verifyArchive(db: Db): VerifyReport {
  const passed: string[] = [];
  const problems: string[] = [];
  const totals = { imports: 0, read: 0, used: 0, kept: 0, rejected: 0, calls: 0 };
  let integrity: string[];
  try {
    integrity = values(db, INTEGRITY_CHECK);
  } catch (err) {
    integrity = [firstLine(err, 'unreadable')];
  }
  if (integrity.length === 1 && integrity[0] === 'ok') passed.push('SQLite integrity check: ok');
  else {
    // A damaged archive is a finding, with what is hit and what to do; the checks below run where they can.
    const { hit, details } = locateDamage(db);
    problems.push(
      `the archive file is damaged: ${hit.length ? hit.join(', ') : integrity.slice(0, 3).join('; ')} ` +
        `(${(details.length ? details : integrity).slice(0, 3).join('; ')}); ` +
        'import the original exports into a new archive (or restore a backup)',
    );
  }
  try {
    checkRows(db, passed, problems, totals);
  } catch (err) {
    problems.push(`the stored rows could not all be checked: ${firstLine(err)}`);
  }
  const review = verifyReview(db);
  passed.push(...review.passed);
  problems.push(...review.problems);
  return { ok: problems.length === 0, passed, problems, totals };
}

function checkRows(db: Db, passed: string[], problems: string[], totals: VerifyReport['totals']): void {
  const fk = all(db, FOREIGN_KEY_CHECK);
  if (fk.length === 0) passed.push('foreign keys: ok');
  else problems.push(`foreign keys: ${fk.length} row(s) point at missing rows`);

  const imports = all(db, IMPORTS);
  totals.imports = imports.length;
  const raw = rawRowsByImport(db);
  for (const imp of imports) {
    const name = `import #${imp.id} (${imp.file_name}, sha256 ${imp.sha256.slice(0, 12)}…)`;
    const mine = raw.get(imp.id) ?? {
      hash: createHash('sha256'),
      stored: 0,
      layouts: new Set<number>(),
      used: 0,
      kept: 0,
    };
    const rows = mine.hash;
    const stored = mine.stored;
    rows.update(layoutsTrailer(db, [...mine.layouts]));
    const rej = createHash('sha256');
    let rejected = 0;
    for (const r of iterate(db, REJECTED_OF_IMPORT, imp.id)) {
      rej.update(`${r.line}\t${r.reason}\t${r.raw}\n`);
      rejected++;
    }
    const { used, kept } = mine;
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

  const n = (text: string) => value(db, sql<number>(text)) ?? 0;
  totals.calls = n('SELECT count(*) FROM calls');
  const checks: [string, string][] = [
    [
      'used call rows without an archive call',
      "SELECT count(*) FROM raw_rows r WHERE r.tbl IN ('call_events', 'call') AND r.status = 'used' AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.call_id = r.call_id)",
    ],
    [
      'archive calls without stored rows',
      `SELECT count(*) FROM calls c WHERE NOT EXISTS (SELECT 1 FROM raw_rows r WHERE ${rawCallIsExpr(db, 'r', 'c.call_id')})`,
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
      // A call-events call's JSON is derived on read from its rows; another platform's is stored.
      'calls without their contract JSON (neither stored nor derivable from call-events rows)',
      'SELECT count(*) FROM calls c WHERE NOT EXISTS (SELECT 1 FROM call_docs d WHERE d.call = c.id) ' +
        `AND NOT EXISTS (SELECT 1 FROM raw_rows r WHERE ${rawCallIsExpr(db, 'r', 'c.call_id')} AND r.tbl = 'call_events')`,
    ],
    [
      'calls whose free-text entry is missing',
      'SELECT count(*) FROM calls c WHERE NOT EXISTS (SELECT 1 FROM calls_fts f WHERE f.rowid = c.id)',
    ],
  ];
  for (const [what, text] of checks) {
    const bad = n(text);
    if (bad === 0) passed.push(`${what}: none`);
    else problems.push(`${what}: ${bad}`);
  }
}

interface ImportRows {
  hash: Hash;
  stored: number;
  layouts: Set<number>;
  used: number;
  kept: number;
}

/**
 * One pass over raw_rows in id order: per import, the digest of its rows (each import's rows
 * in id order, as while importing), their layouts and status counts.
 */
function rawRowsByImport(db: Db): Map<number, ImportRows> {
  const out = new Map<number, ImportRows>();
  for (const r of iterate(db, RAW_ROWS)) {
    let mine = out.get(r.import_id);
    if (mine === undefined)
      out.set(r.import_id, (mine = { hash: createHash('sha256'), stored: 0, layouts: new Set(), used: 0, kept: 0 }));
    mine.hash.update(rawRowDigestLine(r.line, r.tbl, r.layout, valuesDigestJson(storedValuesText(db, r.id, r.fields))));
    mine.layouts.add(r.layout);
    mine.stored++;
    if (r.status === 'used') mine.used++;
    else if (r.status === 'kept') mine.kept++;
  }
  return out;
}
