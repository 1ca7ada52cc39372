// Receives the ReaderItems of one file inside the file's transaction: stores
// every raw row, companion record and rejected row, and derives every affected
// call again from ALL its stored rows (earlier imports included), chunk by
// chunk so memory stays bounded however big the file is.
import { createHash, type Hash } from 'node:crypto';
import { deriveCall } from '../../shared/engine/index';
import type { CallEventRow } from '../../shared/model/call-events';
import type { ReaderItem } from '../../shared/reader/types';
import type { Db } from '../store/native';
import type { Statement } from 'better-sqlite3';
import { prepareOwn, sql, values } from '../store/sql';
import { CallWriter, type StoredRowRef } from './call-writer';
import { deriveOne, type CallJob, type CallResult } from './derive-job';
import { DerivePool, type DeriveWorkerEntry } from './derive-worker';
import type { PackedRows, SinkItem } from './parse-worker';
import { PlatformCallSink } from './platform-call-sink';
import { SqliteCompanions } from './sqlite-companions';
import { RawBlockWriter } from './raw-blocks';
import { CallRowLoader, decodeNorm, decodeValues, encodeNorm, Layouts, StoredRowInterpreter } from './row-codec';
import { layoutsTrailer, rawRowDigestLine } from '../store/digest';
import { rawTableCode, SET_RAW_STATUS } from '../store/coded-columns';
import { INSERT_RAW_ROW } from '../store/compact-rows';
import { INSERT_REGISTRATION } from '../store/lean-tables';
import { DUPLICATE_REGISTRATION, supersededReason } from '../../shared/model/row-ledger';
import { rawCallIsParam } from '../store/raw-call-key';

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
  /**
   * The rows come from the project's reader, whose record interpreter gives the same row again
   * from the stored values (ExportSource.reinterpretable): their normalised row is not stored.
   */
  reinterpretable?: boolean;
  /** The import's time zone (re-interpreting rows); required with reinterpretable. */
  timeZone?: string;
}

/** Rows per layout whose re-interpretation is compared with the reader's row before it is trusted. */
const TRUST_SAMPLE = 32;

const IN_BATCH = 500;
/** Calls with a row among the last chunkRows / CARRY_TAIL rows of a chunk are held over to the next one… */
const CARRY_TAIL = 10;
/** …at most this many chunks in a row (a call whose rows keep coming is derived, and derived again later). */
const CARRY_MAX = 2;
/** Calls derived again at the end of a file (companion changes) are written this many at a time. */
const CALLS_PER_WRITE = 2000;

export type DeriveFn = typeof deriveCall;

export class ImportSink {
  readonly rowsDigest: Hash = createHash('sha256');
  readonly rejectedDigest: Hash = createHash('sha256');
  read = 0;
  rejected = 0;
  stored = 0;
  callsDerived = 0;
  /** The import's first raw_rows id: its rows are the ids from here on (one transaction), found by rowid range. */
  firstRawId: number | null = null;
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
  private namesDirty = true;
  private readonly changedAgents = new Set<string>();
  private readonly changedQueues = new Set<string>();
  private readonly changedMenus = new Set<string>();
  private readonly touchedCalls = new Set<string>();
  private readonly companions: SqliteCompanions;
  private readonly layouts: Layouts;
  /** Layout ids this import used: their column lists close the rows digest (see finishDigest). */
  private readonly usedLayouts = new Set<number>();
  readonly writer: CallWriter;
  private readonly platformCalls: PlatformCallSink;
  private readonly s: SinkStatements;
  private readonly loader: CallRowLoader;
  /** Writes the raw values into their compressed blocks (raw-blocks.ts). */
  private readonly blocks: RawBlockWriter;
  /** Per layout: rows left to compare (> 0), trusted (0) or not re-interpretable (-1). */
  private readonly trust = new Map<number, number>();
  private readonly reinterpretable: boolean;
  private readonly timeZone: string;

  constructor(
    private readonly db: Db,
    readonly importId: number,
    private readonly fileLabel: string,
    options: SinkOptions = {},
  ) {
    this.chunkLimit = options.chunkRows ?? 7_500;
    this.deriveFn = options.derive ?? deriveCall;
    // A custom engine cannot cross to another thread.
    this.workerEntry = options.derive === undefined ? options.deriveWorker : undefined;
    this.poolSize = Math.max(1, Math.floor(options.deriveWorkers ?? 1));
    this.companions = new SqliteCompanions(db);
    this.layouts = new Layouts(db);
    this.blocks = new RawBlockWriter(db);
    this.loader = new CallRowLoader(db, new StoredRowInterpreter(db));
    this.reinterpretable = options.reinterpretable === true && options.timeZone !== undefined;
    this.timeZone = options.timeZone ?? 'UTC';
    this.writer = new CallWriter(db, importId, { deferFts: true });
    this.s = prepareSinkStatements(db);
    this.platformCalls = new PlatformCallSink(db, {
      importId,
      writer: this.writer,
      insertRaw: (line, callId, raw, queueKey) => this.insertRaw(line, 'call', callId, raw, { queueKey }),
      queueName: (key) => this.companions.queueName(key),
      setStatus: (id, status, reason) => void this.s.setStatus.run(status, reason, id),
      supersededBy: (id) => this.supersededBy(id),
    });
  }

  /** Rows and calls handled so far (progress). */
  get rows(): number {
    return this.read;
  }

  /** Stores the items; when a chunk is full, derives it (a promise while waiting for the derive worker). */
  add(items: readonly SinkItem[]): void | Promise<void> {
    for (const item of items) {
      if (item.kind === 'packed-rows') this.addPacked(item);
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
    this.blocks.close();
  }

  /** Parse-worker layout index → the archive's layout id (per file: one packer per file). */
  private readonly packedLayouts = new Map<number, number>();

  /** Call-events rows packed by the parse worker: stored as addOne stores a 'row' item, without its objects. */
  private addPacked(p: PackedRows): void {
    for (const [index, keys] of p.newLayouts)
      if (!this.packedLayouts.has(index)) this.packedLayouts.set(index, this.layouts.idOf(keys));
    for (let i = 0; i < p.line.length; i++) {
      const layout = this.packedLayouts.get(p.layout[i]!)!;
      const origin = { file: p.file, line: p.line[i]! };
      const norm = p.norm[i]!;
      this.usedLayouts.add(layout);
      this.rowsDigest.update(rawRowDigestLine(origin.line, 'call_events', layout, p.listJson[i]!));
      const values = p.values[i]!;
      const stored = this.packedNormToStore(norm, layout, values, origin);
      const id = this.insertStored(origin.line, 'call_events', p.callId[i]!, layout, values, stored, {
        agentId: p.agentId[i],
        queueKey: p.queueKey[i],
        menuKey: p.menuKey[i],
      });
      const callId = p.callId[i]!;
      let list = this.chunk.get(callId);
      if (!list) this.chunk.set(callId, (list = []));
      // Without derive workers the row object is made when the call is derived (decodeNorm).
      list.push({ id, origin, norm, row: null, seq: this.rowSeq++ });
      this.chunkRows++;
    }
  }

  /** normToStore for a packed row (its values as stored, its row as encodeNorm). */
  private packedNormToStore(
    norm: string,
    layout: number,
    values: string,
    origin: CallEventRow['origin'],
  ): string | null {
    if (!this.reinterpretable) return norm;
    let left = this.trust.get(layout) ?? TRUST_SAMPLE;
    if (left > 0) {
      let same: boolean;
      try {
        const again = this.loader.interpreter.readerOf(
          layout,
          this.timeZone,
          origin.file,
        )(decodeValues(values), origin.line);
        same = again.kind === 'row' && encodeNorm(again.row) === norm;
      } catch {
        same = false;
      }
      left = same ? left - 1 : -1;
      this.trust.set(layout, left);
    }
    return left === -1 ? norm : null;
  }

  /**
   * The one insert of a raw row (its values already encoded and digested by the caller):
   * counts it, records the import's first raw id and returns the row's id.
   */
  private insertStored(
    line: number,
    tbl: string,
    callId: string | null,
    layout: number,
    values: string,
    norm: string | null,
    extra: {
      agentId?: string | null;
      queueKey?: string | null;
      menuKey?: string | null;
      status?: 'used' | 'kept';
      reason?: string | null;
    },
  ): number {
    this.read++;
    this.stored++;
    const table = rawTableCode(tbl);
    const info = this.s.insertRaw.run(
      this.importId,
      line,
      table.code,
      table.other,
      callId,
      extra.agentId ?? null,
      extra.queueKey ?? null,
      extra.menuKey ?? null,
      extra.status ?? 'used',
      extra.reason ?? null,
      norm,
      layout,
      '', // the values go to their compressed block (raw-blocks.ts)
    );
    const id = Number(info.lastInsertRowid);
    this.blocks.add(id, values);
    this.firstRawId ??= id;
    return id;
  }

  /** One record: encoded by its layout, digested, its normalised row kept only when needed; then insertStored. */
  private insertRaw(
    line: number,
    tbl: string,
    callId: string | null,
    fields: Record<string, string>,
    extra: {
      agentId?: string | null;
      queueKey?: string | null;
      menuKey?: string | null;
      /** The reader's row of a call-events record: stored only when it cannot be computed again from the values. */
      row?: CallEventRow;
      status?: 'used' | 'kept';
      reason?: string | null;
    } = {},
  ): number {
    const { layout, values, list } = this.layouts.encode(fields);
    this.usedLayouts.add(layout);
    this.rowsDigest.update(rawRowDigestLine(line, tbl, layout, JSON.stringify(list)));
    const norm = extra.row === undefined ? null : this.normToStore(extra.row, layout, list);
    return this.insertStored(line, tbl, callId, layout, values, norm, extra);
  }

  /**
   * null when the row can be computed again from its stored values (the first TRUST_SAMPLE rows
   * of each layout are checked: a mismatch stores the normalised row of that layout's rows).
   */
  private normToStore(row: CallEventRow, layout: number, values: string[]): string | null {
    if (!this.reinterpretable) return encodeNorm(row);
    let left = this.trust.get(layout) ?? TRUST_SAMPLE;
    if (left > 0) {
      let same: boolean;
      try {
        const again = this.loader.interpreter.readerOf(layout, this.timeZone, row.origin.file)(values, row.origin.line);
        same = again.kind === 'row' && encodeNorm(again.row) === encodeNorm(row);
      } catch {
        same = false;
      }
      left = same ? left - 1 : -1;
      this.trust.set(layout, left);
    }
    return left === -1 ? encodeNorm(row) : null;
  }

  private addOne(item: ReaderItem): void {
    switch (item.kind) {
      case 'row': {
        const id = this.insertRaw(item.row.origin.line, 'call_events', item.row.callId, item.raw, {
          agentId: item.row.agentId,
          queueKey: item.row.queueKey,
          menuKey: item.row.menuKey ?? item.row.menuName,
          row: item.row,
        });
        let list = this.chunk.get(item.row.callId);
        if (!list) this.chunk.set(item.row.callId, (list = []));
        list.push({
          id,
          origin: item.row.origin,
          norm: this.worker === null ? null : encodeNorm(item.row),
          row: this.worker === null ? item.row : null,
          seq: this.rowSeq++,
        });
        this.chunkRows++;
        return;
      }
      case 'agent':
        return this.companion(
          'agents',
          item.origin.line,
          item.raw,
          item.agentId,
          item.name,
          this.s.agent,
          this.s.upsertAgent,
          this.changedAgents,
          { agentId: item.agentId },
        );
      case 'queue':
        return this.companion(
          'queues',
          item.origin.line,
          item.raw,
          item.queueKey,
          item.name,
          this.s.queue,
          this.s.upsertQueue,
          this.changedQueues,
          { queueKey: item.queueKey },
        );
      case 'menu':
        return this.companion(
          'menus',
          item.origin.line,
          item.raw,
          item.menuId,
          item.name,
          this.s.menu,
          this.s.upsertMenu,
          this.changedMenus,
          { menuKey: item.menuId },
        );
      case 'registration': {
        const r = item.registration;
        const id = this.insertRaw(item.origin.line, 'enquiry_registrations', r.callId, item.raw, {
          agentId: r.agentId,
        });
        const info = this.s.insertReg.run(r.callId, r.agentId, r.text, r.at, id);
        if (info.changes === 0) this.s.setStatus.run('kept', DUPLICATE_REGISTRATION, id);
        else this.touchedCalls.add(r.callId);
        return;
      }
      case 'variable': {
        const id = this.insertRaw(item.origin.line, 'call_variables', item.callId, item.raw);
        const old = this.s.variable.get(item.callId, item.name);
        if (old) this.s.setStatus.run('kept', this.supersededBy(id), old.raw_row);
        this.s.upsertVar.run(item.callId, item.name, item.value, id);
        if (!old || old.value !== item.value) this.touchedCalls.add(item.callId);
        return;
      }
      case 'kept':
        this.insertRaw(item.origin.line, item.table, null, item.raw, { status: 'kept', reason: item.reason });
        return;
      case 'rejected': {
        const r = item.rejected;
        this.read++;
        this.rejected++;
        this.rejectedDigest.update(`${r.origin.line}\t${r.reason}\t${r.raw}\n`);
        this.s.insertRejected.run(this.importId, this.fileLabel, r.origin.line, r.reason, r.raw);
        return;
      }
      case 'call':
        this.callsDerived += this.platformCalls.add(item);
        return;
    }
  }

  private companion(
    tbl: string,
    line: number,
    raw: Record<string, string>,
    key: string,
    name: string,
    find: Statement<[key: string], Companion>,
    upsert: Statement<[key: string, name: string, rawRow: number]>,
    changed: Set<string>,
    extra: { agentId?: string; queueKey?: string; menuKey?: string },
  ): void {
    const id = this.insertRaw(line, tbl, null, raw, extra);
    const old = find.get(key);
    if (old?.raw_row != null) this.s.setStatus.run('kept', this.supersededBy(id), old.raw_row);
    upsert.run(key, name, id);
    if (!old || old.name !== name) changed.add(key);
  }

  private supersededBy(rawRowId: number): string {
    const r = this.s.rowLine.get(rawRowId);
    if (!r) throw new Error(`raw row ${rawRowId} is not stored`);
    return supersededReason(`import #${r.import_id}, line ${r.line}`);
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
    if (this.changedAgents.size + this.changedQueues.size + this.changedMenus.size > 0) this.refreshCompanions();
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
    for (const [callId, pending] of this.completeness(chunk)) {
      if (pending !== null) {
        const refs = pending.map((p): StoredRowRef => ({ id: p.id, origin: p.origin, status: 'used', reason: null }));
        const rows = pending.map((p) => p.row ?? decodeNorm(p.norm!, p.origin));
        results.push(this.derive(callId, rows, refs, true));
      } else {
        const r = this.deriveFromStore(callId);
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
    for (const [callId, pending] of chunk) {
      const total = this.s.countCallRows.get(callId);
      yield [callId, total === pending.length ? pending : null];
    }
  }

  private refreshCompanions(): void {
    this.companions.refresh();
    this.namesDirty = true;
  }

  /** The worker's jobs for a chunk: rows in memory when they are all of the call, else read back. */
  private chunkJobs(chunk: Map<string, PendingRow[]>): CallJob[] {
    const calls: CallJob[] = [];
    for (const [callId, pending] of this.completeness(chunk)) {
      if (pending === null) {
        const job = this.loadJob(callId);
        if (job) calls.push(job);
        continue;
      }
      calls.push({
        callId,
        isNew: true,
        fromStore: false,
        ids: pending.map((p) => p.id),
        norms: pending.map((p) => p.norm ?? encodeNorm(p.row!)),
        files: pending.map((p) => p.origin.file),
        lines: pending.map((p) => p.origin.line),
        statuses: pending.map(() => 'used'),
        reasons: pending.map(() => null),
      });
    }
    return calls;
  }

  private loadJob(callId: string): CallJob | null {
    const { rows, refs } = this.loader.load(callId);
    if (rows.length === 0) return null;
    return {
      callId,
      isNew: false,
      fromStore: true,
      ids: refs.map((r) => r.id),
      norms: rows.map((r) => encodeNorm(r)),
      files: refs.map((r) => r.origin.file),
      lines: refs.map((r) => r.origin.line),
      statuses: refs.map((r) => r.status),
      reasons: refs.map((r) => r.reason),
    };
  }

  /**
   * Posts a job to the derive pool, then writes the results of the jobs before
   * the last `size`: the workers derive chunks while this thread writes earlier
   * ones and reads the next. Results are written in job order whatever worker
   * finishes first, so the archive is the same with one worker or many.
   */
  private async submit(calls: CallJob[]): Promise<void> {
    const worker = this.worker as DerivePool;
    if (calls.length > 0) {
      if (this.namesDirty) {
        worker.setNames(this.companions.names());
        this.namesDirty = false;
      }
      const ids = calls.map((c) => c.callId);
      const job = worker.derive({
        seq: this.jobSeq++,
        calls,
        registrations: this.companions.registrationsOf(ids),
        variables: this.companions.variablesOf(ids),
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

  private deriveFromStore(callId: string): CallResult | null {
    const { rows, refs } = this.loader.load(callId);
    if (rows.length === 0) return null;
    return this.derive(callId, rows, refs);
  }

  private derive(callId: string, rows: CallEventRow[], refs: StoredRowRef[], isNew = false): CallResult {
    return deriveOne(callId, isNew, rows, refs, this.companions, this.deriveFn);
  }

  /**
   * Stored Asterisk calls (the platform whose calls take their queue names from the archive's
   * queues table) that name one of these queue keys: by the key their queue_log rows carry
   * (`raw_rows.queue_key`, tbl `call`), or — rows stored before that column was filled for them —
   * by the key in their queue list (a call derived without a name shows the key).
   */
  private asteriskCallsOf(queueKeys: ReadonlySet<string>): Set<string> {
    const ids = new Set<string>();
    const list = [...queueKeys];
    for (let i = 0; i < list.length; i += IN_BATCH) {
      const part = list.slice(i, i + IN_BATCH);
      const marks = part.map(() => '?').join(',');
      const found = values(
        this.db,
        sql<string, string[]>(
          `SELECT DISTINCT call_id FROM raw_rows WHERE tbl = 'call' AND queue_key IN (${marks}) AND call_id LIKE 'asterisk:%' ` +
            `UNION SELECT c.call_id FROM call_queues q JOIN calls c ON c.id = q.call WHERE q.queue IN (${marks}) AND c.call_id LIKE 'asterisk:%'`,
        ),
        ...part,
        ...part,
      );
      for (const id of found) ids.add(id);
    }
    return ids;
  }

  /** The rows digest, closed with the column lists of the layouts its rows use. */
  finishDigest(): string {
    this.rowsDigest.update(layoutsTrailer(this.db, [...this.usedLayouts]));
    return this.rowsDigest.digest('hex');
  }

  /** End of file: derive the last chunk, then calls whose companion data changed. */
  async finish(): Promise<void> {
    await this.flush();
    const again = new Set(this.touchedCalls);
    // The first registrations / variables of the archive: the lookup decided at its start that there were none.
    if (this.touchedCalls.size > 0) this.refreshCompanions();
    if (this.changedAgents.size + this.changedQueues.size + this.changedMenus.size > 0) {
      this.refreshCompanions();
      for (const [col, keys] of [
        ['agent_id', this.changedAgents],
        ['queue_key', this.changedQueues],
        ['menu_key', this.changedMenus],
      ] as const) {
        const list = [...keys];
        for (let i = 0; i < list.length; i += IN_BATCH) {
          const part = list.slice(i, i + IN_BATCH);
          const ids = values(
            this.db,
            sql<string, string[]>(
              `SELECT DISTINCT call_id FROM raw_rows WHERE tbl = 'call_events' AND ${col} IN (${part.map(() => '?').join(',')})`,
            ),
            ...part,
          );
          for (const id of ids) again.add(id);
        }
      }
    }
    // Results still with the worker are written first: the rows read back below carry their statuses.
    await this.drain();
    // Other platforms' calls (Asterisk) that draw a queue whose name changed: named again.
    if (this.changedQueues.size > 0)
      this.callsDerived += this.platformCalls.rederive(this.asteriskCallsOf(this.changedQueues));
    // Every row is stored: the last block written before the writer is closed with the workers.
    this.blocks.flush();
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
    this.blocks.flush();
    this.writer.flushFts();
  }
}

/** A companion table's row (agents, queues, menus): its name and the raw row it came from. */
interface Companion {
  name: string;
  raw_row: number | null;
}
type RawRowParams = [
  importId: number,
  line: number,
  tblCode: number | null,
  tblOther: string | null,
  callId: string | null,
  agentId: string | null,
  queueKey: string | null,
  menuKey: string | null,
  status: 'used' | 'kept',
  reason: string | null,
  norm: string | null,
  layout: number,
  fields: string,
];
type CompanionUpsert = [key: string, name: string, rawRow: number];

/** The sink's statements, run per row: prepared once per sink (prepareOwn), typed where declared. */
function prepareSinkStatements(db: Db) {
  return {
    insertRaw: prepareOwn(db, sql<void, RawRowParams>(INSERT_RAW_ROW)),
    insertRejected: prepareOwn(
      db,
      sql<void, [importId: number, file: string, line: number, reason: string, raw: string]>(
        'INSERT INTO rejected_rows (import_id, file, line, reason, raw) VALUES (?, ?, ?, ?, ?)',
      ),
    ),
    countCallRows: prepareOwn(
      db,
      sql<number, [callId: string]>(
        `SELECT count(*) FROM raw_rows r WHERE ${rawCallIsParam(db, 'r')} AND r.tbl = 'call_events'`,
      ),
      'pluck',
    ),
    setStatus: prepareOwn(
      db,
      sql<void, [status: 'used' | 'kept', reason: string | null, id: number]>(
        `UPDATE raw_rows SET ${SET_RAW_STATUS}, reason = ? WHERE id = ?`,
      ),
    ),
    agent: prepareOwn(db, sql<Companion, [agentId: string]>('SELECT name, raw_row FROM agents WHERE agent_id = ?')),
    upsertAgent: prepareOwn(
      db,
      sql<void, CompanionUpsert>(
        'INSERT INTO agents (agent_id, name, raw_row) VALUES (?, ?, ?) ON CONFLICT(agent_id) DO UPDATE SET name = excluded.name, raw_row = excluded.raw_row',
      ),
    ),
    queue: prepareOwn(db, sql<Companion, [queueKey: string]>('SELECT name, raw_row FROM queues WHERE queue_key = ?')),
    upsertQueue: prepareOwn(
      db,
      sql<void, CompanionUpsert>(
        'INSERT INTO queues (queue_key, name, raw_row) VALUES (?, ?, ?) ON CONFLICT(queue_key) DO UPDATE SET name = excluded.name, raw_row = excluded.raw_row',
      ),
    ),
    menu: prepareOwn(db, sql<Companion, [menuId: string]>('SELECT name, raw_row FROM menus WHERE menu_id = ?')),
    upsertMenu: prepareOwn(
      db,
      sql<void, CompanionUpsert>(
        'INSERT INTO menus (menu_id, name, raw_row) VALUES (?, ?, ?) ON CONFLICT(menu_id) DO UPDATE SET name = excluded.name, raw_row = excluded.raw_row',
      ),
    ),
    insertReg: prepareOwn(
      db,
      sql<void, [callId: string, agentId: string | null, text: string, atMs: number | null, rawRow: number]>(
        INSERT_REGISTRATION,
      ),
    ),
    variable: prepareOwn(
      db,
      sql<{ value: string; raw_row: number }, [callId: string, name: string]>(
        'SELECT value, raw_row FROM call_variables WHERE call_id = ? AND name = ?',
      ),
    ),
    upsertVar: prepareOwn(
      db,
      sql<void, [callId: string, name: string, value: string, rawRow: number]>(
        'INSERT INTO call_variables (call_id, name, value, raw_row) VALUES (?, ?, ?, ?) ON CONFLICT(call_id, name) DO UPDATE SET value = excluded.value, raw_row = excluded.raw_row',
      ),
    ),
    rowLine: prepareOwn(
      db,
      sql<{ import_id: number; line: number }, [id: number]>('SELECT import_id, line FROM raw_rows WHERE id = ?'),
    ),
  };
}
type SinkStatements = ReturnType<typeof prepareSinkStatements>;
