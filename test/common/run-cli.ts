// Runs a `callscope` command in this process: what `bin/callscope.mjs` does, without the two to
// three seconds a spawned Node process spends loading tsx and the CLI's modules per command.
// test/archive/cli.test.ts keeps one spawned run, proving the bin itself works.
import { vi } from 'vitest';
import type { CliHost } from '../../src/main/cli/command';
import { main } from '../../src/main/cli/index';
import { bundledWorkerEntry } from './worker-entry';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * The host the tests run commands in: the threads a command starts (the import thread, a read pool's
 * lanes) load the worker entry bundled once per test process, not the TypeScript source through tsx
 * (about a second of CPU per thread). The source entry keeps the spawned bin's runs and a case of
 * its own (test/archive/cli.test.ts).
 */
const bundledHost = (): CliHost => ({ worker: bundledWorkerEntry() });

/**
 * Runs the command with its output captured; `env` is set for the command's duration only; `host` is
 * what the program running it gives the command (by default the bundled worker entry, built before the
 * command runs: esbuild's sync build keeps a worker thread, whose piped stdout is a listener on ours).
 */
export async function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
  host: CliHost = bundledHost(),
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture((s) => (stdout += s)));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture((s) => (stderr += s)));
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const listeners = await settledStreamListeners();
  try {
    const status = await main([...args], host);
    // A command that leaves a listener on a process stream leaks in any host that runs commands
    // many times (and Node's warning past ten once landed in another test's captured stderr).
    // Fewer is no leak: a thread of an earlier command that exits meanwhile takes its pipe's listeners
    // away (seen at load 9: 2 -> 1 around an import that left none).
    const after = await settledStreamListeners();
    if (after.some((n, i) => n > (listeners[i] ?? 0)))
      throw new Error(
        `callscope ${args[0]} left listeners on process.stdout / stderr: ${shown(listeners)} -> ${shown(after)}`,
      );
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * The listeners once the event loop has turned: a worker thread pipes its stdout and stderr into the
 * process's, and a thread that has just exited (another test's read pool, closed as this command
 * starts) takes its pipe's listeners away in the ticks after its 'exit' (a full run once saw 4 -> 1
 * around an import that left none). A listener a command leaves stays, and is still found.
 */
async function settledStreamListeners(): Promise<number[]> {
  await new Promise((turned) => setImmediate(turned));
  return streamListeners();
}

const STREAM_EVENTS = ['error', 'drain', 'close', 'finish'];
/** Per event, stdout's listeners then stderr's. */
const streamListeners = (): number[] =>
  STREAM_EVENTS.flatMap((e) => [process.stdout.listenerCount(e), process.stderr.listenerCount(e)]);
const shown = (counts: readonly number[]): string =>
  STREAM_EVENTS.map((_, i) => `${counts[2 * i]}/${counts[2 * i + 1]}`).join(' ');

/** A stream's write that keeps the text and, like the real one, calls the write's callback. */
function capture(keep: (text: string) => void) {
  return (chunk: unknown, encodingOrDone?: unknown, done?: unknown): boolean => {
    keep(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
    if (typeof callback === 'function') queueMicrotask(() => (callback as (err?: Error | null) => void)(null));
    return true;
  };
}
