// JSON input shapes shared by the JSON platforms: one document (object or
// array) or JSON Lines (one document per line). Origins: for JSON Lines the
// 1-based line; for one document the 1-based index of the record in it.
import type { RejectedRow } from '../../model/row-accounting';
import { rawText } from './types';

export interface JsonDoc {
  value: unknown;
  /** 1-based line of a JSON Lines document, null for a whole-file document. */
  line: number | null;
}

export function readJsonDocs(text: string, file: string): { docs: JsonDoc[]; rejected: RejectedRow[] } {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { docs: [{ value: JSON.parse(body), line: null }], rejected: [] };
  } catch {
    // Not one document: JSON Lines or documents written back to back (Kinesis Firehose to S3).
  }
  const docs: JsonDoc[] = [];
  const rejected: RejectedRow[] = [];
  const tryParse = (piece: { text: string; line: number }, retryLines: boolean): void => {
    try {
      docs.push({ value: JSON.parse(piece.text), line: piece.line });
    } catch (e) {
      // A broken record swallows what follows it by bracket depth: retry line by line (JSON Lines).
      if (retryLines && piece.text.includes('\n')) {
        piece.text.split('\n').forEach((t, k) => {
          if (t.trim() !== '') tryParse({ text: t, line: piece.line + k }, false);
        });
        return;
      }
      rejected.push({
        origin: { file, line: piece.line },
        reason: `not valid JSON (${e instanceof Error ? e.message : 'parse error'})`,
        raw: rawText(piece.text),
      });
    }
  };
  for (const piece of splitDocuments(body)) tryParse(piece, true);
  return { docs, rejected };
}

/**
 * Splits text into top-level JSON values by bracket depth (strings respected),
 * one pass. Text between values that is not whitespace becomes its own piece
 * (and fails to parse: a rejected record) ending at the next newline.
 */
export function splitDocuments(body: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let line = 1;
  let i = 0;
  const n = body.length;
  while (i < n) {
    const ch = body[i];
    if (ch === '\n') {
      line++;
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    const startLine = line;
    const start = i;
    if (ch === '{' || ch === '[') {
      let depth = 0;
      let inString = false;
      for (; i < n; i++) {
        const c = body[i];
        if (c === '\n') line++;
        if (inString) {
          if (c === '\\') i++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') {
          depth--;
          if (depth === 0) {
            i++;
            break;
          }
        } else if (c === '\n' && depth <= 0) break;
      }
    } else {
      while (i < n && body[i] !== '\n') i++;
    }
    out.push({ text: body.slice(start, i), line: startLine });
  }
  return out;
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
