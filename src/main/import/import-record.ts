// imports table row ↔ the API's ImportRecord.
import type { ImportRecord } from '../../shared/api/archive-api';

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
}

export function importRecordOf(r: ImportRow): ImportRecord {
  return {
    id: r.id,
    fileName: r.file_name,
    fileSize: r.file_size,
    sha256: r.sha256,
    timeZone: r.time_zone,
    format: r.format,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    rowsRead: r.rows_read,
    rowsUsed: r.rows_used,
    rowsKept: r.rows_kept,
    rowsRejected: r.rows_rejected,
    callsDerived: r.calls_derived,
    appVersion: r.app_version,
    message: r.message,
  };
}
