// Builds a second copy of better-sqlite3 for Electron's ABI where the Electron
// binary was installed, so that one install serves both runtimes: plain Node
// (tests, CLI, browser mode) loads node_modules/better-sqlite3's own build, and
// Electron's main process loads the copy under node_modules/.callscope-electron.
// Where Electron was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD=1, CI, offline) this
// does nothing, and says so.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, cpSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = dirname(dirname(new URL(import.meta.url).pathname));
const target = join(root, 'node_modules', '.callscope-electron');

function electronVersion() {
  try {
    const exe = require('electron'); // path of the binary, if downloaded
    if (typeof exe !== 'string' || !existsSync(exe)) return null;
    return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

const version = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ? null : electronVersion();
if (!version) {
  console.log('callscope: Electron binary not present; better-sqlite3 kept for Node only (browser mode and CLI work).');
  process.exit(0);
}
const src = dirname(require.resolve('better-sqlite3/package.json'));
const work = join(target, 'better-sqlite3');
mkdirSync(target, { recursive: true });
cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${'build'}${'/'}`) || p.endsWith('build') });
const r = spawnSync(
  process.platform === 'win32' ? 'npx.cmd' : 'npx',
  ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'],
  { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' },
);
if (r.status !== 0) {
  console.warn('callscope: could not build better-sqlite3 for Electron; the desktop app will fall back to browser mode.');
  process.exit(0);
}
console.log(`callscope: better-sqlite3 built for Electron ${version} in ${work}`);
