// The namespaced archive API method names as a runtime list, and the wire
// format both transports (Electron IPC, browser-mode HTTP) use for failures.
// Pure: imported by main (handler map), the preload (allow-list) and the
// renderer (transport).

import type { ApiMethod } from './archive-api';

/** Every ApiMethod, once. The `satisfies` + exhaustiveness check below keep it in step with ArchiveApi. */
export const API_METHODS = [
  'archive.info',
  'archive.opening',
  'calls.search',
  'calls.facets',
  'calls.get',
  'imports.list',
  'imports.rejected',
  'imports.kept',
  'imports.start',
  'imports.progress',
  'imports.cancel',
  'imports.attempts',
  'stats.compute',
  'exports.start',
  'exports.progress',
  'exports.cancel',
  'searches.list',
  'searches.save',
  'searches.delete',
  'searches.recordRecent',
  'verify.startDeep',
  'verify.progress',
  'review.get',
  'review.summaries',
  'review.facets',
  'review.addNote',
  'review.editNote',
  'review.setStatus',
  'review.tags',
  'review.createTag',
  'review.updateTag',
  'review.addTag',
  'review.removeTag',
  'review.neighbour',
  'review.log',
  'review.erasePreview',
  'review.erase',
] as const satisfies readonly ApiMethod[];

// Fails to compile when ArchiveApi gains a method that is missing above.
type Missing = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
const exhaustive: [Missing] extends [never] ? true : Missing = true;
void exhaustive;

const methodSet: ReadonlySet<string> = new Set(API_METHODS);

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && methodSet.has(name);
}

/** Why a call failed, each with the HTTP status browser mode answers with (src/main/api-host/error-codes.ts). */
export const API_ERROR_CODES = [
  'unknown_method', // 404
  'invalid_argument', // 400
  'forbidden', // 403
  'unauthorized', // 401
  'not_found', // 404
  'too_large', // 413
  'busy', // 503: the archive is locked by another process
  'read_only', // 409: the archive cannot be written
  'disk_full', // 507
  'damaged', // 500: not an archive, or a damaged one
  'unavailable', // 503: the archive cannot be opened (missing, permissions)
  'internal', // 500
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** A failure as it crosses a process or network boundary: a code and one human line, never a stack. */
export interface ApiFailure {
  error: { code: ApiErrorCode; message: string };
}

/** What the Electron IPC channel returns (a rejected ipcRenderer.invoke would mangle the message). */
export type ApiEnvelope = { ok: true; value: unknown } | ({ ok: false } & ApiFailure);

/** The IPC channel names (main and preload). */
export const IPC_API_CHANNEL = 'callscope:api';
export const IPC_HOST_CHANNEL = 'callscope:host';
/** main → renderer: shell commands (menu, drops). */
export const IPC_COMMAND_CHANNEL = 'callscope:command';
