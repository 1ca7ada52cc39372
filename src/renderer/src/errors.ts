// Failures as the UI keeps them: the API's error code and its one English line.
// Stores keep a UiError (not a finished sentence) so the text follows the
// language switch: the code picks a translated sentence, the server's line is
// shown after it as the detail (and is all there is for a code we do not know).
import { API_ERROR_CODES } from '../../shared/api/methods';
import { ApiCallError } from './api';

export interface UiError {
  code: string;
  message: string;
}

/** Codes with their own sentence: every ApiErrorCode, plus the transport's 'offline'. */
export const TRANSLATED_CODES: readonly string[] = [...API_ERROR_CODES, 'offline'];

export function toUiError(e: unknown): UiError {
  if (e instanceof ApiCallError) return { code: String(e.code), message: e.message };
  if (e instanceof Error) return { code: 'unknown', message: e.message };
  return { code: 'unknown', message: String(e) };
}

/** The message key for a code: its own sentence, the HTTP one for a bare status, else the generic one. */
export function errorKey(code: string): string {
  if (TRANSLATED_CODES.includes(code)) return `error.${code}`;
  return /^\d{3}$/.test(code) ? 'error.http' : 'error.unknown';
}

/**
 * Codes whose translated sentence already says all the transport's line says ("cannot reach the
 * Callscope server…"): shown as the detail too, the sentence read twice (#14 item 16).
 */
export const SELF_EXPLAINED_CODES: readonly string[] = ['offline'];

/** The server's line to show after the sentence ('' when it would only repeat it). */
export function errorDetail(err: UiError): string {
  return SELF_EXPLAINED_CODES.includes(err.code) ? '' : err.message.trim();
}

/** One line: the translated sentence, then the server's line as the detail. */
export function errorText(err: UiError, t: (key: string, values?: Record<string, unknown>) => string): string {
  const head = t(errorKey(err.code));
  const detail = errorDetail(err);
  return detail ? `${head} ${t('error.detail', { message: detail })}` : head;
}
