// glibc's malloc, tuned for the CLI's imports on Linux (issue #10 goal 3: peak RSS < 400 MB).
//
// glibc maps a block of 128 KB or more on its own and unmaps it when it is freed, but each such free
// raises that threshold (up to 32 MB): from then on blocks of that size, such as the buffers that carry
// rows and results between an import's threads, come from the heaps of the threads' arenas, and
// glibc gives little of a thread arena's freed memory back to the system. Over a 1,000,000-call
// import in a 4-core laptop's threads, the process's RSS rose 80 MB while the JS heaps stayed flat.
// MALLOC_MMAP_THRESHOLD_=131072 keeps the threshold where it starts: peak RSS 462 MB without it, 376
// and 380 MB with it, and no slower. (MALLOC_ARENA_MAX=2 alone gave 410 MB, and with the threshold
// 373 and 379 MB: nothing more, so it is not set. docs/archive.md, "Session 16 in sum".)
//
// glibc reads the variable once, when a process starts, so a process cannot set it for itself:
// bin/callscope.mjs starts the command again in a child process with it set (relaunch), for the
// commands that import; the app starts each import in a process of its own with it set
// (src/main/import/import-process-host.ts). Other systems' allocators ignore it; a value the user set is kept.
import { spawn } from 'node:child_process';

/** glibc's settings for an import: blocks of 128 KB or more always mapped on their own (see above). */
export const IMPORT_MALLOC = { MALLOC_MMAP_THRESHOLD_: '131072' };

/** The commands whose run is an import (their threads allocate for minutes). */
export const IMPORTING_COMMANDS = new Set(['import', 'demo']);

/**
 * The environment to run `args` (the command's arguments) in a new process, or null to run it here:
 * on Linux, for an importing command, when a setting of IMPORT_MALLOC is not in `env` (all set means
 * this process already runs under them, or the user chose otherwise).
 */
export function importMallocEnv(args, env = process.env, platform = process.platform) {
  if (platform !== 'linux' || Object.keys(IMPORT_MALLOC).every((k) => env[k] !== undefined)) return null;
  if (!IMPORTING_COMMANDS.has(args[0]) || args.includes('--help') || args.includes('-h')) return null;
  return withImportMalloc(env); // each set to a string: the child is not relaunched again
}

/**
 * `env` with each setting of IMPORT_MALLOC it lacks (a value already there is kept): the CLI's relaunch,
 * and the app's import process (src/main/import/import-process-host.ts).
 */
export function withImportMalloc(env) {
  const missing = Object.entries(IMPORT_MALLOC).filter(([k]) => env[k] === undefined);
  return { ...env, ...Object.fromEntries(missing) };
}

/**
 * Runs `node [execArgv] script args` with `env` and the same standard streams; resolves with its exit
 * code, or with the signal that ended it. Ctrl-C reaches the child from the terminal (the same process
 * group): this process waits for the child to finish, which decides (an import rolls back its file).
 * SIGTERM and SIGHUP sent to this process (kill <pid>) are passed on to the child.
 */
export function relaunch(script, args, env, node = process.execPath, execArgv = process.execArgv) {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [...execArgv, script, ...args], { env, stdio: 'inherit' });
    const forward = (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    // Not passed on: the terminal's Ctrl-C has reached the child already, and a second one would end
    // an import's rollback (its handler cancels once, then the default action applies).
    const wait = () => {};
    process.on('SIGINT', wait);
    process.on('SIGTERM', forward);
    process.on('SIGHUP', forward);
    const done = () => {
      process.off('SIGINT', wait);
      process.off('SIGTERM', forward);
      process.off('SIGHUP', forward);
    };
    child.once('error', (err) => {
      done();
      reject(err);
    });
    child.once('exit', (code, signal) => {
      done();
      resolve(signal ? { signal } : { code: code ?? 1 });
    });
  });
}

/**
 * bin/callscope.mjs's relaunch: this process ends as the child ended, with its exit code or by the
 * same signal (so a shell sees 130 after Ctrl-C, and a supervisor sees SIGTERM).
 */
export async function endAsRelaunched(script, args, env, node, execArgv) {
  const end = await relaunch(script, args, env, node, execArgv);
  if ('signal' in end) process.kill(process.pid, end.signal);
  else process.exitCode = end.code;
}
