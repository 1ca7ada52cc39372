// Shared by the export tests: a small archive of inbound calls (two files, with a
// comma and a quote in a queue name to exercise CSV quoting), every call of a
// search read the plain way (the fixture joins CSV fields, so the queue is given quoted), and the CSV / XLSX files read back.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import type { CallListRow, CallSearch } from '../../src/shared/api/archive-api';
import { csv, inboundRows, manyCalls, writeFile } from '../archive/fixtures';
import { freshArchive, TZ } from '../archive/helpers';

export async function exportArchive(
  n: number,
): Promise<{ dir: string; path: string; api: SqliteArchiveApi; close(): void }> {
  const s = freshArchive();
  const calls = manyCalls(n).map((c, i) => (i % 5 === 0 ? { ...c, queue: '"Support, ""DK"""' } : c));
  const file = writeFile(s.dir, 'calls.csv', csv(calls.flatMap(inboundRows)));
  const results = await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
  if (results[0]?.status !== 'done') throw new Error(`fixture import failed: ${results[0]?.message}`);
  return { dir: s.dir, path: s.path, api: new SqliteArchiveApi(s.archive), close: () => s.archive.close() };
}

/** Every call of a search, read the plain way (page after page of the API). */
export async function allRows(api: SqliteArchiveApi, query: CallSearch): Promise<CallListRow[]> {
  const rows: CallListRow[] = [];
  let cursor: string | null = null;
  do {
    const page = await api.calls.search({ ...query, limit: 1000, ...(cursor ? { cursor } : {}) });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

/** A CSV export read back: the BOM checked and stripped, every record as column → text. */
export function readCsv(path: string, sep: ',' | ';'): Record<string, string>[] {
  const text = readFileSync(path, 'utf8');
  if (!text.startsWith('\uFEFF')) throw new Error('no byte-order mark');
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), {
    header: true,
    delimiter: sep,
    newline: '\r\n',
    skipEmptyLines: true,
  });
  if (parsed.errors.length) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
  return parsed.data;
}

/** An XLSX export read back: per sheet, its header and its rows' cell values. */
export async function readXlsx(
  path: string,
): Promise<{ name: string; header: string[]; rows: ExcelJS.CellValue[][] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets.map((ws) => {
    const all: ExcelJS.CellValue[][] = [];
    ws.eachRow((row) => all.push((row.values as ExcelJS.CellValue[]).slice(1)));
    const [header = [], ...rows] = all;
    return { name: ws.name, header: header.map(String), rows };
  });
}
