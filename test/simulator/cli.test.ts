// `callscope simulate`: writes the files and a one-line summary; bad input is one clear line.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/main/cli/index';
import { tempDir } from './pipeline';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function run(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await main(args), err };
  } finally {
    spy.mockRestore();
  }
}

describe('callscope simulate', () => {
  it('--catalogue with --calls: says that the catalogue writes one call per scenario, not N calls', async () => {
    const out = join(tmp.dir, 'cat', 'c.csv');
    const { code, err } = await run(['simulate', '--calls', '300', '--seed', '5', '--catalogue', '--out', out]);
    expect(code).toBe(0);
    expect(err).toMatch(/^simulate: --catalogue writes one call of each scenario; --calls 300 does not apply\n/);
  });

  it('writes the export and its companions and prints one summary line', async () => {
    const out = join(tmp.dir, 'sub', 'x.csv');
    const { code, err } = await run(['simulate', '--calls', '500', '--seed', '5', '--tz', 'Europe/Oslo', '--out', out]);
    expect(code).toBe(0);
    expect(err).toMatch(/^simulate: 500 calls, \d+ rows, [\d.]+ MB in [\d.]+ s \(\d+ calls\/s\)/);
    expect(err.trim().split('\n')).toHaveLength(1);
    for (const f of [
      'x.csv',
      'x.agents.csv',
      'x.queues.csv',
      'x.menus.csv',
      'x.enqreg.csv',
      'x.call_variables.csv',
      'x.agent_events.csv',
    ]) {
      expect(existsSync(join(tmp.dir, 'sub', f))).toBe(true);
    }
  });

  it.each([
    [['simulate', '--out', 'x.csv'], /--calls N is required/],
    [['simulate', '--calls', '10'], /--out <file> is required/],
    [['simulate', '--calls=-3', '--out', 'x.csv'], /--calls must be a whole number/],
    [['simulate', '--calls', '10', '--tz', 'Moon/Base', '--out', 'x.csv'], /unknown time zone "Moon\/Base"/],
    [['simulate', '--calls', '10', '--start', 'May', '--out', 'x.csv'], /YYYY-MM-DD/],
    [['simulate', '--calls', '10', '--bogus', '--out', 'x.csv'], /bogus/],
    // A folder as --out used to "succeed" with no export written.
    [['simulate', '--calls', '10', '--out', tmp.dir], /is a folder; give a file name/],
  ])('rejects %j with one line', async (args, message) => {
    const { code, err } = await run(args as string[]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});
