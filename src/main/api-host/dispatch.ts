// Runs one untrusted API call: method name allow-listed, argument parsed by the
// handler map's schema, host policy applied, then the implementation called.
// Every failure leaves as an ApiError with a code and one human line — the
// adapters turn it into an IPC envelope or an HTTP status, never a stack trace.

import type { ZodError } from 'zod';
import type { ApiMethod, ArchiveApi, ImportRequest } from '../../shared/api/archive-api';
import { isApiMethod, type ApiErrorCode, type ApiFailure } from '../../shared/api/methods';
import { apiCodeOf } from './error-codes';
import { handlers, type Handler } from './handlers';
import { FIRST_LINE_MAX, firstLine } from '../../shared/text/first-line';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  toFailure(): ApiFailure {
    return { error: { code: this.code, message: this.message } };
  }
}

export interface DispatchPolicy {
  /**
   * Called with validated import requests before they start; throw an ApiError
   * ('forbidden') to refuse files the host did not hand out (browser mode: only
   * uploads; Electron: only files picked in the dialog or dropped on the window).
   */
  checkImport?(request: ImportRequest): void;
  /** Where unexpected (non-ApiError) failures are logged in full; the caller only gets one line. */
  logError?(method: string, err: unknown): void;
}

/** "limit: Too big: expected number to be <=1000; text: …" — path and message of each issue, one line. */
export function describeZodError(err: ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** First line of an error's message, bounded: what a caller may see of an internal failure. */
export function oneLine(err: unknown): string {
  return firstLine(err, 'unexpected error', FIRST_LINE_MAX);
}

/**
 * Parses the argument with the method's schema and applies the host policy; returns the call to make.
 * Generic in M, so the schema's output is the implementation's argument without a cast.
 */
function prepareCall<M extends ApiMethod>(method: M, arg: unknown, policy: DispatchPolicy) {
  const handler: Handler<M> = handlers[method];
  const parsed = handler.schema.safeParse(arg);
  if (!parsed.success) {
    throw new ApiError('invalid_argument', `invalid argument to ${method}: ${describeZodError(parsed.error)}`);
  }
  if (policy.checkImport && isImportStart(method, parsed.data)) policy.checkImport(parsed.data);
  return (api: ArchiveApi) => handler.call(api, parsed.data);
}

/** The argument of imports.start (its schema parsed it as an ImportRequest). */
function isImportStart(method: ApiMethod, _arg: unknown): _arg is ImportRequest {
  return method === 'imports.start';
}

export async function dispatch(
  api: ArchiveApi,
  method: unknown,
  arg: unknown,
  policy: DispatchPolicy = {},
): Promise<unknown> {
  if (!isApiMethod(method)) {
    const shown = typeof method === 'string' ? method.slice(0, 60) : typeof method;
    throw new ApiError('unknown_method', `unknown API method "${shown}"`);
  }
  const call = prepareCall(method, arg, policy);
  try {
    return await call(api);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const code = apiCodeOf(err);
    if (code) throw new ApiError(code, oneLine(err));
    policy.logError?.(method, err);
    throw new ApiError('internal', `${method} failed: ${oneLine(err)}`);
  }
}

/** Any thrown value as the wire failure shape. */
export function toFailure(err: unknown): ApiFailure {
  if (err instanceof ApiError) return err.toFailure();
  const code = apiCodeOf(err);
  if (code) return { error: { code, message: oneLine(err) } };
  return { error: { code: 'internal', message: oneLine(err) } };
}
