// One pass of `callscope convert` over exports already opened, in the order they are to be read
// (companion tables first: ./convert.ts). Two ways to group a call's rows:
// - 'stage': every call-events row is staged in a temporary SQLite file (../../readers/call-stage)
//   and read back grouped by call_id once every file is read: right whatever the order of the rows.
// - 'runs': each call is derived as soon as its run of rows ends (../../readers/call-runs), with no
//   row staged; for call-events files whose companions were read before them. A call that may
//   have come back after its run ended throws RunResumed: the caller runs the 'stage' pass instead.
//   Nothing of this pass is printed before its end (the output waits in OrderedOutput anyway, the
//   messages in HeldText), so what it did is simply dropped.
import type { CallEventRow, CompanionLookup, RowOrigin } from '../../../shared/model/call-events';
import { RowLedger, type RowVerdict, type VerdictCount } from '../../../shared/model/row-ledger';
import type { RowCounts } from '../../../shared/model/row-accounting';
import { toContractJson, type deriveCall } from '../../../shared/engine/index';
import type { DerivedCall } from '../../../shared/model/archive-call';
import type { ReaderItem } from '../../../shared/reader/types';
import { namePlatformQueues } from '../../../shared/formats';
import { CallStage } from '../../readers/call-stage';
import { CallRuns } from '../../readers/call-runs';
import { ReaderError, type OpenedExport } from '../../readers/index';
import { fullGc } from '../../import/full-gc';
import { HeldText } from '../held-text';
import { CliError } from '../command';
import { EXIT } from '../exit-codes';
import { truncatedFile } from '../../readers/truncated';

export type Grouping = 'runs' | 'stage';

export interface Sink {
  write(text: string): Promise<void>;
  /** UTF-8 bytes as they are (the staged output); without it they are decoded and given to write. */
  writeBytes?(bytes: Uint8Array): Promise<void>;
}

/** An opened export and the name its messages give it. */
export interface LabelledExport {
  ex: OpenedExport;
  label: string;
  /** Whether the source read to its end ends with a line break (null: not known): a cut file is refused. */
  endsWithNewline?: () => boolean | null;
}

export interface PassOptions {
  grouping: Grouping;
  engine: typeof deriveCall;
  onVerdict?: (origin: RowOrigin, verdict: RowVerdict) => void;
  /** Call ids remembered by the 'runs' grouping (../../readers/call-runs). */
  runWindow?: number;
}

export interface PassResult {
  grouping: Grouping;
  counts: RowCounts;
  verdicts: VerdictCount[];
  callEventRows: number;
  companionRecords: number;
  calls: number;
  /** Call-events rows written to the staging file (0 for 'runs'). */
  stagedRows: number;
}

/**
 * A full garbage collection every GC_EVERY rows (../../import/full-gc): keeps the peak RSS bounded
 * (goal < 300 MB) for ~3 % of the time.
 */
const GC_EVERY = 50_000;
/** While printing: a full collection every this many characters written (~GC_EVERY / 4 call lines). */
const OUT_GC_CHARS = 16 << 20;
/** Messages are written in pieces of about this many characters. */
const ERR_CHUNK = 65536;

/** This process's CPU time so far (user + system), in ms. */
export const cpuMs = (): number => {
  const u = process.cpuUsage();
  return Math.round((u.user + u.system) / 1000);
};

/** Reads `exports` (closing them), derives and prints the calls. Throws RunResumed when 'runs' gives up. */
export async function convertPass(
  exports: LabelledExport[],
  out: Sink,
  err: Sink,
  options: PassOptions,
): Promise<PassResult> {
  const stage = new CallStage();
  // Interrupted: still delete the temporary stage (exit code 130 as a shell would).
  const onSignal = () => {
    stage.close();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const pass = new Pass(stage, out, err, options);
  try {
    return await pass.run(exports);
  } finally {
    pass.discard();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stage.close();
    await Promise.all(exports.map((e) => e.ex.close()));
  }
}

class Pass {
  private readonly ledger: RowLedger;
  private readonly runs: CallRuns | null;
  /** 'runs': the messages, until the pass is sure to finish. */
  private readonly held: HeldText | null;
  private companions: CompanionLookup | null = null;
  private readonly platformCalls: DerivedCall[] = [];
  private readonly gc = fullGc();
  private sinceGc = 0;
  private errText = '';
  private callEventRows = 0;
  private companionRecords = 0;
  private calls = 0;

  constructor(
    private readonly stage: CallStage,
    private readonly out: Sink,
    private readonly err: Sink,
    private readonly options: PassOptions,
  ) {
    // Every row's used / kept / rejected, decided as the import decides it (src/shared/model/row-ledger.ts).
    this.ledger = new RowLedger(stage.ledgerMemory(), options.onVerdict);
    this.runs = options.grouping === 'runs' ? new CallRuns(options.runWindow) : null;
    this.held = this.runs ? new HeldText(stage.tempPath('messages.txt')) : null;
  }

  async run(exports: LabelledExport[]): Promise<PassResult> {
    const cpu0 = cpuMs();
    for (const e of exports) {
      // 'runs': the companions were read first (../convert.ts); the stage's side tables are complete.
      if (this.runs && this.companions === null && e.ex.description.table === 'call_events') this.sealStage();
      await this.read(e);
    }
    const ended = this.runs?.end();
    if (ended) this.derive(ended);
    await this.flushErr();
    const tRead = cpuMs();
    if (this.companions === null) this.sealStage();
    const tSeal = cpuMs();
    if (!this.runs) await this.deriveStaged();
    this.addPlatformCalls();
    await this.flushErr();
    await this.held?.release(this.err);
    const tDerive = cpuMs();
    await this.print();
    // CPU ms per phase, for tuning ('runs' derives while reading).
    if (process.env.CALLSCOPE_TIMINGS)
      console.error({
        grouping: this.options.grouping,
        read: tRead - cpu0,
        seal: tSeal - tRead,
        derive: tDerive - tSeal,
        out: cpuMs() - tDerive,
        outputSorted: !this.stage.outputWasOrdered,
      });
    return {
      grouping: this.options.grouping,
      counts: this.ledger.counts(),
      verdicts: this.ledger.verdictCounts(),
      callEventRows: this.callEventRows,
      companionRecords: this.companionRecords,
      calls: this.calls,
      stagedRows: this.stage.stagedRows,
    };
  }

  /** Drops the messages still held (a 'runs' pass that gave up). */
  discard(): void {
    this.held?.discard();
  }

  private sealStage(): void {
    this.stage.seal();
    this.companions = this.stage.companions();
  }

  private async read({ ex, label, endsWithNewline }: LabelledExport): Promise<void> {
    const d = ex.description;
    this.errText += `${label}: ${d.tableName ?? d.table} (${d.format}, ${d.encoding}${d.delimiter ? `, ${JSON.stringify(d.delimiter)}` : ''})\n`;
    try {
      let last: ReaderItem | undefined;
      for await (const batch of ex.batches) {
        for (const item of batch) this.visit(item);
        if (batch.length) last = batch[batch.length - 1];
        if (this.errText.length > ERR_CHUNK) await this.flushErr();
        this.sinceGc += batch.length;
        if (this.sinceGc >= GC_EVERY) {
          this.sinceGc = 0;
          this.gc();
        }
      }
      if (d.encodingNote) this.errText += `${label}: ${d.encodingNote}\n`;
      // As `import` refuses it: a cut file's calls would come out wrong (answered in the missing rows).
      const cut = truncatedFile(label, last, endsWithNewline?.() ?? null);
      if (cut) throw new CliError(`${cut}; nothing was converted`, EXIT.failed);
    } catch (e) {
      if (e instanceof ReaderError) throw new CliError(e.message);
      throw e;
    }
  }

  private visit(item: ReaderItem): void {
    const verdict = this.ledger.visit(item);
    const stage = this.stage;
    switch (item.kind) {
      case 'row': {
        this.callEventRows++;
        if (this.runs === null) stage.addRow(item.row);
        else {
          const ended = this.runs.add(item.row);
          if (ended) this.derive(ended);
        }
        return;
      }
      case 'agent':
        stage.agents.set(item.agentId, item.name);
        break;
      case 'queue':
        stage.queues.set(item.queueKey, item.name);
        break;
      case 'menu':
        stage.menus.set(item.menuId, item.name);
        break;
      case 'registration':
        // A registration already given is kept, not given to the engine twice (as in the archive).
        if (verdict?.status === 'used') stage.addRegistration(item.registration);
        break;
      case 'variable':
        stage.addVariable(item.callId, item.name, item.value);
        break;
      case 'kept':
        return;
      case 'rejected':
        this.errText += `${item.rejected.origin.file}:${item.rejected.origin.line}: ${item.rejected.reason}\n`;
        return;
      case 'call':
        // A call another platform's importer derived whole (records waiting for another file are kept).
        if (item.pending === undefined) this.platformCalls.push(item.derived);
        return;
    }
    this.companionRecords++;
  }

  /** The calls in the staging file, in call_id order. */
  private async deriveStaged(): Promise<void> {
    for (const rows of this.stage.calls()) {
      this.derive(rows);
      if (this.errText.length > ERR_CHUNK) await this.flushErr();
      this.sinceGc += rows.length;
      if (this.sinceGc >= GC_EVERY) {
        this.sinceGc = 0;
        this.gc();
        await new Promise(setImmediate); // let a Ctrl-C through (the handler removes the stage)
      }
    }
  }

  /** One call's rows → its output line, and its rows' verdicts. */
  private derive(rows: CallEventRow[]): void {
    const origins = rows.map((r) => r.origin);
    let derived;
    try {
      derived = this.options.engine(rows, this.companions as CompanionLookup);
    } catch (e) {
      // Read, but not derivable: kept with the reason, as the archive keeps them (not rejected).
      const reason = this.ledger.callNotDerived(origins, e);
      for (const o of origins) this.errText += `${o.file}:${o.line}: kept: ${reason}\n`;
      return;
    }
    this.calls++;
    this.ledger.call(derived, origins);
    this.stage.addOutput(Date.parse(derived.call.start), derived.call.callId, toContractJson(derived.call));
  }

  private addPlatformCalls(): void {
    // Named once every file is read: a queues table given after its queue_log names its calls too.
    const queueName = (key: string): string | null => this.stage.queues.get(key) ?? null;
    for (const derived of this.platformCalls) {
      const call = namePlatformQueues(derived, queueName).call;
      this.calls++;
      this.stage.addOutput(Date.parse(call.start), call.callId, toContractJson(call));
    }
  }

  private async flushErr(): Promise<void> {
    await (this.held ?? this.err).write(this.errText);
    this.errText = '';
  }

  /** The output lines in (start, callId) order. */
  private async print(): Promise<void> {
    const out = this.out;
    let outText = '';
    let sinceOutGc = 0;
    for (const piece of this.stage.outputText()) {
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
        this.gc();
      }
    }
    await out.write(outText);
  }
}
