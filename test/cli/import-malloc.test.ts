// bin/import-malloc.mjs: on Linux the CLI's imports run in a child process with glibc's malloc tuned,
// and that second process is invisible to the user: the same standard streams, the same exit code,
// Ctrl-C handled once by the import, a SIGTERM passed on, and the end by a signal seen as such.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as malloc from '../../bin/import-malloc.mjs';

const MODULE = fileURLToPath(new URL('../../bin/import-malloc.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'callscope-relaunch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importMallocEnv', () => {
  const env = { PATH: '/usr/bin', LANG: 'da_DK.UTF-8' };
  const tuned = { ...env, MALLOC_MMAP_THRESHOLD_: '131072' };

  it('fixes glibc’s mmap threshold for an import or demo on Linux, keeping the rest of the environment', () => {
    expect(malloc.IMPORT_MALLOC).toEqual({ MALLOC_MMAP_THRESHOLD_: '131072' });
    for (const command of ['import', 'demo'])
      expect(malloc.importMallocEnv([command, 'a.csv', '--db', 'x.db'], env, 'linux')).toEqual(tuned);
  });

  it('runs every other command, and help, in this process', () => {
    for (const args of [['search', '--db', 'x.db'], ['serve'], ['convert', 'a.csv'], ['import', '--help'], []])
      expect(malloc.importMallocEnv(args, env, 'linux')).toBeNull();
  });

  it('leaves other systems alone: their allocators do not read the variable', () => {
    expect(malloc.importMallocEnv(['import', 'a.csv'], env, 'darwin')).toBeNull();
    expect(malloc.importMallocEnv(['import', 'a.csv'], env, 'win32')).toBeNull();
  });

  it('keeps a value the user set (no relaunch), and does not relaunch the relaunched process', () => {
    expect(malloc.importMallocEnv(['import', 'a.csv'], { ...env, MALLOC_MMAP_THRESHOLD_: '0' }, 'linux')).toBeNull();
    const once = malloc.importMallocEnv(['import', 'a.csv'], env, 'linux');
    expect(once).not.toBeNull();
    expect(malloc.importMallocEnv(['import', 'a.csv'], once ?? {}, 'linux')).toBeNull();
    // A key present but unset (an object built by hand, not process.env) is set, never left undefined.
    const unset = malloc.importMallocEnv(['import'], { ...env, MALLOC_MMAP_THRESHOLD_: undefined }, 'linux');
    expect(unset?.MALLOC_MMAP_THRESHOLD_).toBe('131072');
  });
});

/**
 * A parent that relaunches `child` (a script's text) as bin/callscope.mjs does, in a process group of
 * its own (so the test can press Ctrl-C on it as a terminal does), with stdin, stdout and stderr piped.
 */
function parentOf(child: string, args: string[] = []): ChildProcessWithoutNullStreams {
  const childPath = join(dir, `child-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(childPath, child);
  const parentPath = `${childPath}.parent.mjs`;
  writeFileSync(
    parentPath,
    `import { endAsRelaunched } from ${JSON.stringify(MODULE)};\n` +
      `await endAsRelaunched(${JSON.stringify(childPath)}, ${JSON.stringify(args)}, { ...process.env, MALLOC_MMAP_THRESHOLD_: '131072' }, process.execPath, []);\n`,
  );
  return spawn(process.execPath, [parentPath], { detached: true, stdio: 'pipe' });
}

function ended(p: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => p.once('exit', (code, signal) => resolve({ code, signal })));
}

/** The lines the process writes to stdout (its child's, through the inherited stream). */
function linesOf(p: ChildProcessWithoutNullStreams): AsyncIterator<string> {
  return createInterface({ input: p.stdout })[Symbol.asyncIterator]();
}

/** The first line the process writes to stdout. */
function firstLine(p: ChildProcessWithoutNullStreams): Promise<string> {
  return linesOf(p)
    .next()
    .then((r) => String(r.value));
}

describe('relaunch', () => {
  it('gives the child the tuned environment, standard input and output, and its exit code', async () => {
    const p = parentOf(
      "let input = '';\nfor await (const c of process.stdin) input += c;\n" +
        'process.stdout.write(`${process.env.MALLOC_MMAP_THRESHOLD_} ${input.trim()} ${process.argv[2]}\\n`);\n' +
        "process.stderr.write('to stderr\\n');\nprocess.exit(7);\n",
      ['an-argument'],
    );
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const line = firstLine(p);
    p.stdin.end('rows from a pipe\n');
    expect(await line).toBe('131072 rows from a pipe an-argument');
    expect(await ended(p)).toEqual({ code: 7, signal: null });
    expect(err).toBe('to stderr\n');
  });

  it('outlives Ctrl-C, which the child handles, and ends with the code the child chose', async () => {
    // As the import command does: the first SIGINT cancels, and the process exits once its file is
    // rolled back, here when the test closes its input. (The parent does not pass SIGINT on: a second
    // one would end the child by the signal. The two arrive together and Unix merges pending signals
    // of a kind, so a test cannot tell reliably; arena-limit.mjs says why.)
    const p = parentOf(
      "process.once('SIGINT', () => {\n  process.stdout.write('cancelling\\n');\n" +
        "  process.stdin.on('end', () => process.exit(130)).resume();\n});\n" +
        "process.stdout.write('ready\\n');\nsetInterval(() => {}, 1000);\n",
    );
    const lines = linesOf(p);
    const next = (): Promise<string> => lines.next().then((r) => String(r.value));
    expect(await next()).toBe('ready');
    const cancelling = next();
    process.kill(-(p.pid as number), 'SIGINT'); // the terminal's Ctrl-C: the whole foreground group
    expect(await cancelling).toBe('cancelling');
    p.stdin.end();
    expect(await ended(p)).toEqual({ code: 130, signal: null });
  });

  it('passes a SIGTERM sent to it alone on to the child, and ends by that signal too', async () => {
    const p = parentOf('setInterval(() => {}, 1000);\nprocess.stdout.write(`${process.pid}\\n`);\n');
    const child = Number(await firstLine(p));
    process.kill(p.pid as number, 'SIGTERM');
    expect(await ended(p)).toEqual({ code: null, signal: 'SIGTERM' });
    // The parent ended after its child: no import left running without a terminal.
    expect(() => process.kill(child, 0)).toThrow(/ESRCH/);
  });
});
