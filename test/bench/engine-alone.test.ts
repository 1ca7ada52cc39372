// The convert bench's engine figure (src/main/bench/engine-alone.ts) derives the export's first calls,
// each with its rows (a call cut short would measure a cheaper call than convert derives).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureEngine } from '../../src/main/bench/engine-alone';
import { writeSimulatedExport } from '../../src/main/simulator/write-export';
import { readExportItems } from '../../src/main/readers/index';
import { tempDir } from '../archive/fixtures';

describe('the engine bench', () => {
  it('derives the first calls with all their rows, and says how fast', async () => {
    const out = join(tempDir(), 'sim.csv');
    await writeSimulatedExport({ calls: 300, days: 1, seed: 3, timeZone: 'Europe/Copenhagen', out });
    const { items } = await readExportItems(out, { timeZone: 'Europe/Copenhagen' });
    const rowsOf = new Map<string, number>();
    for (const it of items) if (it.kind === 'row') rowsOf.set(it.row.callId, (rowsOf.get(it.row.callId) ?? 0) + 1);
    const first = [...rowsOf.keys()].slice(0, 40);
    const f = await measureEngine(out, 'Europe/Copenhagen', 40);
    expect(f.calls).toBe(40);
    expect(f.rows).toBe(first.reduce((n, id) => n + (rowsOf.get(id) ?? 0), 0));
    expect(f.callsPerCpuSecond).toBeGreaterThan(0);
    expect(f.rowsPerCpuSecond).toBeGreaterThan(f.callsPerCpuSecond);
  });
});
