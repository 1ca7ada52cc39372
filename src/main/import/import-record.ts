// imports table row ↔ the API's ImportRecord.
import type { ImportRecord, ImportUnknownName } from '../../shared/api/archive-api';
import type { ImportRow } from '../store/import-row';

export type { ImportRow };

/** The columns importRecordOf reads (file_label, file_path, rows_stored and the digests stay in the store). */
export type ImportRecordRow = Pick<
  ImportRow,
  | 'id'
  | 'file_name'
  | 'file_size'
  | 'sha256'
  | 'time_zone'
  | 'format'
  | 'started_at'
  | 'finished_at'
  | 'status'
  | 'rows_read'
  | 'rows_used'
  | 'rows_kept'
  | 'rows_rejected'
  | 'calls_derived'
  | 'app_version'
  | 'message'
  | 'format_why'
  | 'unknown_names'
  | 'container_kind'
  | 'container_name'
  | 'container_sha256'
  | 'container_size'
  | 'container_member'
>;

export function importRecordOf(r: ImportRecordRow): ImportRecord {
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
    formatWhy: r.format_why ?? null,
    unknownNames: r.unknown_names ? (JSON.parse(r.unknown_names) as ImportUnknownName[]) : [],
    container: r.container_kind
      ? {
          kind: r.container_kind,
          name: r.container_name ?? '',
          sha256: r.container_sha256 ?? '',
          size: r.container_size ?? 0,
          member: r.container_member ?? '',
        }
      : null,
  };
}
