// `callscope search … --format csv|xlsx|jsonl --out <file> [--events <file>] [--sep ';'] [--tz zone]`:
// the whole result of the search (no cap, the list's order) written to a file, and
// `callscope export --db <path> --parquet <dir>` (whole archive as Parquet).
import { basename } from 'node:path';
import type { CallSearch } from '../../../shared/api/archive-api';
import { SqliteArchiveApi } from '../../api/sqlite-archive-api';
import type { Archive } from '../../store/archive';
import type { CsvSeparator } from '../../export/csv-sink';
import { exportResult, type ExportFormat } from '../../export/run-export';
import { ZoneClock } from '../../export/zone-clock';
import { CliError, parseCliArgs, type Command } from '../command';
import { apiCall, checkZone, DB_OPTION, num, openForCli, requireDb } from './archive-common';
import { recordTakeaway } from './takeaway-log';
import { exportEntry } from '../../export/export-entry';

export const SEARCH_EXPORT_OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string' },
  events: { type: 'string' },
  sep: { type: 'string' },
  tz: { type: 'string' },
} as const;

const FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'jsonl'];
/** SQLite's page cache for a CLI export, in KiB (SQLite's own default is 2 MB). */
const EXPORT_CACHE_KIB = 8192;

function formatOf(value: string | undefined, out: string): ExportFormat {
  const f = (value ?? out.split('.').pop() ?? '').toLowerCase();
  if ((FORMATS as readonly string[]).includes(f)) return f as ExportFormat;
  throw new CliError(
    `--format must be csv, xlsx or jsonl${value ? `, got "${value}"` : ` (or name the file .csv, .xlsx or .jsonl)`}`,
  );
}

function separatorOf(value: string | undefined): CsvSeparator {
  if (value === undefined || value === ',') return ',';
  if (value === ';') return ';';
  throw new CliError(`--sep must be ',' or ';', got "${value}"`);
}

/** The zone local times are shown in by default: that of the archive's latest import (the export's zone), else UTC. */
export async function defaultZone(api: SqliteArchiveApi): Promise<string> {
  const imports = await api.imports.list();
  return imports.filter((i) => i.status === 'done').at(-1)?.timeZone ?? 'UTC';
}

/** CPU seconds of this process so far: on a shared, loaded machine fairer than wall time. */
function cpuSeconds(): number {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1e6;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Progress on a terminal only (a redirected stderr gets the summary line alone). */
function progressLine(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${text}`);
}

export async function runSearchExport(
  api: SqliteArchiveApi,
  query: CallSearch,
  values: { format?: string; out?: string; events?: string; sep?: string; tz?: string },
  archive?: Archive,
): Promise<number> {
  // An export reads each page of the archive once: SQLite's 64 MB page cache (archive.ts) would
  // fill with pages never read again and count towards the export's memory (goal < 300 MB).
  archive?.db.pragma(`cache_size = -${EXPORT_CACHE_KIB}`);
  const out = values.out as string;
  const format = formatOf(values.format, out);
  const separator = separatorOf(values.sep);
  if (values.sep !== undefined && format !== 'csv') throw new CliError('--sep applies to --format csv only');
  const timeZone = checkZone(values.tz) ?? (await defaultZone(api));
  try {
    new ZoneClock(timeZone);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const t0 = performance.now();
  const summary = await apiCall(() =>
    exportResult(api, query, {
      format,
      separator,
      timeZone,
      callsPath: out,
      ...(values.events ? { eventsPath: values.events } : {}),
      onProgress: (p) => progressLine(`exported ${num(p.calls)} of ${num(p.total)} calls`),
    }),
  );
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (archive) await logExport(archive.path, summary, format, out, values.events, timeZone);
  process.stderr.write(
    `wrote ${num(summary.calls)} calls to ${basename(out)}` +
      (values.events ? `, ${num(summary.events)} events to ${basename(values.events)}` : '') +
      ` (${mb(summary.bytes)}${format === 'xlsx' ? ' before compression' : ''}; times in ${timeZone})` +
      ` in ${((performance.now() - t0) / 1000).toFixed(1)} s (CPU ${cpuSeconds().toFixed(1)} s), peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`,
  );
  return 0;
}

/** The export's action-log entry (export-entry.ts), appended once the files are written. */
async function logExport(
  archivePath: string,
  summary: { calls: number; events: number },
  format: ExportFormat,
  out: string,
  events: string | undefined,
  timeZone: string,
): Promise<void> {
  const { calls, events: eventCount } = summary;
  const entry = await exportEntry({
    format,
    timeZone,
    calls,
    events: eventCount,
    callsPath: out,
    ...(events ? { eventsPath: events } : {}),
  });
  recordTakeaway(archivePath, entry);
}

export const exportCommand: Command = {
  usage: 'export --db <path> --parquet <dir>',
  summary:
    'Writes the whole archive as Parquet (calls.parquet, events.parquet) for DuckDB, Spark or Trino; a search result as CSV/XLSX/JSON Lines: search … --out <file>.',
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, { ...DB_OPTION, parquet: { type: 'string' } }, false);
    void positionals;
    const db = requireDb(values.db);
    if (!values.parquet)
      throw new CliError(
        'give --parquet <dir> (a search result as CSV, XLSX or JSON Lines: callscope search … --out <file>)',
      );
    const archive = openForCli(db, { readonly: true });
    try {
      const api = new SqliteArchiveApi(archive);
      // hyparquet-writer is loaded by this command only.
      const { exportParquet } = await import('../../export/parquet');
      const summary = await apiCall(() =>
        exportParquet(api, values.parquet as string, {
          onProgress: (calls, total) => progressLine(`exported ${num(calls)} of ${num(total)} calls`),
        }),
      );
      if (process.stderr.isTTY) process.stderr.write('\n');
      process.stderr.write(
        `wrote ${num(summary.calls)} calls and ${num(summary.events)} events to ${summary.files.join(' and ')}\n`,
      );
      archive.close();
      // What left the archive goes into its action log, as search --out's files do.
      const [callsPath, eventsPath] = summary.files as [string, string];
      const entry = await exportEntry({
        format: 'parquet',
        timeZone: 'UTC',
        calls: summary.calls,
        events: summary.events,
        callsPath,
        eventsPath,
      });
      recordTakeaway(db, entry);
      return 0;
    } finally {
      if (archive.db.open) archive.close();
    }
  },
};
