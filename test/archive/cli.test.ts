// The archive commands as a user runs them: exit codes, one-line errors,
// show --json byte-equal to convert's line for the call.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { csv, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { runCli } from '../common/run-cli';
import { bundledWorkerEntry } from '../common/worker-entry';

const BIN = join(__dirname, '../../bin/callscope.mjs');
const run = (...args: string[]) => runCli(args);

describe('bin/callscope.mjs', () => {
  it('runs a command in a process of its own (the other tests run the CLI in-process)', () => {
    const r = spawnSync(process.execPath, [BIN, 'search', '--db', join(tempDir(), 'none.db')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^callscope search: .*none\.db/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('imports through the relaunch of bin/import-malloc.mjs on Linux: the same output and exit codes', () => {
    const dir = tempDir();
    const good = writeFile(dir, 'good.csv', csv(manyCalls(3).flatMap(inboundRows)));
    const db = join(dir, 'a.db');
    const env = { ...process.env, MALLOC_MMAP_THRESHOLD_: undefined };
    const ok = spawnSync(process.execPath, [BIN, 'import', good, '--db', db], { encoding: 'utf8', env });
    expect(ok.stderr).toMatch(/1 file\(s\) imported \(\d+ rows, 3 calls derived\)/);
    expect(ok.status).toBe(0);
    const missing = spawnSync(process.execPath, [BIN, 'import', join(dir, 'none.csv'), '--db', db], {
      encoding: 'utf8',
      env,
    });
    expect(missing.stderr).toMatch(/^callscope import: cannot read .*none\.csv/);
    expect(missing.status).toBe(2);
  });
});

describe('a time zone that does not exist', () => {
  it.each([['import', 'x.csv'], ['search'], ['stats'], ['evidence', '1', '--out', 'e.html']])(
    '%s: refused before any work, in the same words (import made the archive and blamed the file)',
    async (command, ...rest) => {
      const dir = tempDir();
      const db = join(dir, 'zone.db');
      if (command !== 'import')
        expect(
          (await run('import', writeFile(dir, 'x.csv', csv(manyCalls(2).flatMap(inboundRows))), '--db', db)).status,
        ).toBe(0);
      const r = await run(command, ...rest, '--db', db, '--tz', 'Europe/Nowhere');
      expect(r.stderr).toBe(
        `callscope ${command}: unknown time zone "Europe/Nowhere": give an IANA name such as Europe/Copenhagen or Europe/Oslo\n`,
      );
      expect(r.status).toBe(2);
      if (command === 'import') expect(existsSync(db)).toBe(false);
    },
  );
});

describe('rejected rows', () => {
  it('a new archive in a folder that is not there is said in words', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'x.csv', csv(manyCalls(1).flatMap(inboundRows)));
    const r = await run('import', file, '--db', join(dir, 'nodir', 'a.db'));
    expect(r.stderr).toBe(
      `callscope import: cannot create the archive ${join(dir, 'nodir', 'a.db')}: the folder ${join(dir, 'nodir')} does not exist\n`,
    );
    expect(r.status).toBe(1);
  });

  it("search: an export's options without --out are refused, not silently ignored", async () => {
    const dir = tempDir();
    const db = join(dir, 'o.db');
    expect(
      (await run('import', writeFile(dir, 'x.csv', csv(manyCalls(2).flatMap(inboundRows))), '--db', db)).status,
    ).toBe(0);
    const r = await run('search', '--db', db, '--format', 'csv', '--events', join(dir, 'ev.csv'));
    expect(r.stderr).toBe('callscope search: --format, --events belong to an export: add --out <file>\n');
    expect(r.status).toBe(2);
  });

  it('an import with rejected rows says where they are listed; an import that is not there is said', async () => {
    const dir = tempDir();
    const db = join(dir, 'r.db');
    const text = csv(manyCalls(3).flatMap(inboundRows));
    // A second record cut to too few fields: rejected with its line, the rest imported.
    const lines = text.split('\n');
    lines.splice(2, 0, 'only,three,fields');
    const file = writeFile(dir, 'some-bad.csv', lines.join('\n'));
    const r = await run('import', file, '--db', db);
    expect(r.stderr).toMatch(/\+ 1 rejected;/);
    expect(r.stderr).toMatch(
      /the rejected rows, each with its line and reason: callscope imports --rejected 1 --db <archive>/,
    );
    const listed = await run('imports', '--db', db, '--rejected', '1');
    expect(listed.stdout).toMatch(/some-bad\.csv\s+3\s/);
    const none = await run('imports', '--db', db, '--rejected', '99');
    expect(none.stderr).toBe(`callscope imports: no import #99 in ${db} (callscope imports lists them)\n`);
    expect(none.status).toBe(1);
  });
});

describe('standard output that cannot be written', () => {
  const input = () => writeFile(tempDir(), 'many.csv', csv(manyCalls(400).flatMap(inboundRows)));

  it('a reader that goes away (| head -1) ends the command quietly with 0, not a stack trace', async () => {
    const db = join(tempDir(), 'piped.db');
    expect((await run('import', input(), '--db', db)).status).toBe(0);
    const child = spawn(process.execPath, [BIN, 'search', '--db', db, '--limit', '400'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await once(child.stdout, 'data');
    child.stdout.destroy(); // as `head` exits after its first line
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(stderr).not.toMatch(/^\s+at |node:internal|EPIPE/m);
    expect(code).toBe(0);
  });

  it('a full disk says so in one line and exits 1 (it used to end 0 or with a trace)', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'convert', input()], {
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      });
      expect(r.stderr).toMatch(/^callscope: cannot write the output: the disk is full$/m);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.status).toBe(1);
    } finally {
      closeSync(full);
    }
  });
});

describe('callscope import / search / show / imports / verify', () => {
  it('works end to end with the right exit codes', async () => {
    const dir = tempDir();
    const db = join(dir, 'a.db');
    const good = writeFile(dir, 'good.csv', csv(manyCalls(15).flatMap(inboundRows)));
    const bad = writeFile(dir, 'bad.csv', 'hello\nworld\n');

    expect((await run('import', '--db', db)).status).toBe(2); // no files
    expect((await run('import', good)).status).toBe(2); // no --db

    const first = await run('import', good, '--db', db, '--tz', 'Europe/Copenhagen');
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(
      /imported good\.csv as import #1: \d+ rows read = \d+ used \+ 0 kept \+ 0 rejected; 15 calls derived/,
    );

    const again = await run('import', good, bad, '--db', db);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already imported as import #1/);
    expect(again.stderr).toMatch(/FAIL bad\.csv: .*nothing of it was imported/);

    const search = await run('search', '--db', db, '--json', '--limit', '4', '--sort', 'speakTimeSec');
    expect(search.status).toBe(0);
    const page = JSON.parse(search.stdout) as { rows: { callId: string }[]; total: number; nextCursor: string };
    expect(page.total).toBe(15);
    expect(page.rows).toHaveLength(4);
    const next = JSON.parse(
      (await run('search', '--db', db, '--json', '--limit', '4', '--sort', 'speakTimeSec', '--cursor', page.nextCursor))
        .stdout,
    );
    expect(next.rows[0].callId).not.toBe(page.rows[0]!.callId);
    // --offset jumps to a row position: the same rows as paging there with cursors.
    const jumped = JSON.parse(
      (await run('search', '--db', db, '--json', '--limit', '4', '--sort', 'speakTimeSec', '--offset', '4')).stdout,
    );
    expect(jumped.rows.map((r: { callId: string }) => r.callId)).toEqual(
      next.rows.map((r: { callId: string }) => r.callId),
    );
    expect((await run('search', '--db', db, '--offset', '4', '--cursor', page.nextCursor)).status).toBe(2);
    expect((await run('search', '--db', db, '--offset', '4', '--limit', '2', '--facets')).stdout).toMatch(
      /rows 5–6, 2 of 15 calls/,
    );
    expect((await run('search', '--db', db, '--type', 'nonsense')).status).toBe(2);
    expect((await run('search', '--db', db, '--min-wait', 'x')).status).toBe(2);
    const text = await run('search', '--db', db, '--agent', 'a101', '--facets');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/call\s+start \(UTC\)/);
    expect(text.stdout).toMatch(/of \d+ calls/);

    const callId = page.rows[0]!.callId;
    const shown = await run('show', callId, '--db', db, '--json');
    expect(shown.status).toBe(0);
    const converted = await run('convert', good, '--tz', 'Europe/Copenhagen');
    expect(converted.status).toBe(0);
    const line = converted.stdout.split('\n').find((l) => l.startsWith(`{"callId":"${callId}"`));
    expect(shown.stdout).toBe(`${line}\n`);
    const human = await run('show', callId, '--db', db);
    expect(human.stdout).toMatch(/good\.csv:\d+/);
    const missing = await run('show', 'nope', '--db', db, '--json');
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);

    const imports = await run('imports', '--db', db);
    expect(imports.status).toBe(0);
    expect(imports.stdout).toMatch(/good\.csv/);
    expect((await run('verify', '--db', db)).status).toBe(0);
    const nodb = await run('verify', '--db', join(dir, 'missing.db'));
    expect(nodb.status).toBe(1);
    expect(nodb.stderr).toMatch(/no archive at/);
  });
});

describe("the host's worker entry (main's CliHost)", () => {
  it('starts the import thread from the entry the host gives, and from the TypeScript source without one', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'calls.csv', csv(manyCalls(3).flatMap(inboundRows)));
    // An entry that notes each thread it starts, then runs the bundled worker.
    const starts = join(dir, 'starts.txt');
    const noting = writeFile(
      dir,
      'noting-worker.mjs',
      `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(starts)}, 'thread\\n');\n` +
        `await import(${JSON.stringify(pathToFileURL(bundledWorkerEntry().path).href)});\n`,
    );
    const given = await runCli(['import', file, '--db', join(dir, 'given.db')], {}, { worker: { path: noting } });
    expect(given.stderr).toMatch(/1 file\(s\) imported \(\d+ rows, 3 calls derived\)/);
    expect(given.status).toBe(0);
    expect(readFileSync(starts, 'utf8')).toBe('thread\n');
    // No host entry: the sources through tsx (what bin/callscope.mjs runs where its bundle cannot be built).
    const source = await runCli(['import', file, '--db', join(dir, 'source.db')], {}, {});
    expect(source.status).toBe(0);
    expect(source.stderr).toMatch(/1 file\(s\) imported \(\d+ rows, 3 calls derived\)/);
    expect(readFileSync(starts, 'utf8')).toBe('thread\n');
  });
});
