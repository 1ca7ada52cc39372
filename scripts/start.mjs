// `npm start`: the desktop app where Electron can run, browser mode otherwise.
// 1. Builds out/ when it is missing (first start of a fresh checkout).
// 2. Launches `electron .` when the Electron binary and the Electron build of
//    better-sqlite3 (scripts/postinstall.mjs) exist and there is a display.
// 3. Otherwise says why, then runs `callscope serve` (browser mode), which
//    prints the URL to open. Extra arguments go to serve, e.g. `npm start -- --db a.sqlite`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const say = (line) => process.stdout.write(`callscope: ${line}\n`);

function ensureBuilt() {
  const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((p) => existsSync(join(root, p)));
  if (built) return;
  say('first start: building the app (electron-vite build)…');
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    say('the build failed (see above); fix it or run `npm run build` to see the errors.');
    process.exit(r.status ?? 1);
  }
}

/** The Electron executable, or the reason it cannot be used here. */
function electronOrReason() {
  let exe;
  try {
    exe = require('electron'); // the binary's path; throws when the download was skipped
  } catch {
    return { reason: 'the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD was set, or its download failed)' };
  }
  if (typeof exe !== 'string' || !existsSync(exe)) return { reason: 'the Electron binary is missing from node_modules/electron' };
  const binding = join(root, 'node_modules', '.callscope-electron', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(binding) && !process.env.CALLSCOPE_SQLITE_BINDING) {
    return { reason: 'better-sqlite3 has no Electron build yet (run `node scripts/postinstall.mjs` with network access)' };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (DISPLAY / WAYLAND_DISPLAY unset)' };
  }
  return { exe };
}

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

ensureBuilt();
const extra = process.argv.slice(2);
const electron = process.env.CALLSCOPE_BROWSER_MODE ? { reason: 'CALLSCOPE_BROWSER_MODE is set' } : electronOrReason();
if (electron.exe) {
  run(electron.exe, ['.', ...extra.filter((a) => a !== '--')]);
} else {
  say(`starting in browser mode because ${electron.reason}.`);
  say('open the URL below in your browser (it only works on this computer).');
  run(process.execPath, [join(root, 'bin', 'callscope.mjs'), 'serve', ...extra]);
}
