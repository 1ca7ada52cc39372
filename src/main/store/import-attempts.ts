// Failed and cancelled import attempts (#14 item 14): file name, size, hash, reason and time of
// every attempt that wrote nothing, so an auditor sees attempts as well as imports. The row is
// written on its own, after the file's transaction rolled back: nothing else of the file is kept.
import type { ImportAttempt, ImportRecord } from '../../shared/api/archive-api';
import type { Db } from './native';
import { all, sql } from './sql';

interface AttemptRow {
  id: number;
  file_name: string;
  file_size: number;
  sha256: string;
  time_zone: string;
  started_at: string;
  finished_at: string;
  status: 'failed' | 'cancelled';
  reason: string;
  app_version: string;
}

/** Whether the archive has the table (an archive opened read-only at an older schema has not). */
export function hasImportAttempts(db: Db): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'import_attempts'").pluck().get() === 1
  );
}

/**
 * Records a failed or cancelled file's attempt. Never throws: an archive that cannot take the row
 * (read-only, disk full, the table missing) keeps the import's own answer; the report still says why.
 * Returns the attempt's id, or null when it could not be written.
 */
export function recordImportAttempt(db: Db, record: ImportRecord): number | null {
  if (record.status !== 'failed' && record.status !== 'cancelled') return null;
  try {
    if (db.inTransaction) return null; // the file's own transaction must have been rolled back first
    return Number(
      db
        .prepare(
          `INSERT INTO import_attempts (file_name, file_size, sha256, time_zone, started_at, finished_at, status, reason, app_version)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          record.fileName,
          record.fileSize,
          record.sha256,
          record.timeZone,
          record.startedAt,
          record.finishedAt ?? new Date().toISOString(),
          record.status,
          record.message ?? '',
          record.appVersion,
        ).lastInsertRowid,
    );
  } catch {
    return null;
  }
}

const ATTEMPTS = sql<AttemptRow>('SELECT * FROM import_attempts ORDER BY id');

/** Every attempt, oldest first. */
export function listImportAttempts(db: Db): ImportAttempt[] {
  if (!hasImportAttempts(db)) return [];
  return all(db, ATTEMPTS).map((r) => ({
    id: r.id,
    fileName: r.file_name,
    fileSize: r.file_size,
    sha256: r.sha256,
    timeZone: r.time_zone,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    reason: r.reason,
    appVersion: r.app_version,
  }));
}
