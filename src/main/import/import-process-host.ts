// Starting an import in a process of its own: the app's imports (Electron's utility process, browser
// mode's child; ./import-process.ts is the child's side). The app's process serves searches for as
// long as it runs; an import in it would leave its allocator's high-water mark behind, and glibc's
// settings for imports (bin/import-malloc.mjs) can only be given to a process as it starts.
import { fork } from 'node:child_process';
import { withImportMalloc } from '../../../bin/import-malloc.mjs';
import type { ToImportProcess } from './worker-protocol';

/** A started import process, as run-import.ts drives it (Node's ChildProcess, Electron's UtilityProcess). */
export interface ImportProcessHandle {
  send(message: ToImportProcess): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Once, when the process has ended: its exit code, or the signal that ended it. */
  onExit(listener: (end: { code: number | null; signal: string | null }) => void): void;
  /** The process could not be started (then no exit follows). */
  onError(listener: (err: Error) => void): void;
  kill(): void;
}

/** What to start: the import worker's entry (its role chosen by having a parent channel) and options. */
export interface ImportProcessStart {
  path: string;
  execArgv: string[];
  env: NodeJS.ProcessEnv;
}

export type ImportProcessLauncher = (start: ImportProcessStart) => ImportProcessHandle;

/** Browser mode's (and the tests'): a Node child process of the running Node. */
export const nodeImportProcess: ImportProcessLauncher = ({ path, execArgv, env }) => {
  const child = fork(path, [], {
    env,
    execArgv,
    // Its output is the app's; it reads no standard input (the app imports files by path).
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Structured clone, as a worker thread's and Electron's messages are.
    serialization: 'advanced',
  });
  return {
    send: (message) => {
      // A cancel that meets the process as it ends is moot: its error goes nowhere, not to 'error'.
      if (child.connected) child.send(message, undefined, {}, () => {});
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code, signal) => listener({ code, signal })),
    onError: (listener) => child.once('error', listener),
    kill: () => child.kill(),
  };
};

/** The import process's environment: this one's, with glibc's import settings on Linux (a user's value kept). */
export function importProcessEnv(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): NodeJS.ProcessEnv {
  return platform === 'linux' ? withImportMalloc(env) : { ...env };
}
