// `convert` and `import` as a user runs them on compressed and piped exports (#11 item 4):
// `-` is standard input, `<(zcat …)` is /dev/fd/N (once "ESPIPE: invalid seek"), a ZIP is its members.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { csv, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { makeZip } from './zip-fixture';
import { runCli } from '../common/run-cli';
import { bundledCliBin } from '../common/cli-bundle';

/**
 * A spawned CLI: standard input is a process's own, only a process of its own proves reading it. The
 * command bundled (test/common/cli-bundle.ts): the same code without tsx's start in the process and in
 * its import thread; test/archive/cli.test.ts spawns bin/callscope.mjs itself.
 */
const run = (args: string[], input?: Buffer | string) =>
  spawnSync(process.execPath, [bundledCliBin(), ...args], { encoding: 'utf8', input });
/** Files named on the command line: the command in this process (test/common/run-cli.ts). */
const cli = (...args: string[]) => runCli(args);
// Each spawn starts a Node process (seconds on a busy machine): generous timeouts.
const SLOW = 240_000;
const hasBash = spawnSync('bash', ['-c', 'cat <(echo ok)'], { encoding: 'utf8' }).stdout === 'ok\n';

describe('convert and import from standard input, pipes, .gz and .zip', () => {
  const dir = tempDir();
  const text = csv(manyCalls(8).flatMap(inboundRows));
  const plain = writeFile(dir, 'calls.csv', text);
  const gz = writeFile(dir, 'calls.csv.gz', gzipSync(Buffer.from(text)));

  it(
    'convert - (plain or gzipped on stdin) prints the same calls as convert <file>',
    async () => {
      const fromFile = await cli('convert', plain);
      expect(fromFile.status).toBe(0);
      expect(fromFile.stdout.trim().split('\n')).toHaveLength(8);
      const fromStdin = run(['convert', '-'], text);
      expect(fromStdin.status).toBe(0);
      expect(fromStdin.stdout).toBe(fromFile.stdout);
      expect(fromStdin.stderr).toMatch(/^stdin: call_events/m);
      const gzStdin = run(['convert', '-'], readFileSync(gz));
      expect(gzStdin.stdout).toBe(fromFile.stdout);
      expect((await cli('convert', '-', '-')).status).toBe(2); // refused before reading anything
    },
    SLOW,
  );

  it.skipIf(!hasBash)(
    'convert <(zcat …) reads the pipe as a stream (no "invalid seek")',
    async () => {
      const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bundledCliBin()}" convert <(cat "${gz}")`], {
        encoding: 'utf8',
      });
      expect(r.stderr).not.toMatch(/ESPIPE|invalid seek/);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe((await cli('convert', plain)).stdout);
    },
    SLOW,
  );

  it(
    'import - imports standard input (hashed while read); the same content as a .gz file is then a no-op',
    async () => {
      const db = join(tempDir(), 'a.db');
      const first = run(['import', '-', '--db', db], text);
      expect(first.status).toBe(0);
      expect(first.stderr).toMatch(/imported stdin as import #1: \d+ rows read .* 8 calls derived/);
      const again = await cli('import', gz, '--db', db);
      expect(again.status).toBe(0);
      expect(again.stderr).toMatch(/calls\.csv\.gz: already imported as import #1 \(stdin\)/);
      const stdinAgain = run(['import', '-', '--db', db], text);
      expect(stdinAgain.status).toBe(0);
      expect(stdinAgain.stderr).toMatch(/stdin: already imported as import #1/);
      const list = JSON.parse((await cli('imports', '--db', db, '--json')).stdout) as { fileName: string }[];
      expect(list.map((r) => r.fileName)).toEqual(['stdin']);
    },
    SLOW,
  );

  it(
    'import of a .zip: each member an import with the ZIP and the member named; a cut ZIP is refused whole',
    async () => {
      const zdir = tempDir();
      const zip = writeFile(
        zdir,
        'two.zip',
        makeZip([
          { name: 'part1/calls.csv', data: csv(manyCalls(3, 100).flatMap(inboundRows)) },
          { name: 'part2/calls.csv', data: csv(manyCalls(4, 200).flatMap(inboundRows)) },
        ]),
      );
      const db = join(zdir, 'a.db');
      const r = await cli('import', zip, '--db', db);
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(/imported two\.zip\/part1\/calls\.csv as import #1: .* 3 calls derived/);
      expect(r.stderr).toMatch(/imported two\.zip\/part2\/calls\.csv as import #2: .* 4 calls derived/);
      expect(r.stderr).toMatch(
        /read from the ZIP two\.zip \(sha256 [0-9a-f]{64}, [\d,]+ bytes\), member part2\/calls\.csv/,
      );
      expect(r.stderr).toMatch(/2 file\(s\) imported .* 0 failed/);
      const cut = writeFile(zdir, 'cut.zip', readFileSync(zip).subarray(0, 200));
      const bad = await cli('import', cut, '--db', db);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/FAIL cut\.zip: not a readable ZIP file \(.+\); nothing of it was imported/);
      expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
    },
    SLOW,
  );
});
