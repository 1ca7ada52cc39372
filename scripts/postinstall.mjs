// Builds a second copy of better-sqlite3 for Electron's ABI where the Electron
// binary was installed, so that one install serves both runtimes: plain Node
// (tests, CLI, browser mode) loads node_modules/better-sqlite3's own build, and
// Electron's main process loads the copy under node_modules/.callscope-electron
// (src/main/electron/native-binding.ts). This script never fails an install:
// where Electron was skipped, or the build cannot be done (offline, no
// compiler), it says so and what to do, and exits 0 — browser mode and the CLI
// work without it.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildForElectron, builtVersion, bindingPath, electronInfo } from './electron-sqlite.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const say = (line) => console.log(`callscope: ${line}`);

function main() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '0') {
    say(
      'ELECTRON_SKIP_BINARY_DOWNLOAD is set: better-sqlite3 kept for Node only (browser mode and the CLI work; `npm start` uses browser mode).',
    );
    return;
  }
  const electron = electronInfo(root);
  if (!electron.exe) {
    say(
      `${electron.reason}; better-sqlite3 kept for Node only (browser mode and the CLI work; \`npm start\` uses browser mode).`,
    );
    return;
  }
  if (
    builtVersion(root) === electron.version &&
    existsSync(bindingPath(root)) &&
    process.env.CALLSCOPE_REBUILD !== '1'
  ) {
    say(`better-sqlite3 for Electron ${electron.version} is already built (CALLSCOPE_REBUILD=1 to redo it).`);
    return;
  }
  const r = buildForElectron({ root, version: electron.version });
  if (r.ok) {
    say(`better-sqlite3 ready for Electron ${electron.version} (${r.how}): ${bindingPath(root)}`);
    return;
  }
  console.warn(
    [
      `callscope: could not build better-sqlite3 for Electron ${electron.version} (${r.reason}).`,
      'callscope: the install itself is fine: the CLI and browser mode work, and `npm start` falls back to browser mode.',
      'callscope: for the desktop app, run `node scripts/postinstall.mjs` again with network access',
      'callscope: (it downloads a prebuilt binary, or Electron headers plus a C++ toolchain and Python to compile one).',
    ].join('\n'),
  );
}

try {
  main();
} catch (err) {
  // Whatever went wrong, an npm install must not fail because of the optional desktop build.
  console.warn(
    `callscope: postinstall skipped the Electron build: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
  );
}
process.exit(0);
