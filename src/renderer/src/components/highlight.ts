// Which part of a list cell the search matched (#14 item 8), by the archive's own rule
// (src/shared/api/search-words.ts): a word of 3+ characters anywhere — a word of digits in a
// number whatever its spaces, "+" or dashes —, a word of one or two characters only at the
// start of a number or a name (never in the call id).
import { isStartOnlyWord, searchWords } from '../../../shared/api/search-words';

export interface TextPart {
  text: string;
  mark: boolean;
}

/** What a column holds, as the search sees it. */
export type SearchedKind = 'number' | 'name' | 'id';

type Span = [start: number, end: number];

/** Where `word` (digits only) occurs among the digits of `cell`: spans over the cell's characters. */
function digitSpans(cell: string, word: string): Span[] {
  const at: number[] = [];
  let digits = '';
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i] as string;
    if (ch >= '0' && ch <= '9') {
      at.push(i);
      digits += ch;
    }
  }
  const out: Span[] = [];
  for (let i = digits.indexOf(word); i >= 0; i = digits.indexOf(word, i + 1))
    out.push([at[i] as number, (at[i + word.length - 1] as number) + 1]);
  return out;
}

/** Case-insensitive occurrences (none when lower-casing changes the text's length: no wrong marks). */
function textSpans(cell: string, word: string): Span[] {
  const hay = cell.toLowerCase();
  const needle = word.toLowerCase();
  if (hay.length !== cell.length || !needle) return [];
  const out: Span[] = [];
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) out.push([i, i + needle.length]);
  return out;
}

function wordSpans(cell: string, word: string, kind: SearchedKind): Span[] {
  if (isStartOnlyWord(word)) {
    if (kind === 'id') return [];
    return cell.toLowerCase().startsWith(word.toLowerCase()) ? [[0, word.length]] : [];
  }
  // A number is matched by its digits (the archive indexes it as written and as digits only).
  return kind === 'number' && /^\d+$/.test(word) ? digitSpans(cell, word) : textSpans(cell, word);
}

/** The cell's text cut into plain and matched parts; a single plain part when nothing matched. */
export function highlightParts(cell: string, text: string | undefined, kind: SearchedKind): TextPart[] {
  const spans = searchWords(text)
    .flatMap((w) => wordSpans(cell, w, kind))
    .sort((a, b) => a[0] - b[0]);
  if (!spans.length) return [{ text: cell, mark: false }];
  // Overlapping or touching matches become one mark.
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  const parts: TextPart[] = [];
  let pos = 0;
  for (const [a, b] of merged) {
    if (a > pos) parts.push({ text: cell.slice(pos, a), mark: false });
    parts.push({ text: cell.slice(a, b), mark: true });
    pos = b;
  }
  if (pos < cell.length) parts.push({ text: cell.slice(pos), mark: false });
  return parts;
}

/** Whether any part is marked. */
export function hasMark(parts: readonly TextPart[]): boolean {
  return parts.some((p) => p.mark);
}
