// The import process's side (the app's imports: Electron's utility process, browser mode's child;
// started by ./import-process-host.ts through the import worker's entry). It runs the import thread's
// work (./import-thread.ts runImport) in its main thread and ends when the import has: the memory an
// import touches goes back to the system with the process, and glibc's malloc settings for imports
// (bin/import-malloc.mjs), which glibc reads only at a process's start, apply to it alone. The app's
// own process keeps serving searches with its allocator as it is.
import type { ToImportProcess, WorkerMessage } from './worker-protocol';
import { firstLine } from '../../shared/text/first-line';

/** The link to the process that started this one: Electron's parentPort or Node's IPC channel. */
export interface ParentChannel {
  /** Resolves when the message has left this process (Node) or was queued (Electron). */
  post(message: WorkerMessage): Promise<void>;
  onMessage(listener: (message: unknown) => void): void;
  /** The parent went away (its end of the channel closed). */
  onGone(listener: () => void): void;
  /** Lets this process end once nothing else runs. */
  close(): void;
}

interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
  removeAllListeners(event: 'message'): void;
}

/** How long a closed utility process may take to end on its own before it ends itself (ms). */
const UTILITY_EXIT_GRACE_MS = 1000;

/** The channel this process was started with: null when it was started without one. */
export function parentChannel(proc: NodeJS.Process = process): ParentChannel | null {
  // Electron's utility process (utilityProcess.fork): process.parentPort, and no process.send.
  const port = (proc as NodeJS.Process & { parentPort?: ElectronParentPort }).parentPort;
  if (port)
    return {
      post: async (message) => port.postMessage(message),
      onMessage: (listener) => port.on('message', (e) => listener(e.data)),
      onGone: () => {}, // Electron ends its utility processes with the app
      close: () => {
        port.removeAllListeners('message');
        setTimeout(() => proc.exit(0), UTILITY_EXIT_GRACE_MS).unref();
      },
    };
  const send = proc.send?.bind(proc);
  if (!send) return null;
  return {
    post: (message) => new Promise((resolve) => send(message, undefined, {}, () => resolve())),
    onMessage: (listener) => proc.on('message', listener),
    onGone: (listener) => proc.once('disconnect', listener),
    close: () => {
      if (proc.connected) proc.disconnect();
    },
  };
}

function isToImportProcess(m: unknown): m is ToImportProcess {
  const type = (m as { type?: unknown } | null)?.type;
  return (type === 'start' && typeof (m as { request?: unknown }).request === 'object') || type === 'cancel';
}

/** The process's role (import-worker.ts): serves one import over the channel it was started with. */
export function runImportProcess(): void {
  const channel = parentChannel();
  if (!channel) {
    process.stderr.write('callscope: the import process was started without a channel to its parent\n');
    process.exitCode = 1;
    return;
  }
  // Ctrl-C in a terminal reaches the whole process group: the app decides (it cancels, or goes away,
  // and either rolls the file in progress back here), rather than this process ending mid-write.
  process.on('SIGINT', () => {});
  serveImport(channel);
}

/**
 * Waits for the request, imports, posts every message (ending with `done` or `error`), then closes the
 * channel so the process ends. A cancel, or the parent going away, rolls the file in progress back.
 */
export function serveImport(parent: ParentChannel): void {
  const cancel = new SharedArrayBuffer(4);
  const cancelNow = () => Atomics.store(new Int32Array(cancel), 0, 1);
  let started = false;
  parent.onGone(cancelNow);
  parent.onMessage((m) => {
    if (!isToImportProcess(m)) return;
    if (m.type === 'cancel') cancelNow();
    else if (!started) {
      started = true;
      void run(m);
    }
  });
  async function run(m: Extract<ToImportProcess, { type: 'start' }>): Promise<void> {
    let last: Promise<void> = Promise.resolve();
    const post = (message: WorkerMessage) => {
      last = parent.post(message);
    };
    try {
      const { runImport } = await import('./import-thread');
      await runImport({ ...m.request, cancel }, post);
    } catch (err) {
      post({ type: 'error', message: firstLine(err) });
    }
    const use = process.resourceUsage();
    post({ type: 'usage', maxRssMb: use.maxRSS / 1024, cpuSeconds: (use.userCPUTime + use.systemCPUTime) / 1e6 });
    await last;
    parent.close();
  }
}
