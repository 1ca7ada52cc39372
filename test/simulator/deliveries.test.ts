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

describe('exports cut in time (--deliveries 4, cuts at noon)', () => {
  it('re-deliver calls in progress complete, and the engine keeps only the newest set', async () => {
    const out = join(tmp.dir, 'cut.csv');
    const result = await writeSimulatedExport({ calls: 5000, days: 10, seed: 11, out, deliveries: 4 });
    expect(result.files.slice(0, 4)).toEqual([1, 2, 3, 4].map((k) => join(tmp.dir, `cut.part${k}.csv`)));
    const parts = await Promise.all(result.files.slice(0, 4).map(rowsByCall));
    const ids = new Set(parts.flatMap((p) => [...p.keys()]));
    expect(ids.size).toBe(5000);
    let redelivered = 0;
    let pending = 0;
    for (const id of ids) {
      const sets = parts.map((p) => p.get(id)).filter((x): x is CallEventRow[] => x !== undefined);
      if (sets.length < 2) continue;
      redelivered++;
      for (let k = 1; k < sets.length; k++) {
        const older = sets[k - 1]!;
        const newer = sets[k]!;
        expect(newer.length).toBeGreaterThan(older.length);
        expect(Math.min(...newer.map((r) => r.updated!))).toBeGreaterThan(Math.max(...older.map((r) => r.updated!)));
        const recIds = new Set(older.map((r) => r.recId));
        expect(newer.some((r) => recIds.has(r.recId))).toBe(false);
      }
      // An earlier part holding only the ordering session: a callback still pending (spec section 5).
      if (deriveCall(sets[0]!, emptyCompanions).call.outcome === 'pending') pending++;
      const newest = sets[sets.length - 1]!;
      const alone = deriveCall(newest, emptyCompanions);
      const together = deriveCall(sets.flat(), emptyCompanions);
      expect(toContractJson(together.call)).toBe(toContractJson(alone.call));
      expect(together.kept.length).toBe(sets.flat().length - newest.length);
    }
    expect(redelivered).toBeGreaterThan(5);
    expect(pending).toBeGreaterThan(0);
  });
});
