// Incremental record splitters over decoded text: CSV (papaparse's Parser, fed
// chunk by chunk, keeping the unfinished last record for the next chunk) and
// JSON Lines. Both report the 1-based line each record STARTS on, counting LF
// characters (CR for old-Mac files), also across multi-line quoted fields.
import Papa from 'papaparse';
import { ReaderError } from './errors';

export interface SplitRecord {
  fields: string[];
  line: number;
  /** Set when the record is malformed (unterminated / stray quote): the reader rejects it with this reason. */
  malformed?: string;
}

export type Newline = '\n' | '\r\n' | '\r';

/** A single record longer than this means an unbalanced quote: fail rather than buffer the whole file. */
export const MAX_RECORD_CHARS = 32 * 1024 * 1024;

function countChar(s: string, ch: string, from = 0, to = s.length): number {
  let n = 0;
  let i = s.indexOf(ch, from);
  while (i !== -1 && i < to) {
    n++;
    i = s.indexOf(ch, i + 1);
  }
  return n;
}

function isBlankRecord(fields: readonly string[]): boolean {
  return fields.length === 1 && (fields[0] as string).trim() === '';
}

export class CsvSplitter {
  private pending = '';
  private nextLine = 1;
  private readonly parser: Papa.Parser;
  private readonly breakChar: string;

  constructor(
    readonly delimiter: string,
    readonly newline: Newline,
  ) {
    // CRLF and LF may be mixed within one file (an export appended to by another tool): split on LF
    // and drop a CR left at the end of a record (emit). Papa trims it after a closing quote itself.
    this.parser = new Papa.Parser({ delimiter, newline: newline === '\r' ? '\r' : '\n', quoteChar: '"' });
    this.breakChar = newline === '\r' ? '\r' : '\n';
  }

  /** Adds decoded text; appends every record completed by it to `out`. */
  push(text: string, out: SplitRecord[]): void {
    // No line break in `text`: no record can end in it. Parsing the unfinished record again with
    // every piece of a long line made reading it quadratic (a 10 MB field: 70 s; 32 MB: 9 minutes).
    if (text.indexOf(this.breakChar) === -1) {
      this.pending += text;
      this.checkPendingLength();
      return;
    }
    const input = this.pending === '' ? text : this.pending + text;
    const res = this.parser.parse(input, 0, true) as Papa.ParseResult<string[]>;
    const cursor: number = res.meta.cursor;
    this.emit(res, input, cursor, out);
    this.pending = input.slice(cursor);
    this.checkPendingLength();
  }

  private checkPendingLength(): void {
    if (this.pending.length > MAX_RECORD_CHARS) {
      // Without a quote in it, it is one line that long: no quote to blame.
      const why = this.pending.includes('"') ? 'an unbalanced quote (")?' : 'a single line that long (no line break)';
      throw new ReaderError(
        `the record starting on line ${this.nextLine} runs over ${MAX_RECORD_CHARS / 1048576} MB: ${why}`,
      );
    }
  }

  /** End of input: the last record (no final newline, or cut inside a quoted field). */
  finish(out: SplitRecord[]): void {
    const rest = this.pending;
    this.pending = '';
    if (rest.trim() === '') return;
    const res = this.parser.parse(rest, 0, false) as Papa.ParseResult<string[]>;
    this.emit(res, rest, rest.length, out);
  }

  private emit(res: Papa.ParseResult<string[]>, input: string, cursor: number, out: SplitRecord[]): void {
    const data = res.data;
    const bad = new Map<number, string>();
    for (const e of res.errors) {
      if (e.row === undefined) continue;
      bad.set(
        e.row,
        e.code === 'MissingQuotes'
          ? 'record cut inside a quoted field (unterminated quote: truncated file?)'
          : `malformed quotes (${e.message})`,
      );
    }
    const singleLines = bad.size === 0 && countChar(input, this.breakChar, 0, cursor) === data.length;
    const dropCr = this.breakChar === '\n';
    for (let k = 0; k < data.length; k++) {
      const fields = data[k] as string[];
      if (dropCr) {
        const lastField = fields[fields.length - 1];
        if (lastField !== undefined && lastField.endsWith('\r')) fields[fields.length - 1] = lastField.slice(0, -1);
      }
      const line = this.nextLine;
      if (singleLines) {
        this.nextLine++;
      } else {
        let breaks = 1;
        for (const v of fields) if (v.indexOf(this.breakChar) >= 0) breaks += countChar(v, this.breakChar);
        this.nextLine += breaks;
      }
      if (isBlankRecord(fields) && !bad.has(k)) continue;
      let malformed = bad.get(k);
      // A stray quote can swallow the lines after it into one field: say which lines. One that runs to
      // the end of the file swallows its final line break too: the span ends on the line before it.
      const endsInBreak = fields[fields.length - 1]?.endsWith(this.breakChar) === true;
      const lastLine = this.nextLine - (endsInBreak ? 2 : 1);
      if (malformed !== undefined && lastLine > line) malformed += ` (spans lines ${line}–${lastLine})`;
      out.push(malformed === undefined ? { fields, line } : { fields, line, malformed });
    }
  }
}

/** JSON Lines: one object per line; yields the raw line text to be parsed by the reader. */
export class JsonLinesSplitter {
  private pending = '';
  private nextLine = 1;

  push(text: string, out: { text: string; line: number }[]): void {
    const input = this.pending === '' ? text : this.pending + text;
    let from = 0;
    let nl = input.indexOf('\n');
    while (nl !== -1) {
      this.take(input.slice(from, nl), out);
      from = nl + 1;
      nl = input.indexOf('\n', from);
    }
    this.pending = input.slice(from);
    if (this.pending.length > MAX_RECORD_CHARS) {
      throw new ReaderError(`line ${this.nextLine} is longer than ${MAX_RECORD_CHARS / 1048576} MB: not JSON Lines?`);
    }
  }

  finish(out: { text: string; line: number }[]): void {
    if (this.pending !== '') this.take(this.pending, out);
    this.pending = '';
  }

  private take(lineText: string, out: { text: string; line: number }[]): void {
    const line = this.nextLine++;
    const text = lineText.trim();
    if (text !== '') out.push({ text, line });
  }
}

export type Sniffed =
  { format: 'jsonl'; why: string } | { format: 'csv'; delimiter: string; newline: Newline; why: string };

const DELIMITERS = [',', ';', '\t', '|'];
const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** Decides the format from the first decoded characters of a file (BOM already removed). */
export function sniffText(head: string): Sniffed {
  const start = head.search(/\S/);
  if (start >= 0 && head[start] === '{') {
    return { format: 'jsonl', why: 'the first non-blank character is "{": JSON Lines' };
  }
  if (start >= 0 && head[start] === '[') {
    throw new ReaderError('a JSON array file is not supported: write one JSON object per line (JSON Lines)');
  }
  const lf = head.indexOf('\n');
  const cr = head.indexOf('\r');
  const newline: Newline = lf > 0 && head[lf - 1] === '\r' ? '\r\n' : lf === -1 && cr >= 0 ? '\r' : '\n';
  const lines = head.slice(Math.max(0, start)).split(newline);
  const headerLine = lines[0] ?? '';
  // Excel's "sep=;" first line names the separator.
  const hint = /^sep=(.)$/i.exec(headerLine.trim());
  if (hint && DELIMITERS.includes(hint[1] as string)) {
    const d = hint[1] as string;
    return {
      format: 'csv',
      delimiter: d,
      newline,
      why: `CSV: the first line "sep=${d}" names the ${DELIMITER_NAMES[d]} separator`,
    };
  }
  // Count separators outside quotes in the header line; the most frequent wins (ties: comma).
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) as number) + 1);
  }
  let delimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) as number) > (counts.get(delimiter) as number)) delimiter = d;
  const n = counts.get(delimiter) as number;
  return {
    format: 'csv',
    delimiter,
    newline,
    why: `CSV: the header line has ${n} ${DELIMITER_NAMES[delimiter]} separator(s), more than any other`,
  };
}
