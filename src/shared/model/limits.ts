// Limits that hold for the whole program (reader, API schemas, UI): a value past
// one is rejected where it enters (an import's row, with file:line and reason),
// so that everything stored can also be shown and searched.

/** Longest call id (characters) an archive call may have: the reader rejects longer ids, the API refuses them. */
export const MAX_CALL_ID_LENGTH = 200;

/** The rejection reason of a call id over MAX_CALL_ID_LENGTH; null when the id fits. */
export function callIdTooLong(callId: string): string | null {
  return callId.length > MAX_CALL_ID_LENGTH
    ? `call_id is ${callId.length} characters long, more than the ${MAX_CALL_ID_LENGTH} allowed`
    : null;
}

/**
 * Plausible times of a contact-centre record: from 1990-01-01 to 2099-12-31 (UTC). A time outside
 * (a year 0000 or 9999: a placeholder or a broken export) is rejected with its raw value kept.
 */
export const PLAUSIBLE_FROM_MS = Date.UTC(1990, 0, 1);
export const PLAUSIBLE_TO_MS = Date.UTC(2100, 0, 1);
export const PLAUSIBLE_RANGE_TEXT = '1990-01-01 to 2099-12-31';

/** JSON Lines: a record nested deeper than this (objects / arrays) is rejected before it is parsed. */
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest nesting of objects / arrays in a JSON text, counting only brackets outside strings;
 * stops counting once past `limit` (returns limit + 1). A scan, no recursion: any depth is safe.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}
