// Test helper: a simulated export written to a temporary folder, read back
// through the real reader and derived call by call by the engine. The writer
// emits all rows of a call together, so calls are grouped while streaming.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openExport } from '../../src/main/readers';
import {
  companionPaths,
  writeSimulatedExport,
  type WriteOptions,
  type WriteResult,
} from '../../src/main/simulator/write-export';
import { deriveCall } from '../../src/shared/engine';
import type { DerivedCall } from '../../src/shared/model/archive-call';
import type { CallEventRow, CompanionLookup, EnquiryRegistration } from '../../src/shared/model/call-events';

export const ZONE = 'Europe/Copenhagen';

export interface PipelineCall {
  rows: CallEventRow[];
  derived: DerivedCall;
  scenario: string;
  /** Agent name by id (the agents companion table). */
  agentName(id: string): string;
}

export interface PipelineStats {
  result: WriteResult;
  rowItems: number;
  otherItems: Record<string, number>;
  rejected: string[];
  calls: number;
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'callscope-sim-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Simulates, reads and derives; calls `visit` for every derived call (nothing is kept in memory). */
export async function simulateAndDerive(
  options: Omit<WriteOptions, 'out'>,
  visit: (call: PipelineCall) => void,
): Promise<PipelineStats> {
  const { dir, cleanup } = tempDir();
  try {
    const out = join(dir, 'sim.csv');
    const result = await writeSimulatedExport({ ...options, out, tagScenarios: true });
    const paths = companionPaths(out);
    const agents = new Map<string, string>();
    const queues = new Map<string, string>();
    const menus = new Map<string, string>();
    const regs = new Map<string, EnquiryRegistration[]>();
    const vars = new Map<string, Record<string, string>>();
    const otherItems: Record<string, number> = {};
    const rejected: string[] = [];
    for (const f of [paths.agents, paths.queues, paths.menus, paths.enqreg, paths.variables]) {
      const ex = await openExport(f, { timeZone: ZONE });
      for await (const batch of ex.batches) {
        for (const it of batch) {
          otherItems[it.kind] = (otherItems[it.kind] ?? 0) + 1;
          if (it.kind === 'agent') agents.set(it.agentId, it.name);
          else if (it.kind === 'queue') queues.set(it.queueKey, it.name);
          else if (it.kind === 'menu') menus.set(it.menuId, it.name);
          else if (it.kind === 'registration') {
            const list = regs.get(it.registration.callId) ?? [];
            list.push(it.registration);
            regs.set(it.registration.callId, list);
          } else if (it.kind === 'variable')
            vars.set(it.callId, { ...(vars.get(it.callId) ?? {}), [it.name]: it.value });
          else if (it.kind === 'rejected')
            rejected.push(`${it.rejected.origin.file}:${it.rejected.origin.line} ${it.rejected.reason}`);
        }
      }
    }
    const companions: CompanionLookup = {
      agentName: (id) => agents.get(id) ?? null,
      queueName: (key) => queues.get(key) ?? null,
      menuName: (id) => menus.get(id) ?? null,
      registrations: (callId) => regs.get(callId) ?? [],
      variables: (callId) => vars.get(callId) ?? {},
    };
    let rowItems = 0;
    let calls = 0;
    let group: CallEventRow[] = [];
    const flush = () => {
      if (group.length === 0) return;
      const callId = group[0]!.callId;
      visit({
        rows: group,
        derived: deriveCall(group, companions),
        scenario: vars.get(callId)?.scenario ?? '',
        agentName: (id) => agents.get(id) ?? id,
      });
      calls++;
      group = [];
    };
    const ex = await openExport(out, { timeZone: ZONE });
    for await (const batch of ex.batches) {
      for (const it of batch) {
        if (it.kind === 'row') {
          rowItems++;
          if (group.length > 0 && group[0]!.callId !== it.row.callId) flush();
          group.push(it.row);
        } else {
          otherItems[it.kind] = (otherItems[it.kind] ?? 0) + 1;
          if (it.kind === 'rejected')
            rejected.push(`${it.rejected.origin.file}:${it.rejected.origin.line} ${it.rejected.reason}`);
        }
      }
    }
    flush();
    return { result, rowItems, otherItems, rejected, calls };
  } finally {
    cleanup();
  }
}
