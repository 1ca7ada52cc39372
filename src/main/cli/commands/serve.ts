// `callscope serve`: browser mode. The renderer and the archive API on
// 127.0.0.1 only, behind a token printed once in the URL.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { openArchiveForApp } from '../../api-host/opening';
import { nodeImportProcess } from '../../import/import-process-host';
import { sourceWorkerEntry, type ImportWorkerEntry } from '../../import/run-import';
import { ensureRendererBuilt, RENDERER_DIR } from '../../server/renderer-build';
import { startServer } from '../../server/server';
import { CliError, parseCliArgs, type Command } from '../command';
import { EXIT } from '../exit-codes';

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () =>
    process.stderr.write('callscope serve: could not open a browser; open the URL above yourself\n'),
  );
  child.unref();
}

/**
 * The app's worker entry: imports in a process of their own (import-process-host.ts), while reads and
 * the upgrade stay on this process's threads. (The Electron shell passes its own, a utility process.)
 */
export function appWorkerEntry(entry: ImportWorkerEntry = sourceWorkerEntry()): ImportWorkerEntry {
  return { ...entry, importProcess: nodeImportProcess };
}

export const serveCommand: Command = {
  usage: 'serve [--db archive.sqlite] [--port 0] [--open]',
  summary: 'Browser mode: serves the app on 127.0.0.1 only (random token per start). Without --db, the demo archive.',
  async run(argv, host = {}) {
    const { values } = parseCliArgs(
      argv,
      {
        db: { type: 'string' },
        port: { type: 'string', default: '0' },
        open: { type: 'boolean', default: false },
      },
      false,
    );
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port must be an integer 0–65535');
    try {
      ensureRendererBuilt();
    } catch (err) {
      throw new CliError((err as Error).message);
    }

    let dbPath = values.db as string | undefined;
    if (!dbPath) {
      // Loaded only when needed; the first use generates the demo archive (once).
      const { ensureDemoArchive, defaultDemoPath, isDemoArchive } = await import('../../simulator/demo');
      if (!isDemoArchive(defaultDemoPath())) process.stdout.write('First start: creating the demo archive…\n');
      dbPath = await ensureDemoArchive({ worker: host.worker });
    }
    const worker = appWorkerEntry(host.worker);
    // A given --db is created when missing (an empty archive to import into). An archive of an older
    // schema is upgraded in a worker thread while the page shows its progress (archive.opening).
    const archive = openArchiveForApp(resolve(dbPath), {
      create: true,
      worker,
      onState: (s) => {
        if (s.state === 'failed') process.stderr.write(`callscope serve: upgrading the archive failed: ${s.message}\n`);
      },
    });
    let server;
    try {
      server = await startServer({
        api: archive.api,
        rendererDir: RENDERER_DIR,
        port,
        exportFiles: archive.exportFiles,
        recordAction: (entry) => void archive.recordAction(entry),
      });
    } catch (err) {
      archive.close();
      const code = (err as { code?: string }).code;
      throw new CliError(
        code === 'EADDRINUSE' ? `port ${port} is in use: try --port 0` : `cannot listen: ${String(err)}`,
      );
    }
    process.stdout.write(`Callscope is running at ${server.url}\n`);
    process.stdout.write(
      `Archive: ${archive.path}\nOnly this computer can connect (127.0.0.1). Press Ctrl+C to stop.\n`,
    );
    if (values.open) openBrowser(server.url);

    const running = server;
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void running.close().finally(() => {
          archive.close();
          done();
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return EXIT.ok;
  },
};
