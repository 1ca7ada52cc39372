// `callscope import <files...> --db <path> [--tz Europe/Copenhagen]`: imports
// exports into an archive (created when missing), in a worker thread; each file
// all or nothing. A progress bar on a terminal, a summary per file at the end.
// Exit 0 when every file was imported (or already was), 1 when any failed.
import type { ImportRecord } from '../../../shared/api/archive-api';
import { describeUnknownNames } from '../../../shared/formats';
import { importFiles, type ImportTotals } from '../../import/run-import';
import type { UpgradeProgress } from '../../store/schema';
import { accessSync, constants, statSync } from 'node:fs';
import { fsReason } from '../../store/errors';
import { CliError, parseCliArgs, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { checkZone, DB_OPTION, num, openForCli, requireDb } from './archive-common';
import { firstLine } from '../../../shared/text/first-line';

const DEFAULT_TZ = 'Europe/Copenhagen';

function bar(t: ImportTotals): string {
  const frac = t.bytesTotal > 0 ? Math.min(1, t.bytesRead / t.bytesTotal) : 0;
  const width = 24;
  const filled = Math.round(frac * width);
  const eta = t.etaSec === null ? '' : ` ETA ${Math.ceil(t.etaSec)}s`;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  file ${t.fileIndex + 1}/${t.fileCount}  ${num(t.rows)} rows  ${num(t.calls)} calls${eta}`;
}

/** The report's detail lines of an import: the format and why it was detected, unknown names kept and counted. */
export function describeFormat(r: ImportRecord, indent = '     '): string {
  const lines: string[] = [];
  if (r.format) lines.push(`${indent}format ${r.format}${r.formatWhy ? `: ${r.formatWhy}` : ''}`);
  const c = r.container;
  if (c)
    lines.push(
      `${indent}read from the ${c.kind === 'zip' ? 'ZIP' : 'gzip file'} ${c.name} (sha256 ${c.sha256}, ${num(c.size)} bytes)` +
        `, member ${c.member} (sha256 ${r.sha256}, ${num(r.fileSize)} bytes)`,
    );
  const unknown = describeUnknownNames(r.unknownNames);
  if (unknown) lines.push(`${indent}${unknown} in the raw rows, counted, not drawn`);
  // The count alone left the user to find where the rejected rows are listed.
  if (r.rowsRejected > 0)
    lines.push(
      `${indent}the rejected rows, each with its line and reason: callscope imports --rejected ${r.id} --db <archive>`,
    );
  return lines.map((l) => `\n${l}`).join('');
}

export function describeRecord(r: ImportRecord): string {
  switch (r.status) {
    case 'done':
      return (
        `imported ${r.fileName} as import #${r.id}: ${num(r.rowsRead)} rows read = ${num(r.rowsUsed)} used + ` +
        `${num(r.rowsKept)} kept + ${num(r.rowsRejected)} rejected; ${num(r.callsDerived)} call${r.callsDerived === 1 ? '' : 's'} derived` +
        describeFormat(r)
      );
    case 'duplicate':
      return r.message ?? `${r.fileName}: already imported`;
    default:
      return r.message ?? `${r.fileName}: ${r.status}`;
  }
}

/** The progress line of an older archive's upgrade (opened for writing before the import). */
export function upgradeLine(tty: boolean): (p: UpgradeProgress) => void {
  let lastDraw = 0;
  return (p) => {
    if (p.phase === 'compacting') {
      process.stderr.write(`upgrading the archive to schema ${p.toVersion}: compacting the file…\n`);
      return;
    }
    const end = p.done === p.total;
    if (!end && (!tty || Date.now() - lastDraw < 100)) return;
    lastDraw = Date.now();
    const pct = p.total === 0 ? 100 : Math.floor((100 * p.done) / p.total);
    const line = `upgrading the archive to schema ${p.toVersion}: ${pct} % (${num(p.done)} of ${num(p.total)} stored rows)`;
    process.stderr.write(tty ? `\r${line}\x1b[K${end ? '\n' : ''}` : `${line}\n`);
  };
}

export const importCommand: Command = {
  usage: 'import <files...|-> --db <path> [--tz Europe/Copenhagen]',
  summary:
    'Imports call-events exports (and companion tables) or Asterisk / Genesys Cloud / Amazon Connect exports into an archive; .gz and .zip (each member a file) are read without unpacking, `-` is standard input, a FIFO or <(zcat …) is read as a stream; each file all or nothing; the same file twice is a no-op.',
  async run(argv, host = {}) {
    const { values, positionals } = parseCliArgs(argv, { ...DB_OPTION, tz: { type: 'string', default: DEFAULT_TZ } });
    const db = requireDb(values.db);
    checkZone(values.tz);
    if (positionals.length === 0) throw new CliError('no files given: callscope import <files...> --db <path>');
    for (const file of positionals) if (file !== '-') assertReadable(file);
    if (positionals.filter((f) => f === '-').length > 1)
      throw new CliError('standard input (-) given more than once; nothing was imported', EXIT.usage);
    const tty = Boolean(process.stderr.isTTY);
    const archive = openForCli(db, { create: true, onUpgrade: upgradeLine(tty) });
    archive.close();
    const abort = new AbortController();
    const onSigint = () => {
      process.stderr.write('\ncancelling: the file in progress is rolled back…\n');
      abort.abort();
    };
    process.once('SIGINT', onSigint);
    let lastDraw = 0;
    let records: ImportRecord[];
    const reported = new Set<number>();
    try {
      records = await importFiles(db, positionals, {
        timeZone: values.tz as string,
        signal: abort.signal,
        worker: host.worker,
        onProgress: (t) => {
          if (!tty || Date.now() - lastDraw < 100) return;
          lastDraw = Date.now();
          process.stderr.write(`\r${bar(t)}\x1b[K`);
        },
        onNotice: (message) => process.stderr.write(`${tty ? '\r\x1b[K' : ''}${message}\n`),
        onFile: (r, fileIndex) => {
          reported.add(fileIndex);
          if (tty) process.stderr.write('\r\x1b[K');
          process.stderr.write(
            `${r.status === 'done' || r.status === 'duplicate' ? 'ok  ' : 'FAIL'} ${describeRecord(r)}\n`,
          );
        },
      });
    } catch (err) {
      throw new CliError((err as Error).message, EXIT.failed);
    } finally {
      process.off('SIGINT', onSigint);
    }
    const done = records.filter((r) => r.status === 'done');
    const dup = records.filter((r) => r.status === 'duplicate').length;
    // A ZIP gives a record per member; a file never started (cancelled) gives none.
    const failed = records.length - done.length - dup + (positionals.length - reported.size);
    const rows = done.reduce((a, r) => a + r.rowsRead, 0);
    const calls = done.reduce((a, r) => a + r.callsDerived, 0);
    process.stderr.write(
      `${num(done.length)} file(s) imported (${num(rows)} rows, ${num(calls)} calls derived), ${dup} already imported, ${failed} failed or not imported — archive ${db}\n`,
    );
    return failed > 0 ? EXIT.failed : EXIT.ok;
  },
};

/** An input file that cannot be read at all is a usage error (exit 2), found before anything is imported. */
function assertReadable(file: string): void {
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    accessSync(file, constants.R_OK);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${fsReason(err) ?? firstLine(err)}; nothing was imported`, EXIT.usage);
  }
}
