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

/** A field as CSV: quoted when it holds the separator, a quote or a line break (quotes doubled). */
export function csvField(text: string, sep: CsvSeparator): string {
  if (text.includes(sep) || text.includes('"') || text.includes('\n') || text.includes('\r'))
    return `"${text.replaceAll('"', '""')}"`;
  return text;
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

export class CsvSink<R> implements RowSink<R> {
  private readonly out: FileOut;
  private started = false;

  constructor(
    path: string,
    private readonly columns: readonly ExportColumn<R>[],
    private readonly clock: ZoneClock,
    private readonly sep: CsvSeparator,
  ) {
    this.out = new FileOut(path);
  }

  get bytes(): number {
    return this.out.bytes;
  }

  async add(rows: readonly R[]): Promise<void> {
    const { columns, clock, sep } = this;
    let text = '';
    if (!this.started) {
      this.started = true;
      text = BOM + columns.map((c) => csvField(c.name, sep)).join(sep) + '\r\n';
    }
    for (const row of rows) {
      let line = '';
      for (let i = 0; i < columns.length; i++) {
        const c = columns[i] as ExportColumn<R>;
        if (i > 0) line += sep;
        line += csvCell(c.kind, c.get(row), clock, sep);
      }
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
