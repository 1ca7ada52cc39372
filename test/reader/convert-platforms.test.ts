// `callscope convert` on other platforms' exports: the same archive calls the
// platform importers' hand-checked goldens hold (test/fixtures/formats).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const formats = join('test', 'fixtures', 'formats');

function convert(file: string) {
  const r = spawnSync(process.execPath, ['bin/callscope.mjs', 'convert', join(formats, file)], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
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
  ])('%s gives the golden calls', (input, expected) => {
    const r = convert(input);
    expect(r.code).toBe(0);
    const want = golden(expected) as { callId: string }[];
    expect(r.calls).toHaveLength(want.length);
    expect(byId(r.calls)).toEqual(byId(want));
    expect(r.stderr).toMatch(/calls derived: \d+/);
  });
});
