// The review work's hooks into imports and upgrades: each import leaves an
// action-log entry (in its own transaction, just before COMMIT), and an import
// that brings back a record an erasure anonymised says so, naming the erasure.
import type { Db } from '../store/native';
import { all, one, run, sql, value, values } from '../store/sql';
import { appendAction, hasActionLog } from './action-log';
import { rawRowsOfImport, sha256 } from './raw-values';

interface ErasureRef {
  id: number;
  at: string;
  reason: string;
  scope: string;
}

interface ImportRow {
  file_name: string;
  sha256: string;
  rows_read: number;
  rows_rejected: number;
  calls_derived: number;
  message: string | null;
}

const ERASED_CONTENT = sql<{ erasure: number; content_digest: string }>(
  'SELECT erasure, content_digest FROM erased_rows',
);
const REJECTED_RAW = sql<string, [importId: number]>('SELECT raw FROM rejected_rows WHERE import_id = ?');
const ERASURE = sql<ErasureRef, [id: number]>('SELECT id, at, reason, scope FROM erasures WHERE id = ?');
const IMPORT = sql<ImportRow, [id: number]>(
  'SELECT file_name, sha256, rows_read, rows_rejected, calls_derived, message FROM imports WHERE id = ?',
);
const SET_IMPORT_MESSAGE = sql<void, [message: string, id: number]>('UPDATE imports SET message = ? WHERE id = ?');
const ERASURES_OF_IMPORT = sql<{ id: number; at: string; scope: string }, [importId: number]>(
  'SELECT e.id, e.at, e.scope FROM erasures e JOIN erased_imports x ON x.erasure = e.id WHERE x.import_id = ? ORDER BY e.id',
);
const LAST_IMPORT_ID = sql<number>('SELECT coalesce(max(id), 0) FROM imports');
const LOG_ENTRIES = sql<number>('SELECT count(*) FROM action_log');

/** The erasures whose erased records this import holds again (by content digest), with how many rows. */
function erasedAgain(db: Db, importId: number): { erasure: ErasureRef; rows: number }[] {
  const content = new Map<string, number[]>();
  for (const r of all(db, ERASED_CONTENT))
    content.set(r.content_digest, [...(content.get(r.content_digest) ?? []), r.erasure]);
  if (!content.size) return [];
  const hits = new Map<number, number>();
  const count = (digest: string) => {
    for (const e of content.get(digest) ?? []) hits.set(e, (hits.get(e) ?? 0) + 1);
  };
  for (const row of rawRowsOfImport(db, importId)) count(sha256(row.contentKey));
  for (const raw of values(db, REJECTED_RAW, importId)) count(sha256(raw));
  return [...hits].map(([id, rows]) => ({ erasure: erasureById(db, id), rows }));
}

/** An erasure named by an erased_rows row (a foreign key): its absence is a damaged archive. */
function erasureById(db: Db, id: number): ErasureRef {
  const erasure = one(db, ERASURE, id);
  if (!erasure) throw new Error(`erased rows name erasure #${id}, which is not in the archive`);
  return erasure;
}

function warningOf(found: { erasure: ErasureRef; rows: number }[]): string | null {
  if (!found.length) return null;
  return found
    .map(
      (f) =>
        `${f.rows} record(s) of this file were anonymised by erasure #${f.erasure.id} (${f.erasure.at.slice(0, 10)}, ${f.erasure.scope}; reason: ${f.erasure.reason}): the erased value is in the archive again — erase it again`,
    )
    .join('; ');
}

/**
 * Call inside the import's transaction, after its imports row is complete and before
 * COMMIT: appends the import's action-log entry and, when the file holds records an
 * erasure anonymised, adds a warning naming the erasure to the import's message.
 */
export function recordImport(db: Db, importId: number): void {
  if (!hasActionLog(db)) return;
  const imp = one(db, IMPORT, importId);
  if (!imp) throw new Error(`import #${importId} is not in the archive: record it after its imports row is written`);
  const warning = warningOf(erasedAgain(db, importId));
  if (warning) run(db, SET_IMPORT_MESSAGE, imp.message ? `${imp.message}; ${warning}` : warning, importId);
  appendAction(db, {
    action: 'import',
    summary: `import #${importId}: ${imp.file_name} (${imp.rows_read} rows read, ${imp.rows_rejected} rejected, ${imp.calls_derived} calls derived)${warning ? `; WARNING: ${warning}` : ''}`,
    calls: imp.calls_derived,
    details: {
      importId,
      file: imp.file_name,
      sha256: imp.sha256,
      rowsRead: imp.rows_read,
      rowsRejected: imp.rows_rejected,
      callsDerived: imp.calls_derived,
    },
  });
}

/** For "already imported" messages: the erasures that changed that import's rows since, or ''. */
export function erasuresOfImport(db: Db, importId: number): string {
  if (!hasActionLog(db)) return '';
  const rows = all(db, ERASURES_OF_IMPORT, importId);
  return rows.length
    ? ` (its rows were since anonymised by ${rows.map((r) => `erasure #${r.id} on ${r.at.slice(0, 10)} (${r.scope})`).join(', ')}; importing it again would not undo that)`
    : '';
}

/** Call after the migrations ran on an existing archive: the upgrade's action-log entry. */
export function recordUpgrade(db: Db, from: number, to: number): void {
  if (!hasActionLog(db) || from === 0 || from === to) return;
  const lastImportBefore = value(db, LAST_IMPORT_ID) ?? 0;
  const first = value(db, LOG_ENTRIES) === 0;
  db.transaction(() =>
    appendAction(db, {
      action: 'upgrade',
      summary: `archive upgraded from schema ${from} to ${to}${first ? ' (the action log starts here: earlier imports are in the imports list)' : ''}`,
      details: { from, to, lastImportBefore },
    }),
  )();
}
