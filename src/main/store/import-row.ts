// One row of the imports table as SQLite returns it (SELECT * FROM imports).
// The store owns the row's shape; the import layer maps it to the API's
// ImportRecord (import/import-record.ts) and verify reads its counts and digests.
export interface ImportRow {
  id: number;
  file_name: string;
  file_label: string;
  file_path: string;
  file_size: number;
  sha256: string;
  time_zone: string;
  format: string;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'done';
  rows_read: number;
  rows_used: number;
  rows_kept: number;
  rows_rejected: number;
  rows_stored: number;
  rows_digest: string | null;
  rejected_digest: string | null;
  calls_derived: number;
  app_version: string;
  message: string | null;
  /** Schema v2: why the reader chose `format` (one sentence). */
  format_why?: string | null;
  /** Schema v2: JSON [{kind, name, count}] of the event / field names the reader did not know; NULL when none. */
  unknown_names?: string | null;
  /** Compressed inputs (#11 item 4): the gzip file or ZIP the content was read from; NULL otherwise. */
  container_kind?: 'gzip' | 'zip' | null;
  container_name?: string | null;
  container_sha256?: string | null;
  container_size?: number | null;
  /** The ZIP member's path, or the gzip file's name without ".gz". */
  container_member?: string | null;
}
