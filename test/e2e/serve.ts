// Starts browser mode (`callscope serve`) as a child process, exactly as a user
// would, and reads the URL with its token from stdout. Used by the global
// setup and by the UI bench part.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServeProcess {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `callscope serve --db <db>`, or without --db (the demo archive, in env.CALLSCOPE_DATA_DIR). */
export function startServe(
  db: string | null,
  options: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<ServeProcess> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const args = [join(ROOT, 'bin', 'callscope.mjs'), 'serve', ...(db ? ['--db', db] : []), '--port', '0'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let out = '';
  let err = '';
  return new Promise((resolveServe, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`callscope serve printed no URL within ${timeoutMs} ms\n${out}\n${err}`));
    }, timeoutMs);
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Callscope is running at (http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const [, origin, token] = m as unknown as [string, string, string];
      resolveServe({
        url: `${origin}/#token=${token}`,
        origin,
        token,
        child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`callscope serve exited with ${code}\n${out}\n${err}`));
    });
  });
}
