// Searches and facets off the caller's thread: a small pool of worker threads, each with its
// own read-only connection (the caller's connection stays the one writer). Requests run in
// lanes, so that a heavy facet never waits in front of a list page:
//   page     — a page without its count (count: false, no jump): the list while typing or scrolling
//   count    — a page with its exact count, a jump
//   facets   — exact facet counts
//   estimate — facet estimates (a sample of the calls: about as quick as a page), started beside
//              the exact facets so that one is ready when the exact counts are late
// The count and facets lanes are background work: their threads run at a lower CPU priority where
// the platform allows it per thread (./thread-priority), so a page is not held up by the scheduler.
// Budgets: a counted page past `countMs` is answered by its uncounted page ("at least N",
// totalPending) while the count finishes in the background; facets past `facetsMs` are answered
// by the estimate (marked `estimated`) while the exact counts finish. The finished figures are
// kept briefly, so that asking again gets them at once. Any request past `hardMs` is abandoned:
// its worker is terminated (which ends its statement) and replaced.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CallPage, CallSearch, Facets } from '../../shared/api/archive-api';
import { ArchiveError } from '../store/errors';
import { sourceWorkerEntry, type ImportWorkerEntry } from '../import/run-import';
import type {
  ColumnsMessage,
  ColumnsReply,
  MatchListMessage,
  ReadReply,
  ReadRequest,
  ReadWorkerData,
} from './read-protocol';
import type { CallColumns } from './call-columns';
import type { SearchTuning } from './search-tuning';
import { AUTO_SAMPLE } from './id-sample';

export interface ReadBudgets {
  /** A counted page: past this, the page without its count is answered first. */
  countMs: number;
  /** Facets: past this, an estimate is answered first. */
  facetsMs: number;
  /** Any request: past this it is abandoned (its worker terminated). */
  hardMs: number;
  /** How long finished background figures are kept for the same question. */
  keepMs: number;
}

/**
 * facetsMs: facets are a help beside the list, so an estimate (≈ 16,000 calls sampled, tens of
 * milliseconds at 1M calls, started at once on its own lane) answers soon; the UI asks again for
 * the exact counts (issue 18's goal: facets p95 < 300 ms).
 */
export const DEFAULT_BUDGETS: ReadBudgets = { countMs: 800, facetsMs: 150, hardMs: 30_000, keepMs: 30_000 };

export type Lane = 'page' | 'count' | 'facets' | 'estimate';
const LANES: readonly Lane[] = ['page', 'count', 'facets', 'estimate'];
/** Lanes whose answers nobody is looking at yet: their threads yield the CPU to the others. */
const BACKGROUND_LANES: ReadonlySet<Lane> = new Set<Lane>(['count', 'facets']);

export interface ReadPoolOptions {
  entry?: ImportWorkerEntry;
  /** Workers per lane (default one each). */
  workers?: Partial<Record<Lane, number>>;
  budgets?: Partial<ReadBudgets>;
  /** Facet estimates count every n-th call (default: about ESTIMATE_SAMPLE calls of the archive). */
  sampleEvery?: number;
  /** The archive's state (e.g. data_version of a connection): kept figures are for one state only. */
  archiveState?: () => string;
  /** The search thresholds of the workers (default DEFAULT_SEARCH_TUNING). */
  tuning?: SearchTuning;
  /** Tests only: counted searches / facets hold their worker this long first (a deliberately slow query). */
  slowForTests?: { counted?: number; facets?: number };
  /**
   * The state of the calls themselves (imports by any connection, erasures by this one): the columns
   * in memory are used only while it is the one they were read at. Default: archiveState.
   */
  callsState?: () => string;
  /**
   * Search with the calls' columns in memory once read (./call-columns). Default: when the pool
   * is told the archive's state (callsState or archiveState), without which it could not know
   * that they went stale; an archive nothing writes to (the bench's) may turn them on without.
   */
  memoryColumns?: boolean;
}

interface Job {
  req: Omit<ReadRequest, 'id'>;
  lane: Lane;
  /** Settled by the answer, or earlier by a fallback; the job may go on in the background. */
  resolve(reply: ReadReply): void;
  answered: boolean;
  enqueued: number;
  /** False once nobody will read the answer: the job is dropped if it has not started. */
  wanted?: () => boolean;
}

interface Slot {
  lane: Lane;
  worker: Worker;
  ready: Promise<void>;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** The thread's nice value once it is ready (null: left at the app's priority). */
  nice: number | null;
  /** The generation of the columns this worker holds (0: none). */
  columns: number;
}

/** The calls' columns in memory, read at one state of the archive. */
interface HeldColumns {
  generation: number;
  state: string;
  columns: CallColumns;
}

/**
 * Tests only (the e2e test of a heavy facet beside the list): CALLSCOPE_TEST_SLOW_FACETS_MS makes
 * every exact facets request hold its worker that long, as a heavy facet at a million calls does.
 * Ignored unless a whole number of milliseconds up to ten minutes.
 */
export function slowForTestsFromEnv(env: NodeJS.ProcessEnv = process.env): ReadPoolOptions['slowForTests'] {
  const raw = env['CALLSCOPE_TEST_SLOW_FACETS_MS'];
  if (raw === undefined || !/^\d{1,6}$/.test(raw)) return undefined;
  const ms = Number(raw);
  return ms > 0 && ms <= 600_000 ? { facets: ms } : undefined;
}

/** Bytes of the typed arrays in an object and the objects it holds (the columns, their text columns). */
function sharedBytes(o: object): number {
  return Object.values(o).reduce<number>((n, v) => {
    if (ArrayBuffer.isView(v)) return n + v.byteLength;
    return v && typeof v === 'object' && !Array.isArray(v) ? n + sharedBytes(v as object) : n;
  }, 0);
}

/** What a search or facets request asks, apart from how the answer is paged. */
function filterKey(op: string, q: CallSearch): string {
  const { cursor: _c, limit: _l, count: _n, offset: _o, sort: _s, direction: _d, ...filter } = q;
  return `${op}:${JSON.stringify(filter, Object.keys(filter).sort())}`;
}

export class ReadPool {
  private readonly budgets: ReadBudgets;
  private readonly slots: Slot[] = [];
  private readonly queues: Record<Lane, Job[]> = { page: [], count: [], facets: [], estimate: [] };
  private readonly kept = new Map<string, { at: number; value: number | Facets }>();
  private nextId = 1;
  private closed = false;
  /** Strategy of the last answered search (bench). */
  lastStrategy = '';
  /** Requests abandoned at the hard budget (tests, bench). */
  abandoned = 0;
  /** Requests sent to a worker, per lane (tests, bench). */
  readonly started: Record<Lane, number> = { page: 0, count: 0, facets: 0, estimate: 0 };
  /** How long the last read of the columns took to its first part (filters and sorts) and to the text columns (bench, tests). */
  columnsReadMs: { filters?: number; text?: number } = {};
  /** Full match lists read from the trigram index by the workers so far (tests, bench: how often one was shared instead). */
  matchListsRead = 0;
  private held: HeldColumns | null = null;
  /** The worker reading the columns, and the state it reads at. */
  private reading: { worker: Worker; state: string } | null = null;
  /** A state whose columns could not be read (too many calls, an error): not tried again. */
  private unreadable: string | null = null;
  private generations = 0;

  constructor(
    private readonly path: string,
    private readonly options: ReadPoolOptions = {},
  ) {
    this.budgets = { ...DEFAULT_BUDGETS, ...options.budgets };
    for (const lane of LANES)
      for (let i = 0; i < Math.max(1, options.workers?.[lane] ?? 1); i++) this.slots.push(this.spawn(lane));
  }

  private spawn(lane: Lane): Slot {
    const entry = this.options.entry ?? sourceWorkerEntry();
    const path = entry.path instanceof URL ? fileURLToPath(entry.path) : entry.path;
    const worker = new Worker(path, {
      workerData: {
        role: 'read',
        path: this.path,
        tuning: this.options.tuning,
        background: BACKGROUND_LANES.has(lane),
      } satisfies ReadWorkerData,
      execArgv: entry.execArgv ?? [],
    });
    worker.unref();
    const slot: Slot = { lane, worker, job: null, timer: null, ready: Promise.resolve(), nice: null, columns: 0 };
    slot.ready = new Promise<void>((resolve) => {
      const first = (m: ReadReply) => {
        if (m.id !== 0) return;
        worker.off('message', first);
        if (m.ok) slot.nice = m.nice ?? null;
        resolve();
      };
      worker.on('message', first);
      worker.once('error', () => resolve());
    });
    worker.on('message', (m: ReadReply) => m.id !== 0 && this.finished(slot, m));
    worker.on('error', (err) => this.failed(slot, err.message));
    worker.on('exit', () => {
      if (slot.job) this.failed(slot, 'the read worker stopped');
    });
    return slot;
  }

  async search(query: CallSearch): Promise<CallPage> {
    const counted = query.count !== false;
    if (counted && query.offset === undefined) {
      const total = this.keptValue(filterKey('count', query));
      if (typeof total === 'number') {
        const page = (await this.run('page', { op: 'search', query: { ...query, count: false } })) as CallPage;
        const { totalPending: _p, ...exact } = page;
        return { ...exact, total };
      }
    }
    const lane: Lane = counted || query.offset !== undefined ? 'count' : 'page';
    const late =
      lane === 'count' && query.offset === undefined
        ? {
            ms: this.budgets.countMs,
            fallback: () => this.run('page', { op: 'search', query: { ...query, count: false } }),
          }
        : undefined;
    const slowMs = counted ? this.options.slowForTests?.counted : undefined;
    return (await this.run(lane, { op: 'search', query, slowMs }, late, filterKey('count', query))) as CallPage;
  }

  async facets(query: CallSearch): Promise<Facets> {
    const key = filterKey('facets', query);
    const kept = this.keptValue(key);
    if (kept && typeof kept === 'object') return kept;
    // The estimate starts a third of the budget in, beside the exact counts, so that it is (nearly)
    // ready when they are late; quick exact counts (most) never start one. Once the caller is
    // answered (by the exact counts, or by an estimate), an estimate that has not started is dropped.
    let answered = false;
    let estimate: Promise<Facets> | undefined;
    const startEstimate = (): Promise<Facets> => {
      estimate ??= this.run(
        'estimate',
        { op: 'facets', query, sampleEvery: this.options.sampleEvery ?? AUTO_SAMPLE },
        undefined,
        undefined,
        () => !answered,
      ).then((f) => ({ ...(f as Facets), estimated: true as const }));
      estimate.catch(() => undefined); // read only when the exact counts are late
      return estimate;
    };
    const head = setTimeout(startEstimate, this.budgets.facetsMs / 3);
    const late = { ms: this.budgets.facetsMs, fallback: startEstimate };
    const slowMs = this.options.slowForTests?.facets;
    try {
      return (await this.run('facets', { op: 'facets', query, slowMs }, late, key)) as Facets;
    } finally {
      answered = true;
      clearTimeout(head);
    }
  }

  /** Tests: a request that holds its worker for about `slowMs` before answering. */
  slow(lane: Lane, slowMs: number, query: CallSearch = { count: false, limit: 1 }): Promise<unknown> {
    return this.run(lane, { op: 'search', query, slowMs });
  }

  private keptValue(key: string): number | Facets | undefined {
    const k = this.kept.get(this.stateKey(key));
    if (!k) return undefined;
    if (Date.now() - k.at > this.budgets.keepMs) {
      this.kept.delete(this.stateKey(key));
      return undefined;
    }
    return k.value;
  }

  /**
   * Runs a request in its lane. With `late`, the caller is answered by the fallback once the
   * request has taken `late.ms` (queue time included); the request itself goes on, and its
   * figure (a count, or facets) is kept under `keepKey` for the next time it is asked.
   */
  private run(
    lane: Lane,
    req: Omit<ReadRequest, 'id'>,
    late?: { ms: number; fallback: () => Promise<unknown> },
    keepKey?: string,
    wanted?: () => boolean,
  ): Promise<unknown> {
    if (this.closed) return Promise.reject(new ArchiveError('the archive is closed', 'CLOSED'));
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        if (lateTimer) clearTimeout(lateTimer);
        fn();
      };
      const job: Job = {
        req,
        lane,
        answered: false,
        enqueued: Date.now(),
        wanted,
        resolve: (reply) => {
          if (reply.ok && keepKey && settled && job.answered) this.keep(keepKey, reply.value);
          settle(() => {
            if (!reply.ok) reject(new ArchiveError(reply.message, reply.code));
            else {
              if (reply.strategy) this.lastStrategy = reply.strategy;
              resolve(reply.value);
            }
          });
        },
      };
      const lateTimer = late
        ? setTimeout(() => {
            if (settled) return;
            job.answered = true;
            late.fallback().then(
              (v) => settle(() => resolve(v)),
              (e: unknown) => settle(() => reject(e instanceof Error ? e : new Error(String(e)))),
            );
          }, late.ms)
        : null;
      this.queues[lane].push(job);
      this.pump();
    });
  }

  private stateKey(key: string): string {
    return `${this.options.archiveState?.() ?? ''}|${key}`;
  }

  private keep(key: string, value: unknown): void {
    key = this.stateKey(key);
    if (this.kept.size > 64) this.kept.delete(this.kept.keys().next().value as string);
    const v = value as CallPage | Facets;
    if ('rows' in v) {
      if (!v.totalPending) this.kept.set(key, { at: Date.now(), value: v.total });
    } else this.kept.set(key, { at: Date.now(), value: v });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job) continue;
      const queue = this.queues[slot.lane];
      // Background work (its caller already answered) beyond a few waiting is dropped.
      while (queue.length > 4 && queue[0]?.answered) queue.shift();
      // A job whose answer nobody will read any more (an estimate after its exact facets).
      while (queue[0]?.wanted && !queue[0].wanted())
        queue.shift()?.resolve({ id: 0, ok: false, message: 'no longer wanted', code: 'DROPPED' });
      const job = queue.shift();
      if (!job) continue;
      slot.job = job;
      this.started[slot.lane]++;
      const id = this.nextId++;
      void slot.ready.then(() => {
        if (slot.job !== job) return;
        // The hard budget counts from the worker's start on it (not from a replacement's boot).
        slot.timer = setTimeout(() => this.abandon(slot), this.budgets.hardMs);
        const held = this.columnsNow();
        if (held && slot.columns !== held.generation) {
          // A worker started after the columns were sent (a replacement) gets them with its first request.
          const message: ColumnsMessage = { op: 'columns', generation: held.generation, columns: held.columns };
          slot.worker.postMessage(message);
          slot.columns = held.generation;
        }
        slot.worker.postMessage({ ...job.req, id, columns: held?.generation } satisfies ReadRequest);
      });
    }
  }

  private finished(slot: Slot, reply: ReadReply): void {
    if (reply.ok && reply.lists) this.shareMatchLists(slot, reply.lists);
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    job?.resolve(reply);
    this.pump();
  }

  private failed(slot: Slot, message: string): void {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    job?.resolve({ id: 0, ok: false, message: `search failed: ${message}`, code: 'ARCHIVE' });
    if (!this.closed) this.replace(slot);
    this.pump();
  }

  /**
   * A text's full match list read by one worker goes to the others holding the same columns (a
   * shared buffer, not copied): the list's page, count and facets run on different workers, and
   * each would otherwise read the trigram index again (~300 ms for a word in most calls at 1M).
   */
  private shareMatchLists(from: Slot, shared: NonNullable<Extract<ReadReply, { ok: true }>['lists']>): void {
    this.matchListsRead += shared.lists.length;
    if (this.held?.generation !== shared.generation) return;
    for (const slot of this.slots) {
      if (slot === from || slot.columns !== shared.generation) continue;
      for (const list of shared.lists)
        slot.worker.postMessage({
          op: 'match-list',
          generation: shared.generation,
          ...list,
        } satisfies MatchListMessage);
    }
  }

  /** Past the hard budget: the worker is terminated (ending its statement) and replaced. */
  private abandon(slot: Slot): void {
    const job = slot.job;
    if (!job) return;
    this.abandoned++;
    slot.job = null;
    slot.timer = null;
    void slot.worker.terminate();
    job.resolve({
      id: 0,
      ok: false,
      message: `the search took longer than ${(this.budgets.hardMs / 1000).toLocaleString('en')} s and was stopped; narrow it down`,
      code: 'TIMEOUT',
    });
    this.replace(slot);
    this.pump();
  }

  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    this.slots[index] = this.spawn(slot.lane);
  }

  /**
   * The columns in memory if they were read at the archive's state now; otherwise null (the
   * request is answered by SQL) and, once per state, a worker starts reading them.
   */
  private columnsNow(): HeldColumns | null {
    const stateOf = this.options.callsState ?? this.options.archiveState;
    if (!(this.options.memoryColumns ?? stateOf !== undefined) || this.closed) return null;
    const state = stateOf?.() ?? '';
    if (this.held?.state === state) return this.held;
    if (this.held) this.sendColumns(null); // stale: the workers let go of them (125 MiB per million calls)
    if (this.reading?.state !== state && this.unreadable !== state) this.readColumns(state);
    return null;
  }

  /**
   * Gives every worker the columns now held (or tells them to drop theirs), at once rather than
   * with its next request: a lane that sits idle would otherwise keep an old generation alive.
   */
  private sendColumns(held: HeldColumns | null): void {
    this.held = held;
    for (const slot of this.slots) {
      const generation = held?.generation ?? 0;
      if (slot.columns === generation) continue;
      const message: ColumnsMessage = { op: 'columns', generation, columns: held?.columns ?? null };
      slot.worker.postMessage(message);
      slot.columns = generation;
    }
  }

  private readColumns(state: string): void {
    void this.reading?.worker.terminate();
    const entry = this.options.entry ?? sourceWorkerEntry();
    const path = entry.path instanceof URL ? fileURLToPath(entry.path) : entry.path;
    const worker = new Worker(path, {
      workerData: { role: 'columns', path: this.path } satisfies ReadWorkerData,
      execArgv: entry.execArgv ?? [],
    });
    worker.unref();
    const reading = { worker, state };
    this.reading = reading;
    const begun = performance.now();
    this.columnsReadMs = {};
    const done = (reply: ColumnsReply) => {
      if (this.reading !== reading) return;
      if (reply.final) this.reading = null;
      if (reply.columns) {
        this.columnsReadMs[reply.columns.text ? 'text' : 'filters'] = performance.now() - begun;
        // The first part (filters and sorts) is used at once; the text columns follow as a new generation.
        this.sendColumns({ generation: ++this.generations, state, columns: reply.columns });
      } else if (reply.final && !this.held) this.unreadable = state;
    };
    worker.on('message', done);
    worker.once('error', (err) => done({ columns: null, final: true, error: err.message }));
  }

  /** Resolves once the columns of the archive's state now are in memory (tests, bench); false if they cannot be. */
  async columnsReady(): Promise<boolean> {
    for (;;) {
      const held = this.columnsNow();
      const reading = this.reading;
      if (held && !reading) return true; // with the text columns
      if (!reading) return false;
      await new Promise((resolve) => {
        reading.worker.once('exit', resolve);
        reading.worker.once('message', () => setImmediate(resolve));
      });
    }
  }

  /** Bytes of the columns in memory (bench): their typed arrays, shared by every worker. */
  columnsBytes(): number {
    const c = this.held?.columns;
    return c ? sharedBytes(c) : 0;
  }

  /** The nice value of each lane's threads (tests: background lanes yield the CPU). */
  async priorities(): Promise<Record<Lane, (number | null)[]>> {
    await Promise.all(this.slots.map((s) => s.ready));
    const out: Record<Lane, (number | null)[]> = { page: [], count: [], facets: [], estimate: [] };
    for (const s of this.slots) out[s.lane].push(s.nice);
    return out;
  }

  /** Requests being answered now (background ones included). */
  get running(): number {
    return this.slots.filter((s) => s.job).length;
  }

  /** Forgets kept background figures (after an import changed the archive). */
  forget(): void {
    this.kept.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    void this.reading?.worker.terminate();
    this.reading = null;
    this.held = null;
    for (const q of Object.values(this.queues))
      for (const job of q.splice(0))
        job.resolve({ id: 0, ok: false, message: 'the archive is closed', code: 'CLOSED' });
    await Promise.all(
      this.slots.map((s) => {
        s.worker.removeAllListeners();
        if (s.timer) clearTimeout(s.timer);
        s.job?.resolve({ id: 0, ok: false, message: 'the archive is closed', code: 'CLOSED' });
        return s.worker.terminate();
      }),
    );
  }
}
