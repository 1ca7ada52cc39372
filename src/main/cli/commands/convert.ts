// `callscope convert <files...> [--tz Europe/Copenhagen]`: call-events exports
// (and companion tables, in any order) → one archive call per line as JSON on
// stdout, ordered by call start then callId; a summary on stderr. Companion tables
// are read first. When every file can be read again, each call is derived as its
// run of rows ends; else, or when a call comes back after its run ended, rows are
// grouped by call_id in a temporary SQLite file (./convert-pass.ts).
// Default zone Europe/Copenhagen: the platform's home zone (see docs/formats/call-events.md).
import type { RowOrigin } from '../../../shared/model/call-events';
import type { RowVerdict, VerdictCount } from '../../../shared/model/row-ledger';
import { deriveCall } from '../../../shared/engine/index';
import { makeClock } from '../../../shared/reader/export-parser';
import { openExportSource, ReaderError, type OpenedExport } from '../../readers/index';
import { openInput, type ByteSource, type OpenedInput } from '../../readers/byte-source';
import { openPlatformFallback } from '../../readers/platforms';
import { RunResumed } from '../../readers/call-runs';
import { CliError, parseCliArgs, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { convertPass, cpuMs, type Grouping, type LabelledExport, type PassResult, type Sink } from './convert-pass';

export const DEFAULT_TIME_ZONE = 'Europe/Copenhagen';

export interface ConvertSummary {
  read: number;
  callEventRows: number;
  companionRecords: number;
  used: number;
  kept: number;
  rejected: number;
  calls: number;
  seconds: number;
  /** CPU seconds of this process (user + system): fairer than wall time on a busy machine. */
  cpuSeconds: number;
  peakRssMb: number;
  /** Rows per (status, reason). */
  verdicts: VerdictCount[];
  /** How the calls' rows were grouped in the pass that printed them ('runs': no staging file). */
  grouping: Grouping;
  /** Call-events rows written to the staging file. */
  stagedRows: number;
  /** Why the 'runs' pass gave up and the staging file was used after all (null: it did not). */
  restarted: string | null;
}

export interface ConvertOptions {
  /** The engine (tests pass one that cannot derive a given call). */
  engine?: typeof deriveCall;
  /**
   * Sees every row's verdict as it is decided (tests compare them with the archive's). When the
   * 'runs' pass gives up, the staged pass reports every row again: a row's last verdict counts.
   */
  onVerdict?: (origin: RowOrigin, verdict: RowVerdict) => void;
  /** true: always the staging file (tests compare the two groupings). */
  stage?: boolean;
  /** Call ids the 'runs' grouping remembers (default RUN_WINDOW; tests use a small one). */
  runWindow?: number;
}

/** Bytes parsed at a time (a read chunk is 256 KB): see openExportSource's `pieceBytes`. */
const PIECE_BYTES = 16 * 1024;

/** A source to read, with the names its rows and messages give it. */
interface NamedSource {
  path: string;
  source: ByteSource;
  /** In row origins: a member is named by its ZIP and path; a plain file as given. */
  fileLabel: string;
  /** In messages. */
  label: string;
}

/**
 * A sink on a process stream, with `detach` to remove its error listener when the command ends:
 * commands run many times in one process (tests, and any host that calls `main`) must not pile
 * listeners on process.stdout / stderr (Node warns past ten).
 */
function streamSink(stream: NodeJS.WritableStream): Sink & { detach(): void } {
  let broken = false;
  const onError = () => {
    broken = true; // e.g. EPIPE when piped into `head`: stop writing, finish quietly
  };
  stream.on('error', onError);
  const write = (data: string | Uint8Array): Promise<void> =>
    broken || data.length === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => stream.write(data, () => resolve()));
  return { write, writeBytes: write, detach: () => stream.off('error', onError) };
}

/**
 * Opens every source's export (reading its header): an unreadable one stops the run before any
 * output. Companion tables come first, as the import reads them: every name, registration and
 * variable is known before a call is derived (the order within each group is kept).
 */
async function openExports(
  sources: AsyncIterable<NamedSource> | NamedSource[],
  timeZone: string,
): Promise<LabelledExport[]> {
  const opened: (LabelledExport & { companion: boolean })[] = [];
  try {
    for await (const { path, source, fileLabel, label } of sources) {
      const options = { timeZone, fileLabel, rowRaw: false, pieceBytes: PIECE_BYTES };
      // A file the call-events reader refuses may be another platform's export (Asterisk, Genesys, Connect).
      const ex: OpenedExport = await openExportSource(source, options).catch((e: unknown) =>
        openPlatformFallback(path, { ...options, source }, e),
      );
      opened.push({
        ex,
        label,
        companion: ex.description.table !== 'call_events',
        endsWithNewline: () => source.endsWithNewline(),
      });
    }
  } catch (e) {
    await Promise.all(opened.map((o) => o.ex.close()));
    if (e instanceof ReaderError) throw new CliError(e.message);
    throw e;
  }
  return [...opened.filter((o) => o.companion), ...opened.filter((o) => !o.companion)];
}

/**
 * The sources of `paths`, each opened as it comes (a ZIP is its members, each a file of its own;
 * gzip is unpacked on the fly; `-` is standard input; a pipe is a stream); kept in `inputs` (to
 * dispose) and `all` (to open again).
 */
async function* openSources(
  paths: string[],
  onNotice: (message: string) => void,
  inputs: OpenedInput[],
  all: NamedSource[],
): AsyncGenerator<NamedSource> {
  const given = new Set<string>();
  for (const path of paths) {
    // A file given twice is read once: its copies' rows would share file:line, and the second
    // copy's duplicates would mark the first's rows kept (import: the same file twice is a no-op).
    const key = samePathKey(path);
    if (given.has(key)) {
      onNotice(`${path}: given more than once; read once`);
      continue;
    }
    given.add(key);
    const input = await openInput(path, { onNotice });
    inputs.push(input);
    for (const source of input.sources) {
      const fileLabel = source.kind === 'zip-member' ? `${path}/${source.container?.member ?? source.name}` : path;
      const named = { path, source, fileLabel, label: fileLabel === '-' ? 'stdin' : fileLabel };
      all.push(named);
      yield named;
    }
  }
}

/** The file a path names (links and `./` resolved), to find one given twice; `-` is itself. */
function samePathKey(path: string): string {
  if (path === '-') return path;
  try {
    return realpathSync(path);
  } catch {
    return resolve(path); // missing or unreadable: openInput says why
  }
}

/**
 * Whether calls can be derived as their runs of rows end: call-events files, and every source can be
 * read again (the way back, when a call comes back after its run ended, reads them all again). The
 * files are read one after the other through one CallRuns: a call whose rows end one file and begin
 * the next is one run; a call in two files apart (a re-delivery, files given out of order) comes
 * back after its run ended, and the conversion goes through the stage.
 */
function runsCanGroup(sources: NamedSource[], exports: LabelledExport[]): boolean {
  const callEvents = exports.filter(
    ({ ex }) => ex.description.table === 'call_events' && ex.description.format.startsWith('call-events'),
  );
  return callEvents.length >= 1 && sources.every((s) => s.source.reopenable);
}

/** The conversion itself, for the command and the bench: returns the figures it printed. */
export async function convertFiles(
  paths: string[],
  timeZone: string,
  out: Sink,
  err: Sink,
  options: ConvertOptions = {},
): Promise<ConvertSummary> {
  const t0 = performance.now();
  const cpu0 = cpuMs();
  try {
    makeClock(timeZone);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const inputs: OpenedInput[] = [];
  const onNotice = (message: string) => void err.write(`${message}\n`);
  let result: PassResult;
  let restarted: string | null = null;
  try {
    const sources: NamedSource[] = [];
    const exports = await openExports(openSources(paths, onNotice, inputs, sources), timeZone);
    const grouping: Grouping = !options.stage && runsCanGroup(sources, exports) ? 'runs' : 'stage';
    const passOptions = {
      engine: options.engine ?? deriveCall,
      onVerdict: options.onVerdict,
      runWindow: options.runWindow,
    };
    try {
      result = await convertPass(exports, out, err, { ...passOptions, grouping });
    } catch (e) {
      if (!(e instanceof RunResumed)) throw e;
      // Nothing of the first pass was printed; its counts and verdicts are dropped with it.
      restarted = e.message;
      await err.write(`${e.message}: converting again through the staging file\n`);
      result = await convertPass(await openExports(sources, timeZone), out, err, { ...passOptions, grouping: 'stage' });
    }
  } finally {
    await Promise.all(inputs.map((i) => i.dispose()));
  }
  const { counts, ...rest } = result;
  const s: ConvertSummary = {
    ...counts,
    ...rest,
    restarted,
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: (cpuMs() - cpu0) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  const n = (v: number) => v.toLocaleString('en-US');
  // Records the reader kept or rejected as read (a kept table, a bad record) and other platforms'
  // records: named, so that the breakdown adds up to the rows read, as an auditor checks it.
  const other = s.read - s.callEventRows - s.companionRecords;
  await err.write(
    `rows read: ${n(s.read)} (call events ${n(s.callEventRows)}, companion records ${n(s.companionRecords)}` +
      `${other > 0 ? `, other records ${n(other)}` : ''})\n` +
      `used: ${n(s.used)}\nkept: ${n(s.kept)}\nrejected: ${n(s.rejected)}\ncalls derived: ${n(s.calls)}\n` +
      `time: ${s.seconds.toFixed(1)} s (${n(Math.round(s.read / Math.max(s.seconds, 1e-3)))} rows/s), ` +
      `CPU ${s.cpuSeconds.toFixed(1)} s (${n(Math.round(s.read / Math.max(s.cpuSeconds, 1e-3)))} rows per CPU-second), ` +
      `peak RSS ${Math.round(s.peakRssMb)} MB\n`,
  );
  return s;
}

export const convertCommand: Command = {
  usage: `convert <files...|-> [--tz ${DEFAULT_TIME_ZONE}]`,
  summary:
    'Reads call-events exports and companion tables (any order; .gz, .zip members, - for standard input, pipes), prints one archive call per line as JSON; summary on stderr.',
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, { tz: { type: 'string', default: DEFAULT_TIME_ZONE } });
    if (positionals.length === 0)
      throw new CliError('give at least one export file: convert <files...> [--tz Europe/Oslo]');
    if (positionals.filter((f) => f === '-').length > 1) throw new CliError('standard input (-) given more than once');
    const out = streamSink(process.stdout);
    const err = streamSink(process.stderr);
    try {
      await convertFiles(positionals, values.tz as string, out, err);
    } finally {
      out.detach();
      err.detach();
    }
    return EXIT.ok;
  },
};
