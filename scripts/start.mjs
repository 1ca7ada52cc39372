// `npm start`: the desktop app where Electron can run, browser mode otherwise.
// 1. Builds out/ when it is missing (first start of a fresh checkout).
// 2. Launches `electron .` when the Electron binary and the Electron build of
//    better-sqlite3 (scripts/postinstall.mjs) exist and there is a display.
// 3. Otherwise says why, then runs `callscope serve` (browser mode), which
//    prints the URL (with its token) to open. Extra arguments go to serve, e.g.
//    `npm start -- --db a.sqlite`; to Electron they go as files to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { desktopOrReason } from './electron-sqlite.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const say = (line) => process.stdout.write(`callscope: ${line}\n`);

function ensureBuilt() {
  const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((p) =>
    existsSync(join(root, p)),
  );
  if (built) return;
  say('first start: building the app (electron-vite build)…');
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    say('the build failed (see above); fix it or run `npm run build` to see the errors.');
    process.exit(r.status ?? 1);
  }
}

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (err) => {
    say(`could not start ${cmd}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

ensureBuilt();
const extra = process.argv.slice(2).filter((a) => a !== '--');
const desktop = desktopOrReason({ root });
if (desktop.exe) {
  say('starting the desktop app (Electron).');
  run(desktop.exe, ['.', ...extra]);
} else {
  say(`starting in browser mode because ${desktop.reason}.`);
  say('open the URL below in your browser (it only works on this computer; the token in it is new on every start).');
  run(process.execPath, [join(root, 'bin', 'callscope.mjs'), 'serve', ...extra]);
}
