// --deliveries: an export cut in time holds calls in progress as they stood;
// the next export re-delivers them complete (new rec_ids, newer dte_updated).
// Read through the real reader, the engine must derive from both files the same
// call as from the complete delivery alone, keeping the older rows as superseded.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openExport } from '../../src/main/readers';
import { writeSimulatedExport } from '../../src/main/simulator/write-export';
import { deriveCall, toContractJson } from '../../src/shared/engine';
import { emptyCompanions, type CallEventRow } from '../../src/shared/model/call-events';
import { ZONE, tempDir } from './pipeline';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function rowsByCall(path: string): Promise<Map<string, CallEventRow[]>> {
  const byCall = new Map<string, CallEventRow[]>();
  const ex = await openExport(path, { timeZone: ZONE });
  for await (const batch of ex.batches) {
    for (const it of batch) {
      if (it.kind !== 'row') throw new Error(`unexpected ${it.kind}`);
      const list = byCall.get(it.row.callId) ?? [];
      list.push(it.row);
      byCall.set(it.row.callId, list);
    }
  }
  return byCall;
}

describe('exports cut in time (--deliveries 2)', () => {
  it('re-deliver calls in progress complete, and the engine keeps only the newest set', async () => {
    const out = join(tmp.dir, 'cut.csv');
    const result = await writeSimulatedExport({ calls: 5000, days: 14, seed: 11, out, deliveries: 2 });
    expect(result.files.slice(0, 2)).toEqual([join(tmp.dir, 'cut.part1.csv'), join(tmp.dir, 'cut.part2.csv')]);
    const part1 = await rowsByCall(result.files[0]!);
    const part2 = await rowsByCall(result.files[1]!);
    expect(new Set([...part1.keys(), ...part2.keys()]).size).toBe(5000);
    const both = [...part1.keys()].filter((id) => part2.has(id));
    expect(both.length).toBeGreaterThan(3);
    for (const id of both) {
      const older = part1.get(id)!;
      const newer = part2.get(id)!;
      expect(newer.length).toBeGreaterThan(older.length);
      expect(Math.min(...newer.map((r) => r.updated!))).toBeGreaterThan(Math.max(...older.map((r) => r.updated!)));
      const recIds = new Set(older.map((r) => r.recId));
      expect(newer.some((r) => recIds.has(r.recId))).toBe(false);
      const alone = deriveCall(newer, emptyCompanions);
      const together = deriveCall([...older, ...newer], emptyCompanions);
      expect(toContractJson(together.call)).toBe(toContractJson(alone.call));
      expect(together.kept.length).toBe(older.length);
    }
  });
});
