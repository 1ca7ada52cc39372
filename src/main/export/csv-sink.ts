// CSV for Excel and for scripts: UTF-8 with a byte-order mark (without it Excel
// reads UTF-8 as the machine's code page), CRLF line ends (RFC 4180), quotes only
// where a value needs them, and a text that a spreadsheet would run as a formula written as text
// (spreadsheetText). The `;` variant is what Danish (and most European)
// Excel opens by double-click; it also writes decimals with a comma there.
import type { CellValue, ExportColumn } from './columns';
import { FileOut } from './file-out';
import type { RowSink } from './sink';
import type { ZoneClock } from './zone-clock';
import { spreadsheetText } from '../../shared/text/spreadsheet-text';

export type CsvSeparator = ',' | ';';

const BOM = '\uFEFF';

/** What makes a field need quotes, per separator: the separator, a quote or a line break. */
const NEEDS_QUOTES: Record<CsvSeparator, RegExp> = { ',': /[,"\r\n]/, ';': /[;"\r\n]/ };

/** A field as CSV: quoted when it holds the separator, a quote or a line break (quotes doubled). */
export function csvField(text: string, sep: CsvSeparator): string {
  return NEEDS_QUOTES[sep].test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvCell(
  kind: ExportColumn<unknown>['kind'],
  value: CellValue,
  clock: ZoneClock,
  sep: CsvSeparator,
): string {
  if (value === null) return '';
  switch (kind) {
    case 'instant':
      return clock.iso(value as number);
    case 'wallclock':
      return clock.local(value as number);
    case 'seconds':
    case 'integer':
      // The `;` variant is read by a comma-decimal Excel: 12.5 must arrive as 12,5.
      return sep === ';' ? String(value).replace('.', ',') : String(value);
    default:
      return csvField(spreadsheetText(String(value)), sep);
  }
}

/**
 * The text of one column's cell, the column's kind decided once rather than per cell: the same
 * text as csvCell (a million-call export formats 17 million cells).
 */
export function csvCellWriter<R>(column: ExportColumn<R>, clock: ZoneClock, sep: CsvSeparator): (row: R) => string {
  const get = column.get;
  const kind = column.kind;
  const quotes = NEEDS_QUOTES[sep];
  switch (kind) {
    case 'instant':
      return (row) => {
        const v = get(row);
        return v === null ? '' : clock.iso(v as number);
      };
    case 'wallclock':
      return (row) => {
        const v = get(row);
        return v === null ? '' : clock.local(v as number);
      };
    case 'seconds':
    case 'integer':
      return (row) => {
        const v = get(row);
        return v === null ? '' : csvCell(kind, v, clock, sep);
      };
    default:
      return (row) => {
        const v = get(row);
        if (v === null) return '';
        const text = spreadsheetText(String(v));
        return quotes.test(text) ? csvField(text, sep) : text;
      };
  }
}

/** A first guess of a line's size in bytes (a calls line is ~210); the page's buffer grows past it. */
const BYTES_PER_LINE_GUESS = 256;

/** UTF-8 text appended into one growing buffer. */
export class PageBuffer {
  private buf: Buffer;
  private used = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(1024, size));
  }

  put(text: string): void {
    // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair: 2 units, 4 bytes).
    if (this.used + text.length * 3 > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + text.length * 3));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    this.used += this.buf.write(text, this.used, 'utf8');
  }

  /** The bytes put so far (a view, not a copy: the page is not used after it is written). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.used);
  }
}

export class CsvSink<R> implements RowSink<R> {
  private readonly out: FileOut;
  private readonly cells: ((row: R) => string)[];
  private started = false;

  constructor(
    path: string,
    private readonly columns: readonly ExportColumn<R>[],
    clock: ZoneClock,
    private readonly sep: CsvSeparator,
  ) {
    this.out = new FileOut(path);
    this.cells = columns.map((c) => csvCellWriter(c, clock, sep));
  }

  get bytes(): number {
    return this.out.bytes;
  }

  async add(rows: readonly R[]): Promise<void> {
    const { columns, cells, sep } = this;
    // Each line is encoded into the page's buffer as it is made: one page-long string would be a
    // rope of ~100,000 pieces, and flattening it cost more than formatting its cells.
    const page = new PageBuffer(rows.length * BYTES_PER_LINE_GUESS);
    if (!this.started) {
      this.started = true;
      page.put(BOM + columns.map((c) => csvField(c.name, sep)).join(sep) + '\r\n');
    }
    const n = cells.length;
    for (const row of rows) {
      let line = (cells[0] as (row: R) => string)(row);
      for (let i = 1; i < n; i++) line += sep + (cells[i] as (row: R) => string)(row);
      page.put(line + '\r\n');
    }
    await this.out.write(page.bytes());
  }

  async finish(): Promise<void> {
    if (!this.started) await this.add([]);
    await this.out.finish();
  }

  abort(): void {
    this.out.abort();
  }
}
