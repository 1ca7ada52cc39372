// Decoded text of one export file → ReaderItems, incrementally. Combines the
// format sniffed from the file's head, a record splitter, header recognition
// and the record normaliser. Pure; src/main/readers feeds it from a file stream.
import { jsonDepth, MAX_JSON_DEPTH } from '../model/limits';
import {
  CALL_EVENT_COLUMNS,
  companionTableOf,
  KNOWN_EXTRA_COLUMNS,
  OPTIONAL_CALL_EVENT_FIELDS,
  recogniseHeader,
  type CallEventField,
  type TableLayout,
} from './columns';
import { ReaderError } from './errors';
import { InvalidTimeZoneError, ZoneClock } from './local-time';
import { recordReader } from './records';
import { CsvSplitter, JsonLinesSplitter, sniffText, type SplitRecord } from './splitters';
import type { FileDescription, ReaderItem, ReaderOptions } from './types';

type Encoding = FileDescription['encoding'];

export interface ExportParser {
  /** Known once the header (CSV) or first object (JSON Lines) has been read; null before. */
  description(): FileDescription | null;
  push(text: string, out: ReaderItem[]): void;
  finish(out: ReaderItem[]): void;
}

export function makeClock(timeZone: string): ZoneClock {
  try {
    return new ZoneClock(timeZone);
  } catch (err) {
    if (err instanceof InvalidTimeZoneError) throw new ReaderError(err.message);
    throw err;
  }
}

/** `head` is the first decoded text of the file (used only to sniff the format). */
// eslint-disable-next-line max-lines-per-function -- the streaming parser keeps its state in one closure for speed
export function createExportParser(head: string, encoding: Encoding, opts: ReaderOptions): ExportParser {
  const clock = makeClock(opts.timeZone);
  const sniffed = sniffText(head);
  let description: FileDescription | null = null;
  const describe = (layout: TableLayout, delimiter: string | null, format: string, why: string) => {
    const gaps = layout.table === 'call_events' ? headerGaps(layout) : { unused: [], missing: [] };
    description = {
      format,
      table: companionTableOf(layout.table),
      tableName: layout.table,
      encoding,
      delimiter,
      columns: layout.columns,
      ...(gaps.unused.length ? { unusedColumns: gaps.unused } : {}),
      // A column the export lacks was read as empty without a word (a file without queue_key imported
      // calls without queues): the import's report says which.
      why:
        `${why}; header recognised as the ${layout.table} table` +
        (gaps.missing.length
          ? `; without the column${gaps.missing.length > 1 ? 's' : ''} ${gaps.missing.join(', ')} (read as empty)`
          : ''),
    };
  };
  const recognise = (columns: string[], where: string): TableLayout => {
    const r = recogniseHeader(columns);
    if (!r.ok) throw new ReaderError(`${where}: ${r.error}`);
    return r.layout;
  };

  if (sniffed.format === 'csv') {
    const splitter = new CsvSplitter(sniffed.delimiter, sniffed.newline);
    let toItem: ((fields: readonly string[], line: number) => ReaderItem) | null = null;
    const records: SplitRecord[] = [];
    const drain = (out: ReaderItem[]) => {
      for (const rec of records) {
        if (toItem === null) {
          if (rec.fields.length <= 2 && /^sep=.$/i.test(rec.fields.join(sniffed.delimiter).trim())) continue; // Excel's separator hint
          if (rec.malformed) throw new ReaderError(`header on line ${rec.line}: ${rec.malformed}`);
          const layout = recognise(rec.fields, `header on line ${rec.line}`);
          describe(layout, sniffed.delimiter, 'call-events-csv', sniffed.why);
          toItem = recordReader({
            layout,
            clock,
            fileLabel: opts.fileLabel,
            delimiter: sniffed.delimiter,
            rowRaw: opts.rowRaw,
          });
          continue;
        }
        if (rec.malformed) {
          const text = rec.fields.join(sniffed.delimiter);
          out.push({
            kind: 'rejected',
            rejected: {
              origin: { file: opts.fileLabel, line: rec.line },
              reason: rec.malformed,
              raw: text, // whole: every line a stray quote swallowed
            },
          });
          continue;
        }
        out.push(toItem(rec.fields, rec.line));
      }
      records.length = 0;
    };
    return {
      description: () => description,
      push(text, out) {
        splitter.push(text, records);
        drain(out);
      },
      finish(out) {
        splitter.finish(records);
        drain(out);
        if (toItem === null) throw new ReaderError('the file has no header line (empty or blank)');
      },
    };
  }

  // JSON Lines: each object's keys are its header. The first object decides the
  // table; objects with other key sets (extra or missing keys) get their own
  // layout, cached by key signature, and must be of the same table.
  const splitter = new JsonLinesSplitter();
  const lines: { text: string; line: number }[] = [];
  let layout: TableLayout | null = null;
  const readers = new Map<
    string,
    { keys: string[]; toItem: (fields: readonly string[], line: number) => ReaderItem } | string
  >();
  const rejected = (line: number, reason: string, text: string): ReaderItem => ({
    kind: 'rejected',
    rejected: { origin: { file: opts.fileLabel, line }, reason, raw: text },
  });
  const cell = (v: unknown): string =>
    v === null || v === undefined
      ? ''
      : typeof v === 'string'
        ? v
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);
  const readerFor = (keys: string[], line: number) => {
    const signature = keys.join('\u0001');
    let r = readers.get(signature);
    if (r === undefined) {
      if (layout === null) {
        layout = recognise(keys, `JSON Lines keys on line ${line}`);
        describe(layout, null, 'call-events-jsonl', sniffed.why);
        r = {
          keys,
          toItem: recordReader({ layout, clock, fileLabel: opts.fileLabel, delimiter: ',', rowRaw: opts.rowRaw }),
        };
      } else {
        const other = recogniseHeader(keys);
        if (!other.ok || other.layout.table !== layout.table) {
          r = `its keys are not those of the ${layout.table} table (${other.ok ? other.layout.table : other.error.split(';')[0]})`;
        } else {
          r = {
            keys,
            toItem: recordReader({
              layout: other.layout,
              clock,
              fileLabel: opts.fileLabel,
              delimiter: ',',
              rowRaw: opts.rowRaw,
            }),
          };
        }
      }
      if (readers.size > 10_000) readers.clear();
      readers.set(signature, r);
    }
    return r;
  };
  const drain = (out: ReaderItem[]) => {
    for (const { text, line } of lines) {
      // JSON.parse and JSON.stringify recurse: a record nested thousands of levels deep would
      // overflow the stack (and fail the whole file); it is rejected before it is parsed.
      if (jsonDepth(text) > MAX_JSON_DEPTH) {
        out.push(rejected(line, `nested more than ${MAX_JSON_DEPTH} levels deep: not a call-events record`, text));
        continue;
      }
      let obj: unknown;
      try {
        obj = JSON.parse(text);
      } catch {
        if (layout === null) throw new ReaderError(`line ${line}: not valid JSON, so not a JSON Lines export`);
        out.push(rejected(line, 'not valid JSON (truncated line?)', text));
        continue;
      }
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
        if (layout === null) throw new ReaderError(`line ${line}: not a JSON object, so not a JSON Lines export`);
        out.push(rejected(line, 'not a JSON object', text));
        continue;
      }
      const record = obj as Record<string, unknown>;
      const r = readerFor(Object.keys(record), line);
      if (typeof r === 'string') {
        out.push(rejected(line, r, text));
        continue;
      }
      out.push(
        r.toItem(
          r.keys.map((k) => cell(record[k])),
          line,
        ),
      );
    }
    lines.length = 0;
  };
  return {
    description: () => description,
    push(text, out) {
      splitter.push(text, lines);
      drain(out);
    },
    finish(out) {
      splitter.finish(lines);
      drain(out);
      if (layout === null) throw new ReaderError('the file has no JSON object');
    },
  };
}

/**
 * A call-events header's names no field reads and the spec does not name (a misspelt `queue_kye`, a
 * second `agent_id` read as `agent_id_2`), and the drawn fields it has no column for (canonical names).
 */
export function headerGaps(layout: TableLayout): { unused: string[]; missing: string[] } {
  const unused = layout.extraColumns
    .map((i) => ({ name: layout.columns[i], normalised: layout.normalised[i] }))
    .filter((c) => c.name !== undefined && c.name.trim() !== '' && !KNOWN_EXTRA_COLUMNS.has(c.normalised ?? ''))
    .map((c) => c.name as string);
  const missing = (Object.keys(CALL_EVENT_COLUMNS) as CallEventField[])
    .filter((f) => !OPTIONAL_CALL_EVENT_FIELDS.has(f) && (layout.fields[f] ?? -1) < 0)
    .map((f) => CALL_EVENT_COLUMNS[f][0]);
  return { unused, missing };
}
