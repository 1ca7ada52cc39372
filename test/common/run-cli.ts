// Runs a `callscope` command in this process: what `bin/callscope.mjs` does, without the two to
// three seconds a spawned Node process spends loading tsx and the CLI's modules per command.
// test/archive/cli.test.ts keeps one spawned run, proving the bin itself works.
import { vi } from 'vitest';
import { main } from '../../src/main/cli/index';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the command with its output captured; `env` is set for the command's duration only. */
export async function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture((s) => (stdout += s)));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture((s) => (stderr += s)));
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const listeners = streamListeners();
  try {
    const status = await main([...args]);
    // A command that leaves a listener on a process stream leaks in any host that runs commands
    // many times (and Node's warning past ten once landed in another test's captured stderr).
    if (streamListeners() !== listeners)
      throw new Error(
        `callscope ${args[0]} left listeners on process.stdout / stderr: ${listeners} -> ${streamListeners()}`,
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

const streamListeners = () =>
  ['error', 'drain', 'close', 'finish']
    .map((e) => `${process.stdout.listenerCount(e)}/${process.stderr.listenerCount(e)}`)
    .join(' ');

/** A stream's write that keeps the text and, like the real one, calls the write's callback. */
function capture(keep: (text: string) => void) {
  return (chunk: unknown, encodingOrDone?: unknown, done?: unknown): boolean => {
    keep(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
    if (typeof callback === 'function') queueMicrotask(() => (callback as (err?: Error | null) => void)(null));
    return true;
  };
}
