// Shared by the archive commands (import, search, show, imports, verify):
// opening the archive named by --db, and plain-text table printing.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openArchive, type Archive, type OpenArchiveOptions } from '../../store/archive';
import { ArchiveError } from '../../store/errors';
import { CliError } from '../command';
import { EXIT } from '../exit-codes';
import { isValidZone } from '../../../shared/statistics/time';
import { InvalidTimeZoneError } from '../../../shared/reader/local-time';

export const DB_OPTION = { db: { type: 'string' } } as const;

export function requireDb(db: string | undefined): string {
  if (!db) throw new CliError('--db <path> is required (the archive file)');
  return db;
}

/**
 * A `--tz` option checked before any work, in the same words for every command (import used to
 * report a bad zone as a file in no known format, after creating the archive).
 */
export function checkZone<T extends string | undefined>(tz: T): T {
  if (tz !== undefined && !isValidZone(tz)) throw new CliError(new InvalidTimeZoneError(tz).message, EXIT.usage);
  return tz;
}

/** Opens the archive; a problem with it (missing, newer, locked, …) is exit code 1, one line. */
export function openForCli(path: string, options: OpenArchiveOptions = {}): Archive {
  // A new archive in a folder that is not there: said in words (the driver's text named no folder).
  if (options.create && !existsSync(path) && !existsSync(dirname(resolve(path))))
    throw new CliError(`cannot create the archive ${path}: the folder ${dirname(path)} does not exist`, EXIT.failed);
  try {
    return openArchive(path, options);
  } catch (err) {
    if (err instanceof ArchiveError) throw new CliError(err.message, EXIT.failed);
    throw err;
  }
}

/** Runs an API call; its one-line ArchiveErrors (bad filter, bad cursor, …) become usage errors. */
export async function apiCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ArchiveError) throw new CliError(err.message, err.code === 'INVALID' ? EXIT.usage : EXIT.failed);
    throw err;
  }
}

export function table(
  header: string[],
  rows: (string | number | null)[][],
  rightAlign: Set<number> = new Set(),
): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (rightAlign.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...cells.map(fmt)].join('\n') + '\n';
}

export function num(n: number): string {
  return n.toLocaleString('en-US');
}

export function secs(s: number | null): string {
  if (s === null) return '';
  const t = Math.round(s);
  const m = Math.floor(t / 60);
  return `${m}:${String(t % 60).padStart(2, '0')}`;
}
