// The engine alone, for the convert bench: the call-events rows of the export's first calls are read
// into memory, grouped by call, and derived and written as contract JSON several times over, with no
// reader, no companions and no output in the timing. With the reader's figure of the same run it tells
// how convert's CPU divides between reading and deriving (issue #10 goal 3), and it varies less from run
// to run than the whole command does.
import { deriveCall, toContractJson } from '../../shared/engine/index';
import { emptyCompanions, type CallEventRow } from '../../shared/model/call-events';
import { openExport } from '../readers/index';

/** Calls held in memory (about 5 rows each): enough for a stable figure, a few tens of MB. */
export const ENGINE_CALLS = 50_000;
const ROUNDS = 3;

export interface EngineFigures {
  calls: number;
  rows: number;
  /** Calls derived and written as JSON per CPU-second, the best of ROUNDS. */
  callsPerCpuSecond: number;
  rowsPerCpuSecond: number;
}

/**
 * The rows of the first `limit` calls of a call-events file, grouped by call. Reading stops after the
 * batch in which the limit is reached: an export writes a call's rows together, so at most the last
 * few calls may miss a row that comes later (a bench figure, not an archive).
 */
async function firstCalls(path: string, timeZone: string, limit: number): Promise<CallEventRow[][]> {
  const ex = await openExport(path, { timeZone });
  const byCall = new Map<string, CallEventRow[]>();
  for await (const batch of ex.batches) {
    for (const item of batch) {
      if (item.kind !== 'row') continue;
      const rows = byCall.get(item.row.callId);
      if (rows !== undefined) rows.push(item.row);
      else if (byCall.size < limit) byCall.set(item.row.callId, [item.row]);
    }
    if (byCall.size >= limit) break;
  }
  return [...byCall.values()];
}

export async function measureEngine(path: string, timeZone: string, limit = ENGINE_CALLS): Promise<EngineFigures> {
  const calls = await firstCalls(path, timeZone, limit);
  const rows = calls.reduce((n, c) => n + c.length, 0);
  let best = Infinity;
  let bytes = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const cpu0 = process.cpuUsage();
    for (const c of calls) bytes += toContractJson(deriveCall(c, emptyCompanions).call).length;
    const cpu = process.cpuUsage(cpu0);
    best = Math.min(best, (cpu.user + cpu.system) / 1e6);
  }
  if (bytes === 0) throw new Error('the engine bench derived nothing');
  return {
    calls: calls.length,
    rows,
    callsPerCpuSecond: Math.round(calls.length / best),
    rowsPerCpuSecond: Math.round(rows / best),
  };
}
