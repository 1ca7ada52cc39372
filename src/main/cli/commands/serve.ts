// `callscope serve`: browser mode. The renderer and the archive API on
// 127.0.0.1 only, behind a token printed once in the URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openArchiveApi } from '../../api-host/open';
import { startServer } from '../../server/server';
import { CliError, parseCliArgs, type Command } from '../command';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const RENDERER_DIR = join(root, 'out', 'renderer');

/** Builds the renderer when this checkout has none yet (a fresh clone, `npm run serve` before `npm run build`). */
function ensureRendererBuilt(): void {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) return;
  process.stderr.write('callscope serve: no built renderer in out/renderer; building it once (electron-vite build)…\n');
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 || !existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new CliError('could not build the renderer: run `npm run build` and look at its errors');
  }
}

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write('callscope serve: could not open a browser; open the URL above yourself\n'));
  child.unref();
}

export const serveCommand: Command = {
  usage: 'serve [--db archive.sqlite] [--port 0] [--open]',
  summary: 'Browser mode: serves the app on 127.0.0.1 only (random token per start). Without --db, the demo archive.',
  async run(argv) {
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
    ensureRendererBuilt();

    let dbPath = values.db as string | undefined;
    if (!dbPath) {
      // Loaded only when needed (it may generate the demo archive on first use).
      const demoModule = '../../simulator/demo';
      const { ensureDemoArchive } = (await import(demoModule)) as { ensureDemoArchive(): Promise<string> };
      dbPath = await ensureDemoArchive();
    }
    // A given --db is created when missing (an empty archive to import into).
    const archive = openArchiveApi(resolve(dbPath), { create: true });
    let server;
    try {
      server = await startServer({ api: archive.api, rendererDir: RENDERER_DIR, port });
    } catch (err) {
      archive.close();
      const code = (err as { code?: string }).code;
      throw new CliError(code === 'EADDRINUSE' ? `port ${port} is in use: try --port 0` : `cannot listen: ${String(err)}`);
    }
    process.stdout.write(`Callscope is running at ${server.url}\n`);
    process.stdout.write(`Archive: ${archive.path}\nOnly this computer can connect (127.0.0.1). Press Ctrl+C to stop.\n`);
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
    return 0;
  },
};
