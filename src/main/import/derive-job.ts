// One chunk of calls to derive, in the form that crosses to the derive worker:
// per call its stored rows as encoded norms (the strings raw_rows stores) plus
// their ids, origins and statuses; the companion data the engine will ask for.
// deriveJob runs the engine and prepareCall over it. Pure (no node imports).
import { deriveCall } from '../../shared/engine/index';
import type { CallEventRow, CompanionLookup, EnquiryRegistration } from '../../shared/model/call-events';
import { prepareCall, underivableStatuses, type StoreItem, type StoredRowRef } from './call-rows';
import { decodeNorm } from './row-codec';
import { underivableReason } from '../../shared/model/row-ledger';

/**
 * The calls of a chunk and their stored rows, as columns: one array per field for the whole chunk,
 * not a few per call. The job crosses to the derive worker by structured clone, whose cost grows with
 * the number of objects in it: measured on a chunk of 1,500 calls of five rows, posting costs a
 * quarter and receiving an eighth of what the per-call arrays did (the writer posts, so on a laptop
 * that is the busiest thread's time). Built by CallJobsBuilder.
 */
export interface CallJobs {
  callIds: string[];
  /** Per call: 1 when no archive call has this id yet (all its rows are in this chunk). */
  isNew: Uint8Array;
  /** Per call: 1 when its rows were read back from the archive. */
  fromStore: Uint8Array;
  /** Per call: the end (exclusive) of its rows in the row columns; they start where the previous call's end. */
  rowEnd: Uint32Array;
  ids: Float64Array;
  /** Per row: its normalised row, encoded (encodeNorm). */
  norms: string[];
  /** The files the rows come from, each once; `fileOf` is a row's index into it. */
  files: string[];
  fileOf: Uint32Array;
  lines: Uint32Array;
  /** Per row: 1 kept, 0 used. */
  kept: Uint8Array;
  /** The rows that have a reason (kept ones): [row index, reason]. */
  reasons: [number, string][];
}

/** A stored row's accounting status, as CallJobsBuilder.row takes it. */
type JobRowStatus = 'used' | 'kept';

/** Builds a CallJobs call by call, row by row (plain arrays while it grows, typed arrays at the end). */
export class CallJobsBuilder {
  private readonly callIds: string[] = [];
  private readonly isNew: number[] = [];
  private readonly fromStore: number[] = [];
  private readonly rowEnd: number[] = [];
  private readonly ids: number[] = [];
  private readonly norms: string[] = [];
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  private readonly fileOf: number[] = [];
  private readonly lines: number[] = [];
  private readonly kept: number[] = [];
  private readonly reasons: [number, string][] = [];

  /** Starts a call; its rows follow (row). */
  call(callId: string, isNew: boolean, fromStore: boolean): void {
    this.callIds.push(callId);
    this.isNew.push(isNew ? 1 : 0);
    this.fromStore.push(fromStore ? 1 : 0);
    this.rowEnd.push(this.ids.length);
  }

  /** A row of the call started last. */
  row(id: number, norm: string, file: string, line: number, status: JobRowStatus, reason: string | null): void {
    let f = this.fileIndex.get(file);
    if (f === undefined) {
      f = this.files.length;
      this.files.push(file);
      this.fileIndex.set(file, f);
    }
    if (reason !== null) this.reasons.push([this.ids.length, reason]);
    this.ids.push(id);
    this.norms.push(norm);
    this.fileOf.push(f);
    this.lines.push(line);
    this.kept.push(status === 'kept' ? 1 : 0);
    this.rowEnd[this.rowEnd.length - 1] = this.ids.length;
  }

  build(): CallJobs {
    return {
      callIds: this.callIds,
      isNew: Uint8Array.from(this.isNew),
      fromStore: Uint8Array.from(this.fromStore),
      rowEnd: Uint32Array.from(this.rowEnd),
      ids: Float64Array.from(this.ids),
      norms: this.norms,
      files: this.files,
      fileOf: Uint32Array.from(this.fileOf),
      lines: Uint32Array.from(this.lines),
      kept: Uint8Array.from(this.kept),
      reasons: this.reasons,
    };
  }
}

/** agents / queues / menus: key → name, the whole tables (they are small and change only between files). */
export interface CompanionNames {
  agents: Map<string, string>;
  queues: Map<string, string>;
  menus: Map<string, string>;
}

export interface ChunkJob {
  seq: number;
  calls: CallJobs;
  /** Registrations / variables of the chunk's calls that have any; null when the archive has none at all. */
  registrations: [string, EnquiryRegistration[]][] | null;
  variables: [string, Record<string, string>][] | null;
}

/** What the worker answers per call: CallWriter.storeAll stores a job's list. */
export type CallResult = StoreItem;

/** Why the rows of a call the engine could not derive are kept (the row ledger's decision, shared with convert). */
export { underivableReason } from '../../shared/model/row-ledger';

/** Derives every call of the job (an engine error makes that call underivable, as in the import thread). */
export function deriveJob(job: ChunkJob, names: CompanionNames): CallResult[] {
  const companions = jobCompanions(job, names);
  const c = job.calls;
  const reasons = new Map(c.reasons);
  const out: CallResult[] = [];
  let start = 0;
  for (let k = 0; k < c.callIds.length; k++) {
    const end = at(c.rowEnd, k);
    const fromStore = c.fromStore[k] === 1;
    const rows: CallEventRow[] = [];
    const refs: StoredRowRef[] = [];
    for (let i = start; i < end; i++) {
      const origin = { file: at(c.files, at(c.fileOf, i)), line: at(c.lines, i) };
      rows.push(decodeNorm(at(c.norms, i), origin));
      const status = c.kept[i] === 1 ? 'kept' : 'used';
      refs.push({ id: at(c.ids, i), origin, status, reason: reasons.get(i) ?? null, fromStore });
    }
    out.push(deriveOne(at(c.callIds, k), c.isNew[k] === 1, rows, refs, companions));
    start = end;
  }
  return out;
}

/** Entry `i` of a job's column: CallJobsBuilder gives every column an entry per call or row, so a missing one is its bug. */
function at<T>(column: ArrayLike<T>, i: number): T {
  const v = column[i];
  if (v === undefined) throw new Error(`derive job: column without entry ${i}`);
  return v;
}

/**
 * One call through the engine, in either thread: its rows to store, or, when the
 * engine throws, its rows kept with the reason (the file goes on).
 */
export function deriveOne(
  callId: string,
  isNew: boolean,
  rows: CallEventRow[],
  refs: StoredRowRef[],
  companions: CompanionLookup,
  engine: typeof deriveCall = deriveCall,
  /** Also build the contract JSON (verify --deep compares it; the import builds it on read). */
  withDoc = false,
): CallResult {
  let derived;
  try {
    derived = engine(rows, companions);
  } catch (err) {
    return { callId, underivable: underivableStatuses(refs, underivableReason(err)) };
  }
  return { callId, isNew, prepared: prepareCall(derived, refs, withDoc) };
}

function jobCompanions(job: ChunkJob, names: CompanionNames): CompanionLookup {
  const { agents, queues, menus } = names;
  const callIds = new Set(job.calls.callIds);
  const regs = new Map(job.registrations ?? []);
  const vars = new Map(job.variables ?? []);
  // The engine asks for the companions of the call it derives; anything else would be a bug: say so.
  const known = (callId: string) => {
    if (!callIds.has(callId)) throw new Error(`derive job: companions of call ${callId} were not sent`);
  };
  return {
    agentName: (id) => agents.get(id) ?? null,
    queueName: (key) => queues.get(key) ?? null,
    menuName: (id) => menus.get(id) ?? null,
    registrations: (callId) => {
      if (job.registrations === null) return [];
      known(callId);
      return regs.get(callId) ?? [];
    },
    variables: (callId) => {
      if (job.variables === null) return {};
      known(callId);
      return { ...(vars.get(callId) ?? {}) };
    },
  };
}
