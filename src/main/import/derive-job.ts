// One chunk of calls to derive, in the form that crosses to the derive worker:
// per call its stored rows as encoded norms (the strings raw_rows stores) plus
// their ids, origins and statuses; the companion data the engine will ask for.
// deriveJob runs the engine and prepareCall over it. Pure (no node imports).
import { deriveCall } from '../../shared/engine/index';
import type { CallEventRow, CompanionLookup, EnquiryRegistration } from '../../shared/model/call-events';
import { prepareCall, underivableStatuses, type StoreItem, type StoredRowRef } from './call-rows';
import { decodeNorm } from './row-codec';
import { underivableReason } from '../../shared/model/row-ledger';

export interface CallJob {
  callId: string;
  /** No archive call has this id yet (all its rows are in this chunk). */
  isNew: boolean;
  ids: number[];
  norms: string[];
  files: string[];
  lines: number[];
  statuses: ('used' | 'kept')[];
  reasons: (string | null)[];
  fromStore: boolean;
}

/** agents / queues / menus: key → name, the whole tables (they are small and change only between files). */
export interface CompanionNames {
  agents: Map<string, string>;
  queues: Map<string, string>;
  menus: Map<string, string>;
}

export interface ChunkJob {
  seq: number;
  calls: CallJob[];
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
  const out: CallResult[] = [];
  for (const c of job.calls) {
    const rows: CallEventRow[] = [];
    const refs: StoredRowRef[] = [];
    for (let i = 0; i < c.ids.length; i++) {
      const origin = { file: c.files[i]!, line: c.lines[i]! };
      rows.push(decodeNorm(c.norms[i]!, origin));
      refs.push({ id: c.ids[i]!, origin, status: c.statuses[i]!, reason: c.reasons[i]!, fromStore: c.fromStore });
    }
    out.push(deriveOne(c.callId, c.isNew, rows, refs, companions));
  }
  return out;
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
  const callIds = new Set(job.calls.map((c) => c.callId));
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
