// SqliteCompanions.forCalls: the import thread derives a chunk's calls with their registrations and
// variables read in two queries per 500 calls; each call must get exactly what its own lookup reads.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/main/import/run-import';
import { SqliteCompanions } from '../../src/main/import/sqlite-companions';
import { companionPaths, writeSimulatedExport } from '../../src/main/simulator/write-export';
import type { Archive } from '../../src/main/store/archive';
import { tempDir } from './fixtures';
import { freshArchive, TZ } from './helpers';

const opened: Archive[] = [];
afterAll(() => {
  while (opened.length) opened.pop()!.close();
});

describe('SqliteCompanions.forCalls', () => {
  it('answers each call as its own lookup does, and a call it was not given by its own lookup', async () => {
    const out = join(tempDir(), 'sim.csv');
    await writeSimulatedExport({ calls: 300, days: 2, seed: 9, timeZone: TZ, out });
    const c = companionPaths(out);
    const s = freshArchive();
    opened.push(s.archive);
    const records = await importFiles(s.archive, [c.agents, c.queues, c.menus, c.enqreg, c.variables, out], {
      timeZone: TZ,
      inProcess: true,
    });
    expect(records.map((r) => r.status)).toEqual(Array(6).fill('done'));
    const lookup = new SqliteCompanions(s.archive.db);
    const ids = s.archive.db.prepare('SELECT call_id FROM calls ORDER BY id').pluck().all() as string[];
    // not given: a call with registrations and variables (read by its own lookup)
    const other = ids.findLast(
      (id) => lookup.registrations(id).length > 0 && Object.keys(lookup.variables(id)).length > 0,
    )!;
    expect(other).toBeDefined();
    const given = ids.filter((id) => id !== other);
    const batch = lookup.forCalls(given);
    let withRegs = 0;
    let withVars = 0;
    for (const id of [...given, other]) {
      expect(batch.registrations(id), id).toEqual(lookup.registrations(id));
      expect(batch.variables(id), id).toEqual(lookup.variables(id));
      // the same keys in the same order (the engine lists variables as they come)
      expect(Object.keys(batch.variables(id))).toEqual(Object.keys(lookup.variables(id)));
      if (lookup.registrations(id).length > 0) withRegs++;
      if (Object.keys(lookup.variables(id)).length > 1) withVars++;
    }
    // the export has calls with registrations and with several variables, and calls with none
    expect(withRegs).toBeGreaterThan(0);
    expect(withVars).toBeGreaterThan(0);
    expect(given.some((id) => lookup.registrations(id).length === 0)).toBe(true);
    // a call id that no call has
    expect(batch.registrations('no-such-call')).toEqual([]);
    expect(batch.variables('no-such-call')).toEqual({});
  });
});
