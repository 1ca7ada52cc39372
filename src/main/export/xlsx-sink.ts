// XLSX through exceljs's streaming writer: rows are committed page by page and
// zipped as they go, so memory stays flat. Typed cells: local times are Excel
// dates (a date-time format, the display zone's wall clock), durations and counts
// numbers, the ISO instant with its offset a text (Excel has no zone-aware type).
// A sheet holds at most 1,048,576 rows; a longer result continues on "calls 2", ….
import { setImmediate as nextTurn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { CellValue, ExportColumn } from './columns';
import { PartialPath } from './file-out';
import type { RowSink } from './sink';
import type { ZoneClock } from './zone-clock';

/** Data rows per sheet: Excel's 1,048,576 rows less the header row. */
export const XLSX_ROWS_PER_SHEET = 1_048_575;
const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

export function xlsxCell(kind: ExportColumn<unknown>['kind'], value: CellValue, clock: ZoneClock): ExcelJS.CellValue {
  if (value === null) return null;
  if (kind === 'instant') return clock.iso(value as number);
  // exceljs stores a Date by its UTC fields: the wall-clock ms make Excel show the local time.
  if (kind === 'wallclock') return new Date(clock.wallMs(value as number));
  return value;
}

export class XlsxSink<R> implements RowSink<R> {
  private readonly file: PartialPath;
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private sheet: ExcelJS.Worksheet | null = null;
  private sheets = 0;
  private rowsInSheet = 0;
  private rows = 0;

  constructor(
    path: string,
    private readonly sheetName: string,
    private readonly columns: readonly ExportColumn<R>[],
    private readonly clock: ZoneClock,
    private readonly rowsPerSheet = XLSX_ROWS_PER_SHEET,
  ) {
    this.file = new PartialPath(path);
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: this.file.partialPath,
      useStyles: true,
      useSharedStrings: false,
    });
  }

  /** Rows written, times a rough width: the zip's size is only known at the end. */
  get bytes(): number {
    return this.rows * this.columns.length * 8;
  }

  private newSheet(): ExcelJS.Worksheet {
    this.sheet?.commit();
    this.sheets += 1;
    const name = this.sheets === 1 ? this.sheetName : `${this.sheetName} ${this.sheets}`;
    const sheet = this.workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = this.columns.map((c) => ({
      header: c.name,
      key: c.name,
      width: c.width,
      ...(c.kind === 'wallclock' ? { style: { numFmt: DATE_FORMAT } } : {}),
    }));
    this.rowsInSheet = 0;
    return sheet;
  }

  async add(rows: readonly R[]): Promise<void> {
    for (const row of rows) {
      if (!this.sheet || this.rowsInSheet >= this.rowsPerSheet) this.sheet = this.newSheet();
      const values = this.columns.map((c) => xlsxCell(c.kind, c.get(row), this.clock));
      this.sheet.addRow(values).commit();
      this.rowsInSheet += 1;
      this.rows += 1;
    }
    // Let the zip stream take what was committed before the next page is produced.
    await nextTurn();
  }

  async finish(): Promise<void> {
    if (!this.sheet) this.sheet = this.newSheet();
    this.sheet.commit();
    await this.workbook.commit();
    this.file.finish();
  }

  async abort(): Promise<void> {
    // The zip stream holds the file open until it is committed; then the file is removed.
    await this.workbook.commit().catch(() => undefined);
    this.file.abort();
  }
}
