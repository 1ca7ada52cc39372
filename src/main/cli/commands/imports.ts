// `callscope imports --db <path> [--rejected <importId>] [--kept <importId>] [--attempts] [--json]`:
// the import history, with the failed and cancelled attempts (they wrote nothing else) under it;
// an import's rejected or kept rows, so that every row read is accounted for.
import type { ImportAttempt } from '../../../shared/api/archive-api';
import { SqliteArchiveApi } from '../../api/sqlite-archive-api';
import { CliError, parseCliArgs, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { apiCall, DB_OPTION, num, openForCli, requireDb, table } from './archive-common';
import { describeFormat } from './import';

/** An import's rows as JSON (every field) or as a table of the given columns. */
function printRows<T>(
  rows: readonly T[],
  json: boolean | undefined,
  head: string[],
  cells: (r: T) => (string | number)[],
  rightAligned?: Set<number>,
): void {
  process.stdout.write(json ? JSON.stringify(rows) + '\n' : table(head, rows.map(cells), rightAligned));
}

/** Every row of a paged API list (an import's kept or rejected rows), a thousand at a time. */
async function allPages<T>(page: (offset: number, limit: number) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let offset = 0; ; offset += 1000) {
    const part = await apiCall(() => page(offset, 1000));
    rows.push(...part);
    if (part.length < 1000) return rows;
  }
}

export const importsCommand: Command = {
  usage: 'imports --db <path> [--rejected <importId>] [--kept <importId>] [--attempts] [--json]',
  summary:
    "Lists the archive's imports (file, SHA-256, time zone, counts, why the format was detected, unknown names) and the failed or cancelled attempts; --attempts lists only the attempts; --rejected lists an import's rejected rows (the table cuts the raw text at 80 characters, marked …; --json has it whole); --kept lists its kept rows with their reasons.",
  async run(argv) {
    const { values } = parseCliArgs(
      argv,
      {
        ...DB_OPTION,
        rejected: { type: 'string' },
        kept: { type: 'string' },
        attempts: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      false,
    );
    const db = requireDb(values.db);
    const archive = openForCli(db, { readonly: true });
    try {
      const api = new SqliteArchiveApi(archive);
      if (values.kept !== undefined) {
        const importId = await existingImport(api, values.kept, '--kept', db);
        const rows = await allPages((offset, limit) => api.imports.kept({ importId, offset, limit }));
        printRows(
          rows,
          values.json,
          ['file', 'line', 'table', 'call', 'reason'],
          (r) => [r.origin.file, r.origin.line, r.table, r.callId ?? '', r.reason ?? ''],
          new Set([1]),
        );
        return EXIT.ok;
      }
      if (values.rejected !== undefined) {
        const importId = await existingImport(api, values.rejected, '--rejected', db);
        const rows = await allPages((offset, limit) => api.imports.rejected({ importId, offset, limit }));
        printRows(rows, values.json, ['file', 'line', 'reason', 'raw'], (r) => [
          r.origin.file,
          r.origin.line,
          r.reason,
          cutRaw(r.raw),
        ]);
        return EXIT.ok;
      }
      const attempts = await apiCall(() => api.imports.attempts());
      if (values.attempts) {
        if (values.json) process.stdout.write(JSON.stringify(attempts) + '\n');
        else process.stdout.write(attemptsTable(attempts));
        return EXIT.ok;
      }
      const list = await api.imports.list();
      if (values.json) {
        process.stdout.write(JSON.stringify(list) + '\n');
        return EXIT.ok;
      }
      process.stdout.write(
        table(
          ['#', 'file', 'finished (UTC)', 'zone', 'format', 'read', 'used', 'kept', 'rejected', 'calls', 'sha256'],
          list.map((r) => [
            r.id,
            r.fileName,
            (r.finishedAt ?? '').replace('T', ' ').slice(0, 19),
            r.timeZone,
            r.format,
            num(r.rowsRead),
            num(r.rowsUsed),
            num(r.rowsKept),
            num(r.rowsRejected),
            num(r.callsDerived),
            r.sha256.slice(0, 16),
          ]),
          new Set([0, 5, 6, 7, 8, 9]),
        ),
      );
      // Why each format was detected and the names the reader did not know: below the table (too long for a column).
      const notes = list
        .map((r) => (r.formatWhy || r.unknownNames?.length ? `#${r.id} ${r.fileName}${describeFormat(r, '  ')}` : null))
        .filter((n) => n !== null);
      if (notes.length) process.stdout.write(`${notes.join('\n')}\n`);
      process.stdout.write(
        `${list.length} import(s); used / kept as at the end of each import (later deliveries may supersede rows)\n`,
      );
      if (attempts.length)
        process.stdout.write(
          `\nFailed or cancelled import attempts (nothing of these files is in the archive):\n${attemptsTable(attempts)}`,
        );
      return EXIT.ok;
    } finally {
      archive.close();
    }
  },
};

/** The import number an option names; an import that is not there is said, not shown as one with no rows. */
async function existingImport(api: SqliteArchiveApi, value: string, option: string, db: string): Promise<number> {
  const importId = Number(value);
  if (!Number.isInteger(importId) || importId <= 0) throw new CliError(`${option} needs an import number`);
  if (!(await api.imports.list()).some((i) => i.id === importId))
    throw new CliError(`no import #${importId} in ${db} (callscope imports lists them)`, EXIT.failed);
  return importId;
}

/** A rejected row's raw text for the table: cut at 80 characters, and the cut said (…), never silent. */
const RAW_COLUMN = 80;
function cutRaw(raw: string): string {
  return raw.length > RAW_COLUMN ? `${raw.slice(0, RAW_COLUMN - 1)}…` : raw;
}

/** The attempts as a table: when, status, file, size, SHA-256 (start), reason. */
export function attemptsTable(attempts: readonly ImportAttempt[]): string {
  return table(
    ['time (UTC)', 'status', 'file', 'size', 'sha256', 'reason'],
    attempts.map((a) => [
      a.finishedAt.replace('T', ' ').slice(0, 19),
      a.status,
      a.fileName,
      num(a.fileSize),
      a.sha256 ? a.sha256.slice(0, 16) : '—',
      a.reason,
    ]),
    new Set([3]),
  );
}
