// The queue table as CSV (the CLI's --format csv and the app's export): UTF-8
// with a byte-order mark so that Excel reads it as UTF-8, the formulas as
// comment lines above the header, and a ';' variant with decimal commas for
// Excel in Danish (and other comma-decimal) locales. Names that start like a formula are written
// as text (spreadsheetText).
import { spreadsheetText } from '../text/spreadsheet-text';
import { queueFormulas } from './formulas';
import { COUNT_NAMES, RATIO_NAMES, type ReportedParameters, type StatisticsResult } from './types';

export const BOM = '\uFEFF';

export interface CsvOptions {
  /** ',' (default) or ';' (then decimals are written with a comma). */
  separator?: ',' | ';';
  /** Formula comment lines above the header (default true). */
  formulas?: boolean;
}

function cell(v: string | number | null, sep: string): string {
  if (v === null) return '';
  // A queue or agent name that starts like a formula is written as text (spreadsheetText).
  const s = typeof v === 'number' ? (sep === ';' ? String(v).replace('.', ',') : String(v)) : spreadsheetText(v);
  const needsQuotes = s.includes(sep) || /["\n\r]/.test(s) || s !== s.trim();
  return needsQuotes ? `"${s.replace(/"/g, '""')}"` : s;
}

export const FIGURE_COLUMNS = [...COUNT_NAMES, ...RATIO_NAMES] as const;

export function parametersLine(p: ReportedParameters): string {
  return (
    `period ${p.from ?? 'first call'} – ${p.to ?? 'last call'} (${p.timeZone}); by ${p.by.join(' × ') || 'total'}; ` +
    `slSeconds ${p.slSeconds}; slAbandons ${p.slAbandons}; shortAbandonSeconds ${p.shortAbandonSeconds}`
  );
}

/** One row per group and a total row (key cells "total"), the spec's figure names as header. */
export function queueTableCsv(result: StatisticsResult, options: CsvOptions = {}): string {
  const sep = options.separator ?? ',';
  const p = result.parameters;
  const lines: string[] = [];
  if (options.formulas !== false) {
    lines.push(`# ${parametersLine(p)}`);
    const f = queueFormulas(p);
    for (const name of FIGURE_COLUMNS) lines.push(`# ${name}: ${f[name]}`);
  }
  const by = p.by;
  lines.push([...by, ...FIGURE_COLUMNS].map((h) => cell(h, sep)).join(sep));
  for (const g of result.groups)
    lines.push(
      [...by.map((k) => g.key[k] ?? null), ...FIGURE_COLUMNS.map((n) => g[n])].map((v) => cell(v, sep)).join(sep),
    );
  lines.push(
    [...by.map(() => 'total'), ...FIGURE_COLUMNS.map((n) => result.total[n])].map((v) => cell(v, sep)).join(sep),
  );
  return BOM + lines.join('\r\n') + '\r\n';
}
