// `callscope convert <files...> [--tz Europe/Copenhagen]`: call-events exports
// (and companion tables, in any order) → one archive call per line as JSON on
// stdout, ordered by call start then callId; a summary on stderr. Rows are
// grouped by call_id across files in a temporary SQLite file (bounded memory).
// Default zone Europe/Copenhagen: the platform's home zone (see docs/formats/call-events.md).
import type { RowOrigin } from '../../../shared/model/call-events';
import { RowLedger, type RowVerdict, type VerdictCount } from '../../../shared/model/row-ledger';
import { deriveCall, toContractJson } from '../../../shared/engine/index';
import { makeClock } from '../../../shared/reader/export-parser';
import { CallStage } from '../../readers/call-stage';
import { openExportSource, ReaderError, type OpenedExport } from '../../readers/index';
import { openInput, type OpenedInput } from '../../readers/byte-source';
import { openPlatformFallback } from '../../readers/platforms';
import { fullGc } from '../../import/full-gc';
import type { DerivedCall } from '../../../shared/model/archive-call';
import { namePlatformQueues } from '../../../shared/formats';
import { CliError, parseCliArgs, type Command } from '../command';
import { EXIT } from '../exit-codes';

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
}

export interface ConvertOptions {
  /** The engine (tests pass one that cannot derive a given call). */
  engine?: typeof deriveCall;
  /** Sees every row's verdict as it is decided (tests compare them with the archive's). */
  onVerdict?: (origin: RowOrigin, verdict: RowVerdict) => void;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return Math.round((u.user + u.system) / 1000);
};

/**
 * A full garbage collection every GC_EVERY rows (./import/full-gc): keeps the peak RSS bounded
 * (goal < 300 MB) for ~3 % of the time.
 */
const GC_EVERY = 50_000;
/** While printing: a full collection every this many characters written (~GC_EVERY / 4 call lines). */
const OUT_GC_CHARS = 16 << 20;

interface Sink {
  write(text: string): Promise<void>;
  /** UTF-8 bytes as they are (the staged output); without it they are decoded and given to write. */
  writeBytes?(bytes: Uint8Array): Promise<void>;
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

/** The conversion itself, for the command and the bench: returns the figures it printed. */
// eslint-disable-next-line complexity, max-lines-per-function -- the convert pipeline and its summary in one readable sequence (the row accounting is RowLedger's)
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
  // Open every file first: an unreadable one stops the run before any output. A ZIP is its members
  // (each a file of its own); gzip is unpacked on the fly; `-` is standard input; a pipe is a stream.
  const opened: OpenedExport[] = [];
  const labels: string[] = [];
  const inputs: OpenedInput[] = [];
  const onNotice = (message: string) => void err.write(`${message}\n`);
  try {
    for (const path of paths) {
      const input = await openInput(path, { onNotice });
      inputs.push(input);
      for (const source of input.sources) {
        // A member is named by its ZIP and path; a plain file as given (its rows' origins say where they are).
        const fileLabel = source.kind === 'zip-member' ? `${path}/${source.container?.member ?? source.name}` : path;
        const options = { timeZone, fileLabel, rowRaw: false };
        // A file the call-events reader refuses may be another platform's export (Asterisk, Genesys, Connect).
        opened.push(
          await openExportSource(source, options).catch((e: unknown) =>
            openPlatformFallback(path, { ...options, source }, e),
          ),
        );
        labels.push(fileLabel === '-' ? 'stdin' : fileLabel);
      }
    }
  } catch (e) {
    await Promise.all(opened.map((o) => o.close()));
    await Promise.all(inputs.map((i) => i.dispose()));
    if (e instanceof ReaderError) throw new CliError(e.message);
    throw e;
  }
  const s: ConvertSummary = {
    read: 0,
    callEventRows: 0,
    companionRecords: 0,
    used: 0,
    kept: 0,
    rejected: 0,
    calls: 0,
    seconds: 0,
    cpuSeconds: 0,
    peakRssMb: 0,
    verdicts: [],
  };
  const stage = new CallStage();
  // Interrupted: still delete the temporary stage (exit code 130 as a shell would).
  const onSignal = () => {
    stage.close();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // Every row's used / kept / rejected, decided as the import decides it (src/shared/model/row-ledger.ts).
  const ledger = new RowLedger(stage.ledgerMemory(), options.onVerdict);
  const engine = options.engine ?? deriveCall;
  const platformCalls: DerivedCall[] = [];
  const gc = fullGc();
  let sinceGc = 0;
  let errText = '';
  const flushErr = async () => {
    await err.write(errText);
    errText = '';
  };
  try {
    for (const ex of opened) {
      const d = ex.description;
      errText += `${labels[opened.indexOf(ex)]}: ${d.tableName ?? d.table} (${d.format}, ${d.encoding}${d.delimiter ? `, ${JSON.stringify(d.delimiter)}` : ''})\n`;
      try {
        for await (const batch of ex.batches) {
          for (const item of batch) {
            const verdict = ledger.visit(item);
            switch (item.kind) {
              case 'row':
                s.callEventRows++;
                stage.addRow(item.row);
                break;
              case 'agent':
                stage.agents.set(item.agentId, item.name);
                s.companionRecords++;
                break;
              case 'queue':
                stage.queues.set(item.queueKey, item.name);
                s.companionRecords++;
                break;
              case 'menu':
                stage.menus.set(item.menuId, item.name);
                s.companionRecords++;
                break;
              case 'registration':
                // A registration already given is kept, not given to the engine twice (as in the archive).
                if (verdict?.status === 'used') stage.addRegistration(item.registration);
                s.companionRecords++;
                break;
              case 'variable':
                stage.addVariable(item.callId, item.name, item.value);
                s.companionRecords++;
                break;
              case 'kept':
                break;
              case 'rejected':
                errText += `${item.rejected.origin.file}:${item.rejected.origin.line}: ${item.rejected.reason}\n`;
                break;
              case 'call':
                // A call another platform's importer derived whole (records waiting for another file are kept).
                if (item.pending === undefined) platformCalls.push(item.derived);
                break;
            }
          }
          if (errText.length > 65536) await flushErr();
          sinceGc += batch.length;
          if (sinceGc >= GC_EVERY) {
            sinceGc = 0;
            gc();
          }
        }
      } catch (e) {
        if (e instanceof ReaderError) throw new CliError(e.message);
        throw e;
      }
    }
    await flushErr();
    const tRead = cpuMs();
    stage.seal();
    const tSeal = cpuMs();
    const companions = stage.companions();
    for (const rows of stage.calls()) {
      const origins = rows.map((r) => r.origin);
      let derived;
      try {
        derived = engine(rows, companions);
      } catch (e) {
        // Read, but not derivable: kept with the reason, as the archive keeps them (not rejected).
        const reason = ledger.callNotDerived(origins, e);
        for (const o of origins) errText += `${o.file}:${o.line}: kept: ${reason}\n`;
        if (errText.length > 65536) await flushErr();
        continue;
      }
      s.calls++;
      sinceGc += rows.length;
      if (sinceGc >= GC_EVERY) {
        sinceGc = 0;
        gc();
        await new Promise(setImmediate); // let a Ctrl-C through (the handler removes the stage)
      }
      ledger.call(derived, origins);
      stage.addOutput(Date.parse(derived.call.start), derived.call.callId, toContractJson(derived.call));
    }
    // Named once every file is read: a queues table given after its queue_log names its calls too.
    const queueName = (key: string): string | null => stage.queues.get(key) ?? null;
    for (const derived of platformCalls) {
      const call = namePlatformQueues(derived, queueName).call;
      s.calls++;
      stage.addOutput(Date.parse(call.start), call.callId, toContractJson(call));
    }
    Object.assign(s, ledger.counts());
    s.verdicts = ledger.verdictCounts();
    await flushErr();
    const tDerive = cpuMs();
    let outText = '';
    let sinceOutGc = 0;
    for (const piece of stage.outputText()) {
      if (typeof piece !== 'string' && out.writeBytes) {
        await out.write(outText);
        outText = '';
        sinceOutGc += piece.length;
        await out.writeBytes(piece);
      } else outText += piece.toString();
      if (outText.length > 1 << 20) {
        sinceOutGc += outText.length;
        await out.write(outText);
        outText = '';
      }
      if (sinceOutGc >= OUT_GC_CHARS) {
        sinceOutGc = 0;
        gc();
      }
    }
    await out.write(outText);
    // CPU ms per phase, for tuning.
    if (process.env.CALLSCOPE_TIMINGS)
      console.error({
        read: tRead - cpu0,
        seal: tSeal - tRead,
        derive: tDerive - tSeal,
        out: cpuMs() - tDerive,
        outputSorted: !stage.outputWasOrdered,
      });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stage.close();
    await Promise.all(opened.map((o) => o.close()));
    await Promise.all(inputs.map((i) => i.dispose()));
  }
  s.seconds = (performance.now() - t0) / 1000;
  s.cpuSeconds = (cpuMs() - cpu0) / 1000;
  s.peakRssMb = process.resourceUsage().maxRSS / 1024;
  const n = (v: number) => v.toLocaleString('en-US');
  await err.write(
    `rows read: ${n(s.read)} (call events ${n(s.callEventRows)}, companion records ${n(s.companionRecords)})\n` +
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
