// `callscope convert` (its conversion function, in process) reproduces every
// scenario golden under resources/samples/scenarios: <name>.csv plus its
// <name>.<part>.csv files and the shared agents.csv / queues.csv, in any order.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertFiles } from '../../src/main/cli/commands/convert';

const DIR = join(__dirname, '../../resources/samples/scenarios');
const files = readdirSync(DIR);
const scenarios = files
  .filter((f) => f.endsWith('.golden.json'))
  .map((f) => f.slice(0, -'.golden.json'.length))
  .sort();

function sink() {
  let text = '';
  return { write: async (t: string) => void (text += t), text: () => text };
}

describe('convert reproduces the scenario goldens', () => {
  it('has scenarios to check', () => {
    expect(scenarios.length).toBeGreaterThan(5);
  });

  it.each(scenarios)('%s', async (name) => {
    const own = files.filter((f) => f === `${name}.csv` || (f.startsWith(`${name}.`) && f.endsWith('.csv')));
    // Companion tables last and the export parts reversed: the order of the files must not matter.
    const paths = [...own.reverse(), 'queues.csv', 'agents.csv'].map((f) => join(DIR, f));
    const out = sink();
    const err = sink();
    const summary = await convertFiles(paths, 'Europe/Copenhagen', out, err);
    const golden = JSON.parse(readFileSync(join(DIR, `${name}.golden.json`), 'utf8')) as unknown[];
    const printed = out
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(printed).toEqual(golden);
    expect(summary.rejected).toBe(0);
    expect(summary.read).toBe(summary.used + summary.kept + summary.rejected);
  });
});
