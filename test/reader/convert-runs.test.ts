// `convert` without the staging file (src/main/readers/call-runs.ts, src/main/cli/commands/convert-pass.ts):
// call-events files that can be read again are converted call by call as each run of rows ends,
// with the companion tables read first whatever their place on the command line; a call that comes
// back after its run ended sends the whole conversion through the staging file again. Every case
// must print the very bytes of the staged conversion.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertFiles, type ConvertSummary } from '../../src/main/cli/commands/convert';
import { writeSimulatedExport } from '../../src/main/simulator/write-export';
import type { RowVerdict } from '../../src/shared/model/row-ledger';
import { bundledCliBin } from '../common/cli-bundle';
import { makeZip } from '../archive/zip-fixture';
import { gzipSync } from 'node:zlib';
import { basename } from 'node:path';

const ZONE = 'Europe/Copenhagen';
/** A small window of call ids (the default, RUN_WINDOW, would need a far bigger export); the window itself: call-runs.test.ts. */
const WINDOW = 1000;
const dir = mkdtempSync(join(tmpdir(), 'callscope-runs-'));
let events = '';
let companions: string[] = [];

beforeAll(async () => {
  const sim = await writeSimulatedExport({
    calls: WINDOW + 400,
    seed: 12,
    out: join(dir, 'sim.csv'),
    timeZone: ZONE,
  });
  events = join(dir, 'sim.csv');
  companions = sim.files.filter((f) => f !== events);
  expect(companions.length).toBeGreaterThan(3);
}, 60_000);

interface Converted {
  summary: ConvertSummary;
  stdout: string;
  stderr: string;
  verdicts: Map<string, string>;
}

async function convert(paths: string[], stage = false): Promise<Converted> {
  let stdout = '';
  let stderr = '';
  const verdicts = new Map<string, string>();
  const summary = await convertFiles(
    paths,
    ZONE,
    { write: async (t) => void (stdout += t) },
    { write: async (t) => void (stderr += t) },
    {
      stage,
      runWindow: WINDOW,
      onVerdict: (o, v: RowVerdict) => void verdicts.set(`${o.file}:${o.line}`, `${v.status} ${v.reason}`),
    },
  );
  return { summary, stdout, stderr, verdicts };
}

/** The stderr without its last line (times and CPU differ from run to run). */
const messages = (stderr: string): string => stderr.replace(/time: [^\n]*\n$/, '');

/** The call-events file with the last row of the `nth` call (one with two rows or more) moved after `later` more calls. */
function resumedCall(nth: number, later: number, name: string): { path: string; callId: string } {
  const [header, ...lines] = readFileSync(events, 'utf8').trimEnd().split('\n');
  const runs: string[][] = [];
  for (const line of lines) {
    const id = line.slice(0, line.indexOf(','));
    const last = runs[runs.length - 1];
    if (last && last[0]!.startsWith(`${id},`)) last.push(line);
    else runs.push([line]);
  }
  let k = nth;
  while (runs[k]!.length < 2) k++;
  const moved = runs[k]!.pop() as string;
  runs.splice(Math.min(k + 1 + later, runs.length), 0, [moved]);
  const path = join(dir, name);
  writeFileSync(path, [header, ...runs.flat()].join('\n') + '\n');
  return { path, callId: moved.slice(0, moved.indexOf(',')) };
}

describe('convert without the staging file', () => {
  it('converts one sorted call-events file run by run (nothing staged), byte-equal to the staged conversion', async () => {
    const runs = await convert([...companions, events]);
    const staged = await convert([...companions, events], true);
    expect([runs.summary.grouping, runs.summary.stagedRows, runs.summary.restarted]).toEqual(['runs', 0, null]);
    expect([staged.summary.grouping, staged.summary.stagedRows]).toEqual(['stage', staged.summary.callEventRows]);
    expect(runs.summary.calls).toBe(WINDOW + 400);
    expect(runs.stdout).toBe(staged.stdout);
    expect(messages(runs.stderr)).toBe(messages(staged.stderr));
    expect(runs.verdicts).toEqual(staged.verdicts);
    expect(runs.summary.verdicts).toEqual(staged.summary.verdicts);
  }, 60_000);

  it('reads companion tables given after the call-events file first: the same bytes', async () => {
    const first = await convert([...companions, events]);
    const after = await convert([events, ...companions]);
    expect(after.summary.grouping).toBe('runs');
    expect(after.stdout).toBe(first.stdout);
    expect(after.stdout).toMatch(/"agent":"[^"]+"/); // names from the companions reached the calls
    expect(messages(after.stderr)).toBe(messages(first.stderr));
  }, 60_000);

  it.each([
    ['a few calls later (in the window)', 3, 'came back after its run ended'],
    [`more than ${WINDOW} calls later (below the floor)`, WINDOW + 50, 'may have come back after its run ended'],
  ])(
    'converts again through the staging file when a call comes back %s',
    async (_what, later, said) => {
      const { path, callId } = resumedCall(200, later, `resumed-${later}.csv`);
      const runs = await convert([path, ...companions]);
      const staged = await convert([path, ...companions], true);
      expect(runs.summary.grouping).toBe('stage');
      expect(runs.summary.stagedRows).toBe(staged.summary.callEventRows);
      expect(runs.summary.restarted).toContain(`call ${callId} ${said}`);
      expect(runs.stdout).toBe(staged.stdout);
      // One line says why; then the staged conversion's own messages, each once.
      const why = `${path}:`;
      const [first, ...rest] = runs.stderr.split('\n');
      expect(first).toMatch(
        new RegExp(
          `^${why.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\d+: call ${callId} .*${said}.*: converting again through the staging file$`,
        ),
      );
      expect(messages(rest.join('\n'))).toBe(messages(staged.stderr));
      // Counted once: the first pass's counts and verdicts were dropped.
      expect([runs.summary.read, runs.summary.used, runs.summary.kept]).toEqual([
        staged.summary.read,
        staged.summary.used,
        staged.summary.kept,
      ]);
      expect(runs.summary.verdicts).toEqual(staged.summary.verdicts);
      expect(runs.verdicts).toEqual(staged.verdicts);
    },
    60_000,
  );

  it.each([
    ['between two calls', 0],
    ['inside a call (its rows end one file and begin the next)', 1],
  ])(
    'converts a file cut in two %s run by run, byte-equal to the staged conversion',
    async (_where, inside) => {
      const [header, ...lines] = readFileSync(events, 'utf8').trimEnd().split('\n');
      let cut = Math.floor(lines.length / 2);
      const idOf = (line: string): string => line.slice(0, line.indexOf(','));
      // A cut between two calls: move it to a run's first row; inside a call: to a run's second row.
      while (idOf(lines[cut] as string) === idOf(lines[cut - 1] as string) ? inside === 0 : inside === 1) cut++;
      const [first, second] = [join(dir, `first-${inside}.csv`), join(dir, `second-${inside}.csv`)];
      writeFileSync(first, [header, ...lines.slice(0, cut)].join('\n') + '\n');
      writeFileSync(second, [header, ...lines.slice(cut)].join('\n') + '\n');
      const runs = await convert([first, second, ...companions]);
      const staged = await convert([first, second, ...companions], true);
      expect([runs.summary.grouping, runs.summary.stagedRows, runs.summary.restarted]).toEqual(['runs', 0, null]);
      expect(runs.summary.calls).toBe(WINDOW + 400);
      expect(runs.stdout).toBe(staged.stdout);
      expect(messages(runs.stderr)).toBe(messages(staged.stderr));
      expect(runs.verdicts).toEqual(staged.verdicts);
    },
    60_000,
  );

  it('converts two call-events files that share calls (a re-delivery) again through the staging file', async () => {
    const half = join(dir, 'half.csv');
    const [header, ...lines] = readFileSync(events, 'utf8').trimEnd().split('\n');
    writeFileSync(half, [header, ...lines.slice(0, 10)].join('\n') + '\n');
    const two = await convert([half, events, ...companions]);
    expect([two.summary.grouping, two.summary.stagedRows]).toEqual(['stage', two.summary.callEventRows]);
    expect(two.summary.restarted).toMatch(/came back after its run ended/);
    expect(two.stdout).toBe((await convert([half, events, ...companions], true)).stdout);
  }, 60_000);

  it('stages the rows read from standard input (it cannot be read again)', () => {
    const run = (args: string[], input?: Buffer) =>
      spawnSync(process.execPath, [bundledCliBin(), 'convert', ...args], {
        encoding: 'utf8',
        input,
        maxBuffer: 64 << 20,
        env: { ...process.env, CALLSCOPE_TIMINGS: '1' },
      });
    const fromFile = run([events, ...companions]);
    expect(fromFile.status).toBe(0);
    expect(fromFile.stderr).toMatch(/grouping: 'runs'/);
    const fromStdin = run(['-', ...companions], readFileSync(events));
    expect(fromStdin.status).toBe(0);
    expect(fromStdin.stderr).toMatch(/grouping: 'stage'/);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  }, 240_000);

  it('reads a gzip file and ZIP members again when it gives up (they can be reopened)', async () => {
    const zip = join(dir, 'companions.zip');
    writeFileSync(zip, makeZip(companions.map((f) => ({ name: basename(f), data: readFileSync(f) }))));
    const cases = [
      { file: events, grouping: 'runs', gaveUp: false },
      { file: resumedCall(300, 5, 'resumed-gz.csv').path, grouping: 'stage', gaveUp: true },
    ];
    for (const { file, grouping, gaveUp } of cases) {
      const gz = join(dir, `${basename(file)}.gz`);
      writeFileSync(gz, gzipSync(readFileSync(file)));
      const runs = await convert([gz, zip]);
      const staged = await convert([gz, zip], true);
      expect([runs.summary.grouping, runs.summary.restarted !== null]).toEqual([grouping, gaveUp]);
      expect(runs.summary.calls).toBe(WINDOW + 400);
      expect(runs.stdout).toBe(staged.stdout);
      expect(runs.summary.verdicts).toEqual(staged.summary.verdicts);
    }
  }, 60_000);
});
