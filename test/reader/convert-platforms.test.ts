// `callscope convert` on other platforms' exports: the same archive calls the
// platform importers' hand-checked goldens hold (test/fixtures/formats).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../common/run-cli';

const root = join(__dirname, '..', '..');
const formats = join('test', 'fixtures', 'formats');

/** The command in this process, the file named relative to the repository root as a user types it. */
async function convert(file: string) {
  const r = await runCli(['convert', join(formats, file)]);
  return {
    code: r.status,
    calls: r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
    stderr: r.stderr,
  };
}

function golden(file: string): Record<string, unknown>[] {
  return readFileSync(join(root, formats, file), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .map((g) => g.call ?? g);
}

const byId = (calls: { callId: string }[]) => Object.fromEntries(calls.map((c) => [c.callId, c]));

describe('callscope convert on other platforms', () => {
  it.each([
    ['connect/ctr.jsonl', 'connect/ctr.golden.jsonl'],
    ['genesys/conversations.json', 'genesys/conversations.golden.jsonl'],
    ['asterisk/queue_log', 'asterisk/queue_log.golden.jsonl'],
  ])('%s gives the golden calls', async (input, expected) => {
    const r = await convert(input);
    expect(r.code).toBe(0);
    const want = golden(expected) as { callId: string }[];
    expect(r.calls).toHaveLength(want.length);
    expect(byId(r.calls)).toEqual(byId(want));
    expect(r.stderr).toMatch(/calls derived: \d+/);
  });
});
