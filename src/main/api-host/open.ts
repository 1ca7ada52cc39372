// Opens an archive file as an ArchiveApi for an adapter (Electron, browser
// mode). The one place that knows which implementation serves the API.
import type { ArchiveApi } from '../../shared/api/archive-api';
import { SqliteArchiveApi } from '../api/sqlite-archive-api';
import type { ImportWorkerEntry } from '../import/run-import';
import { existsSync } from 'node:fs';
import { isWritable, openArchive } from '../store/archive';

export interface OpenedArchive {
  path: string;
  api: ArchiveApi;
  /** Cancels running imports (their files roll back) and closes the database. */
  close(): void;
}

export function openArchiveApi(
  path: string,
  options: { create?: boolean; worker?: ImportWorkerEntry } = {},
): OpenedArchive {
  // An archive on read-only media (or in a read-only folder) is opened read-only, without side files:
  // it can be searched and shown, not imported into (ArchiveInfo.readOnly; the header says so).
  const readonly = existsSync(path) && !isWritable(path);
  const archive = openArchive(path, { create: (options.create ?? false) && !readonly, readonly });
  const api = new SqliteArchiveApi(archive, { worker: options.worker });
  return {
    path,
    api,
    close() {
      api.close();
      archive.close();
    },
  };
}
