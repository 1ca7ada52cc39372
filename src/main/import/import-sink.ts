// Receives the ReaderItems of one file inside the file's transaction and runs the import's stages
// on them: every record is stored (RawRowStore: raw rows, rejected rows, digests), companion records
// update their tables (CompanionRecords), and every affected call is derived again from ALL its
// stored rows (earlier imports included), chunk by chunk so memory stays bounded however big the
// file is. `completeness` is the one place that decides whether a call has all its rows in memory.
import { deriveCall } from '../../shared/engine/index';
import type { CallEventRow, CompanionLookup } from '../../shared/model/call-events';
import type { ReaderItem } from '../../shared/reader/types';
import type { Db } from '../store/native';
import { prepareOwn, sql, value } from '../store/sql';
import { CallWriter, type StoredRowRef } from './call-writer';
import { CallJobsBuilder, deriveOne, type CallJobs, type CallResult } from './derive-job';
import { DerivePool, type DeriveWorkerEntry } from './derive-worker';
import type { SinkItem } from './parse-worker';
import { PlatformCallSink } from './platform-call-sink';
import { CompanionRecords } from './companion-records';
import { RawRowStore } from './raw-row-store';
import { CallRowLoader, decodeNorm, encodeNorm, StoredRowInterpreter } from './row-codec';
import { rawCallIsParam } from '../store/raw-call-key';
import { SeenCalls } from './seen-calls';

interface PendingRow {
  id: number;
  origin: CallEventRow['origin'];
  /** encodeNorm(row): what the derive worker gets (null while deriving in this thread). */
  norm: string | null;
  /** The row itself while deriving in this thread (with a derive worker, only norm is kept: less memory). */
  row: CallEventRow | null;
  /** Its index among the file's call-event rows. */
  seq: number;
}

/** A pending row's row: kept as it is, or decoded from its norm (with a derive worker). */
function rowOf(p: PendingRow): CallEventRow {
  if (p.row !== null) return p.row;
  if (p.norm === null) throw new Error(`row ${p.id} is pending with neither its row nor its norm`);
  return decodeNorm(p.norm, p.origin);
}

/** A pending row's norm: what a derive worker gets. */
function normOf(p: PendingRow): string {
  if (p.norm !== null) return p.norm;
  if (p.row === null) throw new Error(`row ${p.id} is pending with neither its row nor its norm`);
  return encodeNorm(p.row);
}

const HOLDS_CALL_EVENT_ROWS = sql<number>("SELECT 1 FROM raw_rows WHERE tbl = 'call_events' ORDER BY id DESC LIMIT 1");

/** How the sink derives calls: in this thread, or in a derive worker while this thread reads on. */
export interface SinkOptions {
  /** Call-event rows per derivation chunk (memory bound). */
  chunkRows?: number;
  /** The engine (tests may pass another; a custom engine always runs in this thread). */
  derive?: DeriveFn;
  /** Where to start derive workers from; without it every call is derived in this thread. */
  deriveWorker?: DeriveWorkerEntry;
  /** How many derive workers (the pool's size; default 1). */
  deriveWorkers?: number;
  /** Compress the raw-value blocks in a worker of their own (RawRowStoreOptions). */
  compressBlocksElsewhere?: boolean;
  /**
   * The rows come from the project's reader, whose record interpreter gives the same row again
   * from the stored values (ExportSource.reinterpretable): their normalised row is not stored.
   */
  reinterpretable?: boolean;
  /** The import's time zone (re-interpreting rows); required with reinterpretable. */
  timeZone?: string;
  /** Tests: ask the archive for every call's row count, even where SeenCalls could answer (./seen-calls). */
  countEveryCall?: boolean;
}

/** Calls with a row among the last chunkRows / CARRY_TAIL rows of a chunk are held over to the next one… */
const CARRY_TAIL = 10;
/** …at most this many chunks in a row (a call whose rows keep coming is derived, and derived again later). */
const CARRY_MAX = 2;
/** Calls derived again at the end of a file (companion changes) are written this many at a time. */
const CALLS_PER_WRITE = 2000;

export type DeriveFn = typeof deriveCall;

export class ImportSink {
  callsDerived = 0;
  /** The file's raw and rejected rows, their counts and digests. */
  readonly raw: RawRowStore;
  private chunk = new Map<string, PendingRow[]>();
  private chunkRows = 0;
  private rowSeq = 0;
  /** Calls held over to the next chunk, and how many times in a row. */
  private carried = new Map<string, number>();
  private readonly chunkLimit: number;
  private readonly deriveFn: DeriveFn;
  private readonly workerEntry: DeriveWorkerEntry | undefined;
  private worker: DerivePool | null = null;
  private readonly poolSize: number;
  /** Jobs posted to the worker, oldest first; their results are written in this order. */
  private readonly inFlight: Promise<CallResult[]>[] = [];
  private jobSeq = 0;
  private readonly companions: CompanionRecords;
  readonly writer: CallWriter;
  private readonly platformCalls: PlatformCallSink;
  private readonly loader: CallRowLoader;
  private readonly countCallRows;
  /**
   * The calls this file has handed to derivation, when the archive held no call-events row before the
   * file: a call not among them has no stored row but those in memory (./seen-calls). Else null.
   */
  private readonly seenCalls: SeenCalls | null;

  constructor(
    db: Db,
    readonly importId: number,
    fileLabel: string,
    options: SinkOptions = {},
  ) {
    this.chunkLimit = options.chunkRows ?? 7_500;
    this.deriveFn = options.derive ?? deriveCall;
    // A custom engine cannot cross to another thread.
    this.workerEntry = options.derive === undefined ? options.deriveWorker : undefined;
    this.poolSize = Math.max(1, Math.floor(options.deriveWorkers ?? 1));
    const interpreter = new StoredRowInterpreter(db);
    this.raw = new RawRowStore(db, importId, fileLabel, interpreter, options);
    this.companions = new CompanionRecords(db, this.raw);
    this.loader = new CallRowLoader(db, interpreter);
    this.writer = new CallWriter(db, importId, { deferFts: true });
    this.countCallRows = prepareOwn(
      db,
      sql<number, [callId: string]>(
        `SELECT count(*) FROM raw_rows r WHERE ${rawCallIsParam(db, 'r')} AND r.tbl = 'call_events'`,
      ),
      'pluck',
    );
    // From the newest row back: an archive's last import is mostly a call-events file, found at once.
    const heldCallRows = value(db, HOLDS_CALL_EVENT_ROWS) !== undefined;
    this.seenCalls = options.countEveryCall === true || heldCallRows ? null : new SeenCalls();
    this.platformCalls = new PlatformCallSink(db, {
      importId,
      writer: this.writer,
      insertRaw: (line, callId, raw, queueKey) => this.raw.insert(line, 'call', callId, raw, { queueKey }),
      queueName: (key) => this.companions.lookup.queueName(key),
      setStatus: (id, status, reason) => this.raw.setStatus(id, status, reason),
      supersededBy: (id) => this.raw.supersededBy(id),
    });
  }

  /** Records read so far: stored and rejected (progress). */
  get rows(): number {
    return this.raw.read;
  }

  /** Stores the items; when a chunk is full, derives it (a promise while waiting for the derive worker). */
  add(items: readonly SinkItem[]): void | Promise<void> {
    for (const item of items) {
      if (item.kind === 'packed-rows')
        // Call-events rows packed by the parse worker: stored as a 'row' item is, without its objects.
        // Without derive workers the row object is made when the call is derived (decodeNorm).
        this.raw.insertPacked(item, (id, callId, line, norm) =>
          this.pend(callId, id, { file: item.file, line }, norm, null),
        );
      else this.addOne(item);
    }
    if (this.chunkRows >= this.chunkLimit) {
      // A file of more than one chunk: derive in a second thread while this one reads on.
      if (this.worker === null && this.workerEntry !== undefined)
        this.worker = new DerivePool(this.workerEntry, this.poolSize);
      return this.flush(false);
    }
  }

  /** Stops the derive workers (after the file's transaction ended either way). */
  close(): void {
    this.worker?.close();
    this.worker = null;
    this.raw.close();
  }

  /** The rows digest, closed with the column lists of the layouts its rows use. */
  finishDigest(): string {
    return this.raw.finishDigest();
  }

  /** A stored call-events row joins its call's rows of the chunk. */
  private pend(
    callId: string,
    id: number,
    origin: CallEventRow['origin'],
    norm: string | null,
    row: CallEventRow | null,
  ): void {
    let list = this.chunk.get(callId);
    if (!list) this.chunk.set(callId, (list = []));
    list.push({ id, origin, norm, row, seq: this.rowSeq++ });
    this.chunkRows++;
  }

  private addOne(item: ReaderItem): void {
    switch (item.kind) {
      case 'row': {
        const id = this.raw.insert(item.row.origin.line, 'call_events', item.row.callId, item.raw, {
          agentId: item.row.agentId,
          queueKey: item.row.queueKey,
          menuKey: item.row.menuKey ?? item.row.menuName,
          row: item.row,
        });
        const inThisThread = this.worker === null;
        this.pend(
          item.row.callId,
          id,
          item.row.origin,
          inThisThread ? null : encodeNorm(item.row),
          inThisThread ? item.row : null,
        );
        return;
      }
      case 'agent':
      case 'queue':
      case 'menu':
      case 'registration':
      case 'variable':
        return this.companions.add(item);
      case 'kept':
        this.raw.insert(item.origin.line, item.table, null, item.raw, { status: 'kept', reason: item.reason });
        return;
      case 'rejected':
        return this.raw.reject(item.rejected);
      case 'call':
        this.callsDerived += this.platformCalls.add(item);
        return;
    }
  }

  /**
   * Derives every call of the current chunk again from all its stored rows.
   * Not at the end of the file, calls that had a row among the chunk's last
   * rows are held over to the next chunk (at most CARRY_MAX times): their next
   * rows are likely in it, and a call derived again costs a free-text delete,
   * which flushes FTS5's pending inserts (tens to hundreds of ms in a big archive).
   */
  flush(final = true): void | Promise<void> {
    if (this.chunk.size === 0) return;
    this.companions.refreshIfNamesChanged();
    const chunk = this.chunk;
    this.chunk = new Map();
    this.chunkRows = 0;
    const carried = new Map<string, number>();
    if (!final) {
      const recent = this.rowSeq - Math.ceil(this.chunkLimit / CARRY_TAIL);
      for (const [callId, pending] of chunk) {
        const times = this.carried.get(callId) ?? 0;
        if (times >= CARRY_MAX || (pending[pending.length - 1] as PendingRow).seq < recent) continue;
        chunk.delete(callId);
        this.chunk.set(callId, pending);
        this.chunkRows += pending.length;
        carried.set(callId, times + 1);
      }
    }
    this.carried = carried;
    if (this.worker !== null) return this.submit(this.chunkJobs(chunk));
    const results: CallResult[] = [];
    const companions = this.companions.lookup.forCalls([...chunk.keys()]);
    for (const [callId, pending] of this.completeness(chunk)) {
      if (pending !== null) {
        const refs = pending.map((p): StoredRowRef => ({ id: p.id, origin: p.origin, status: 'used', reason: null }));
        const rows = pending.map(rowOf);
        results.push(this.derive(callId, rows, refs, companions, true));
      } else {
        const r = this.deriveFromStore(callId, companions);
        if (r) results.push(r);
      }
    }
    this.callsDerived += this.writer.storeAll(results);
  }

  /**
   * The one place that decides whether a call of a chunk has all its rows in memory: its rows
   * in the chunk (derive from them, it is a new call), or null when the archive holds more
   * of its rows (an earlier chunk, an earlier import): derive it from all of them, read back.
   */
  private *completeness(chunk: Map<string, PendingRow[]>): Generator<[string, PendingRow[] | null]> {
    const seen = this.seenCalls;
    for (const [callId, pending] of chunk) {
      // A call this file never handed on, in an archive that held no call-events row before the file:
      // the rows in memory are all its rows (no count needed).
      const total = seen !== null && !seen.mightHave(callId) ? pending.length : this.countCallRows.get(callId);
      seen?.add(callId);
      yield [callId, total === pending.length ? pending : null];
    }
  }

  /** The worker's jobs for a chunk: rows in memory when they are all of the call, else read back. */
  private chunkJobs(chunk: Map<string, PendingRow[]>): CallJobs {
    const jobs = new CallJobsBuilder();
    for (const [callId, pending] of this.completeness(chunk)) {
      if (pending === null) {
        this.loadJob(callId, jobs);
        continue;
      }
      jobs.call(callId, true, false);
      for (const p of pending) jobs.row(p.id, normOf(p), p.origin.file, p.origin.line, 'used', null);
    }
    return jobs.build();
  }

  /** A call whose rows are read back from the archive (nothing when it has none). */
  private loadJob(callId: string, jobs: CallJobsBuilder): void {
    const { rows, refs } = this.loader.load(callId);
    if (rows.length === 0) return;
    jobs.call(callId, false, true);
    refs.forEach((r, i) =>
      jobs.row(r.id, encodeNorm(rows[i] as CallEventRow), r.origin.file, r.origin.line, r.status, r.reason),
    );
  }

  /**
   * Posts a job to the derive pool, then writes the results of the jobs before
   * the last `size`: the workers derive chunks while this thread writes earlier
   * ones and reads the next. Results are written in job order whatever worker
   * finishes first, so the archive is the same with one worker or many.
   */
  private async submit(calls: CallJobs): Promise<void> {
    const worker = this.worker as DerivePool;
    if (calls.callIds.length > 0) {
      const names = this.companions.namesForWorker();
      if (names !== null) worker.setNames(names);
      const ids = calls.callIds;
      const job = worker.derive({
        seq: this.jobSeq++,
        calls,
        registrations: this.companions.lookup.registrationsOf(ids),
        variables: this.companions.lookup.variablesOf(ids),
      });
      job.catch(() => undefined); // its failure is reported where it is awaited
      this.inFlight.push(job);
    }
    while (this.inFlight.length > worker.size) await this.writeResults(this.inFlight.shift() as Promise<CallResult[]>);
  }

  private async drain(): Promise<void> {
    while (this.inFlight.length > 0) await this.writeResults(this.inFlight.shift() as Promise<CallResult[]>);
  }

  private async writeResults(job: Promise<CallResult[]>): Promise<void> {
    this.callsDerived += this.writer.storeAll(await job);
  }

  private deriveFromStore(callId: string, companions: CompanionLookup = this.companions.lookup): CallResult | null {
    const { rows, refs } = this.loader.load(callId);
    if (rows.length === 0) return null;
    return this.derive(callId, rows, refs, companions);
  }

  private derive(
    callId: string,
    rows: CallEventRow[],
    refs: StoredRowRef[],
    companions: CompanionLookup,
    isNew = false,
  ): CallResult {
    return deriveOne(callId, isNew, rows, refs, companions, this.deriveFn);
  }

  /** End of file: derive the last chunk, then calls whose companion data changed. */
  async finish(): Promise<void> {
    await this.flush();
    const again = this.companions.callsToDeriveAgain();
    // Results still with the worker are written first: the rows read back below carry their statuses.
    await this.drain();
    // Other platforms' calls (Asterisk) that draw a queue whose name changed: named again.
    if (this.companions.changedQueues.size > 0)
      this.callsDerived += this.platformCalls.rederive(this.companions.asteriskCallsOfChangedQueues());
    // Every row is stored: the last block written before the writer is closed with the workers.
    this.raw.flushBlocks();
    // Its heap is returned before the free text is written (the import's peak memory).
    this.close();
    let results: CallResult[] = [];
    for (const callId of again) {
      const r = this.deriveFromStore(callId);
      if (r) results.push(r);
      if (results.length >= CALLS_PER_WRITE) {
        this.callsDerived += this.writer.storeAll(results);
        results = [];
      }
    }
    this.callsDerived += this.writer.storeAll(results);
    this.raw.flushBlocks();
    this.writer.flushFts();
  }
}
