// Opens an archive file as an ArchiveApi for an adapter (Electron, browser
// mode). The one place that knows which implementation serves the API.
import type { ArchiveApi } from '../../shared/api/archive-api';
import { SqliteArchiveApi } from '../api/sqlite-archive-api';
import type { ImportWorkerEntry } from '../import/run-import';
import { openArchive } from '../store/archive';
import type { UpgradeProgress } from '../store/schema';
import { ReadPool } from '../api/read-pool';
import type { ExportFiles } from '../export/export-files';

export interface OpenedArchive {
  path: string;
  api: ArchiveApi;
  /** Finished export jobs' files, for the host to save (Electron) or serve (browser mode). */
  exportFiles: ExportFiles;
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
  } = {},
): OpenedArchive {
  const archive = openArchive(path, { create: options.create ?? false, onUpgrade: options.onUpgrade });
  // Reads on worker threads (a slow facet never holds up the list); the import writes on its own.
  const readPool = new ReadPool(path, {
    entry: options.worker,
    // An import (another connection) moves data_version: figures kept from before are dropped.
    archiveState: () => String(archive.db.pragma('data_version', { simple: true })),
  });
  const api = new SqliteArchiveApi(archive, { worker: options.worker, readPool });
  return {
    path,
    api,
    exportFiles: api.exportJobs,
    close() {
      api.close();
      archive.close();
    },
  };
}
