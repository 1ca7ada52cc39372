// How a free-text search is split into words, and what each word matches: one rule for the
// archive's SQL (src/main/api/search-sql.ts), the list's highlighting and the hints of the
// search box and `callscope search` (issue 14 item 7).
//
// A text that looks like a phone number ("+45 12 34", "(045) 1234") is one word of its digits.
// Words of three or more characters match anywhere (the trigram index): in the caller's and
// access number, agents, queues, registrations, event names and labels, and the call id.
// One- and two-character words are too short for trigrams; matched anywhere they would read
// every call of a million-call archive on each keystroke, so they match only the START of the
// caller's or access number and of any of the call's agents or queues.

/** Characters a phone number is written with. */
const NUMBERISH = /^[\d\s+\-()./]+$/;

/** Words shorter than this match only the start of numbers and names. */
export const ANYWHERE_MIN_CHARS = 3;

/** The search words of a text: a number-like text is one word of its digits, else the text split on spaces. */
export function searchWords(text: string | undefined): string[] {
  const trimmed = (text ?? '').trim();
  if (!trimmed) return [];
  return NUMBERISH.test(trimmed) && /\d/.test(trimmed) ? [trimmed.replace(/\D+/g, '')] : trimmed.split(/\s+/);
}

/** Whether a text is searched as a number (its digits only). */
export function isNumberSearch(text: string | undefined): boolean {
  const trimmed = (text ?? '').trim();
  return NUMBERISH.test(trimmed) && /\d/.test(trimmed);
}

/** A word that matches only the start of numbers and names (one or two characters). */
export function isStartOnlyWord(word: string): boolean {
  const n = [...word].length;
  return n > 0 && n < ANYWHERE_MIN_CHARS;
}

/** The words of a text that match only the start of numbers and names ("9", "ab"). */
export function startOnlyWords(text: string | undefined): string[] {
  return searchWords(text).filter(isStartOnlyWord);
}

/** The CLI's note (the search box says the same under it, translated), or null when every word matches anywhere. */
export function startOnlyNote(text: string | undefined): string | null {
  const short = startOnlyWords(text);
  if (!short.length) return null;
  const quoted = short.map((w) => `"${w}"`).join(', ');
  const one = short.length === 1;
  return (
    `note: ${quoted} ${one ? 'is' : 'are'} shorter than ${ANYWHERE_MIN_CHARS} characters and ` +
    `${one ? 'matches' : 'match'} only the start` +
    " of the caller's or access number, an agent or a queue; " +
    `words of ${ANYWHERE_MIN_CHARS} or more characters match anywhere (also in call ids and labels)`
  );
}
