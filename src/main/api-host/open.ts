// Opens an archive file as an ArchiveApi for an adapter (Electron, browser
// mode). The one place that knows which implementation serves the API.
import type { ArchiveApi } from '../../shared/api/archive-api';
import { SqliteArchiveApi } from '../api/sqlite-archive-api';
import type { ImportWorkerEntry } from '../import/run-import';
import { openArchive } from '../store/archive';
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
  options: { create?: boolean; worker?: ImportWorkerEntry } = {},
): OpenedArchive {
  const archive = openArchive(path, { create: options.create ?? false });
  const api = new SqliteArchiveApi(archive, { worker: options.worker });
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
