// The one place where an archive failure gets its API error code. The store and
// import layers throw ArchiveError with a code of their own (src/main/store/errors.ts);
// every adapter (IPC, browser mode, CLI through the API) sees the same ApiErrorCode,
// so a stale cursor is a 400 with "invalid argument", not an internal failure.
import type { ApiErrorCode } from '../../shared/api/methods';
import { ArchiveError } from '../store/errors';

/** ArchiveError.code → the ApiErrorCode the caller gets. Codes not listed are internal failures. */
export const ARCHIVE_ERROR_CODES: Readonly<Record<string, ApiErrorCode>> = {
  INVALID: 'invalid_argument',
  NOTFOUND: 'not_found',
  LOCKED: 'busy',
  READONLY: 'read_only',
  FULL: 'disk_full',
  NOTADB: 'damaged',
  CANTOPEN: 'unavailable',
  PERM: 'unavailable',
  EPERM: 'unavailable',
};

/** The API error code of a thrown value, or null when it is an unexpected (internal) failure. */
export function apiCodeOf(err: unknown): ApiErrorCode | null {
  if (err instanceof ArchiveError) return ARCHIVE_ERROR_CODES[err.code] ?? null;
  return null;
}

/** HTTP status per API error code (browser mode); the IPC envelope carries the code itself. */
export const HTTP_STATUS: Readonly<Record<ApiErrorCode, number>> = {
  unknown_method: 404,
  invalid_argument: 400,
  forbidden: 403,
  unauthorized: 401,
  not_found: 404,
  too_large: 413,
  busy: 503,
  read_only: 409,
  disk_full: 507,
  damaged: 500,
  unavailable: 503,
  internal: 500,
};
