// Opens an archive file as an ArchiveApi for an adapter (Electron, browser
// mode). The one place that knows which implementation serves the API.
import type { ArchiveApi } from '../../shared/api/archive-api';
import { SqliteArchiveApi } from '../api/sqlite-archive-api';
import type { ImportWorkerEntry } from '../import/run-import';
import type { UpgradeProgress } from '../store/schema';
import { ReadPool, slowForTestsFromEnv } from '../api/read-pool';
import type { ExportFiles } from '../export/export-files';
import { existsSync } from 'node:fs';
import { isWritable, openArchive } from '../store/archive';
import type { Db } from '../store/native';
import { sql, value } from '../store/sql';
import { appendAction, type ActionEntry } from '../review/action-log';

const LAST_ERASURE = sql<number | null>('SELECT max(id) FROM erasures');

/**
 * The state of the calls as this connection sees it: they change by imports (other connections:
 * data_version) and by erasures on this connection (which data_version does not see; the last
 * erasure's id, '' before the erasures table exists in an archive still being upgraded). Review
 * notes and tags leave it alone: the columns in memory hold no review data.
 */
export function callsStateOf(db: Db): string {
  let erasure = '';
  try {
    erasure = String(value(db, LAST_ERASURE) ?? 0);
  } catch {
    // no erasures table yet
  }
  return `${String(db.pragma('data_version', { simple: true }))}:${erasure}`;
}

export interface OpenedArchive {
  path: string;
  api: ArchiveApi;
  /** Finished export jobs' files, for the host to save (Electron) or serve (browser mode). */
  exportFiles: ExportFiles;
  /**
   * Appends an action-log entry for something that left the archive (browser mode's evidence
   * download); false when the archive is open read-only and cannot take it.
   */
  recordAction(entry: ActionEntry): boolean;
  /** Cancels running imports (their files roll back) and closes the database. */
  close(): void;
}

export function openArchiveApi(
  path: string,
  options: {
    create?: boolean;
    worker?: ImportWorkerEntry;
    /** Progress of the upgrade of an archive of an older schema (for the app's progress bar). */
    onUpgrade?: (p: UpgradeProgress) => void;
    /** Open read-only even when the file is writable (an archive whose upgrade failed, opening.ts). */
    readonly?: boolean;
  } = {},
): OpenedArchive {
  // An archive on read-only media (or in a read-only folder) is opened read-only, without side files:
  // it can be searched and shown, not imported into (ArchiveInfo.readOnly; the header says so).
  const readonly = options.readonly === true || (existsSync(path) && !isWritable(path));
  const archive = openArchive(path, {
    create: (options.create ?? false) && !readonly,
    readonly,
    onUpgrade: options.onUpgrade,
  });
  // Reads on worker threads (a slow facet never holds up the list); the import writes on its own.
  // A read-only (immutable) archive is read on this connection: no writer can hold it up.
  const readPool = readonly
    ? undefined
    : new ReadPool(path, {
        entry: options.worker,
        // Kept counts and facets, and the calls' columns in memory, are for one state of the calls:
        // an import (another connection) or an erasure (this one) starts again.
        archiveState: () => callsStateOf(archive.db),
        slowForTests: slowForTestsFromEnv(),
      });
  const api = new SqliteArchiveApi(archive, { worker: options.worker, readPool });
  return {
    path,
    api,
    exportFiles: api.exportJobs,
    recordAction(entry) {
      if (readonly) return false;
      archive.db.transaction(() => appendAction(archive.db, entry))();
      return true;
    },
    close() {
      api.close();
      archive.close();
    },
  };
}
