// What a host (Electron's Save dialog, browser mode's download) needs of a finished
// export job: its files and the names to offer, and a way to drop them afterwards.
export type ExportFileKind = 'calls' | 'events';

export interface ExportFiles {
  /** The finished file of a done job and the name to offer for it; null when there is none. */
  file(jobId: string, kind: ExportFileKind): { path: string; name: string } | null;
  /** Drops a job's files (after they were saved elsewhere). */
  forget(jobId: string): void;
}
