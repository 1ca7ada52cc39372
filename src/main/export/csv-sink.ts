// CSV for Excel and for scripts: UTF-8 with a byte-order mark (without it Excel
// reads UTF-8 as the machine's code page), CRLF line ends (RFC 4180), quotes only
// where a value needs them. The `;` variant is what Danish (and most European)
// Excel opens by double-click; it also writes decimals with a comma there.
import type { CellValue, ExportColumn } from './columns';
import { FileOut } from './file-out';
import type { RowSink } from './sink';
import type { ZoneClock } from './zone-clock';

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
      return csvField(String(value), sep);
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
        const text = String(v);
        return quotes.test(text) ? csvField(text, sep) : text;
      };
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
    let text = '';
    if (!this.started) {
      this.started = true;
      text = BOM + columns.map((c) => csvField(c.name, sep)).join(sep) + '\r\n';
    }
    const n = cells.length;
    for (const row of rows) {
      let line = (cells[0] as (row: R) => string)(row);
      for (let i = 1; i < n; i++) line += sep + (cells[i] as (row: R) => string)(row);
      text += line + '\r\n';
    }
    await this.out.write(text);
  }

  async finish(): Promise<void> {
    if (!this.started) await this.add([]);
    await this.out.finish();
  }

  abort(): void {
    this.out.abort();
  }
}
