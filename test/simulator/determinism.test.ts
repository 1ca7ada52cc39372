// The same seed gives byte-identical files; another seed gives other calls.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSimulatedExport } from '../../src/main/simulator/write-export';
import { SCENARIO_NAMES } from '../../src/shared/simulator/scenarios';
import { tempDir } from './pipeline';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function hashes(name: string, seed: number, extra: { catalogue?: boolean } = {}) {
  const out = join(tmp.dir, `${name}.csv`);
  const result = await writeSimulatedExport({ calls: 3000, seed, out, ...extra });
  return { result, hashes: result.files.map((f) => createHash('sha256').update(readFileSync(f)).digest('hex')) };
}

describe('determinism', () => {
  it('the same seed gives byte-identical export and companion files', async () => {
    const a = await hashes('a', 42);
    const b = await hashes('b', 42);
    expect(a.result.files).toHaveLength(7);
    expect(a.result.calls).toBe(3000);
    expect(b.hashes).toEqual(a.hashes);
  });

  it('different seeds give different exports', async () => {
    const a = await hashes('c', 42);
    const b = await hashes('d', 43);
    expect(b.hashes[0]).not.toBe(a.hashes[0]);
  });

  it('the catalogue holds exactly one call of each scenario, tagged by the call variable "scenario"', async () => {
    const a = await hashes('cat1', 1, { catalogue: true });
    const b = await hashes('cat2', 1, { catalogue: true });
    expect(b.hashes).toEqual(a.hashes);
    expect(a.result.calls).toBe(SCENARIO_NAMES.length);
    expect(Object.keys(a.result.scenarios).sort()).toEqual([...SCENARIO_NAMES].sort());
    const vars = readFileSync(join(tmp.dir, 'cat1.call_variables.csv'), 'utf8')
      .split('\n')
      .filter((l) => l.includes(',scenario,'));
    expect(vars.map((l) => l.split(',')[2]).sort()).toEqual([...SCENARIO_NAMES].sort());
    const callIds = new Set(
      readFileSync(join(tmp.dir, 'cat1.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    );
    expect(callIds.size).toBe(SCENARIO_NAMES.length);
  });
});
