// better-sqlite3 for two runtimes, shared by scripts/postinstall.mjs (which
// builds the Electron copy) and scripts/start.mjs (which decides between the
// desktop app and browser mode). Plain Node, no dependencies; every outside
// effect (spawning, the file system, the Electron package) can be injected so
// test/shell/scripts.test.ts drives both branches without the Electron binary.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

export const copyDir = (root) => join(root, 'node_modules', '.callscope-electron');
export const bindingPath = (root) => join(copyDir(root), 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const markerPath = (root) => join(copyDir(root), 'electron-version');

/** The Electron version the copy was built for, or null. */
export function builtVersion(root) {
  try {
    return readFileSync(markerPath(root), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * The Electron binary and its version, or why there is none. `require('electron')`
 * returns the binary's path and throws when the download was skipped or failed.
 */
export function electronInfo(root, req = createRequire(join(root, 'package.json'))) {
  let exe;
  try {
    exe = req('electron');
  } catch {
    return {
      reason: 'the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD was set, or its download failed)',
    };
  }
  if (typeof exe !== 'string' || !existsSync(exe))
    return { reason: 'the Electron binary is missing from node_modules/electron' };
  try {
    const version = JSON.parse(readFileSync(req.resolve('electron/package.json'), 'utf8')).version;
    return { exe, version };
  } catch {
    return { reason: 'node_modules/electron/package.json is unreadable' };
  }
}

/** `npm start`'s choice: { exe } to run the desktop app, or { reason } for browser mode. */
export function desktopOrReason({
  root,
  env = process.env,
  platform = process.platform,
  electron = electronInfo(root),
}) {
  if (env.CALLSCOPE_BROWSER_MODE) return { reason: 'CALLSCOPE_BROWSER_MODE is set' };
  if (!electron.exe) return { reason: electron.reason };
  if (!env.CALLSCOPE_SQLITE_BINDING) {
    if (!existsSync(bindingPath(root))) {
      return {
        reason: 'better-sqlite3 has no Electron build yet (run `node scripts/postinstall.mjs` with network access)',
      };
    }
    const built = builtVersion(root);
    if (built && built !== electron.version) {
      return {
        reason: `better-sqlite3 was built for Electron ${built} but Electron ${electron.version} is installed (run \`node scripts/postinstall.mjs\` again)`,
      };
    }
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (DISPLAY / WAYLAND_DISPLAY unset)' };
  }
  return { exe: electron.exe };
}

function defaultRun(cmd, args, options) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', timeout: 300_000, ...options });
  return { ok: r.status === 0, detail: r.error ? r.error.message : `exit code ${r.status ?? r.signal}` };
}

/**
 * Builds better-sqlite3 for Electron `version` into node_modules/.callscope-electron:
 * first a prebuilt binary (prebuild-install, as better-sqlite3's own install does),
 * else a compile (node-gyp with Electron's headers). Works in a staging folder and
 * replaces the previous copy only on success, so a failed attempt (offline, no
 * compiler) leaves a working copy alone. Never throws for a failed build.
 * Returns { ok: true, how } or { ok: false, reason }.
 */
export function buildForElectron({
  root,
  version,
  run = defaultRun,
  env = process.env,
  log = console.log,
  req = createRequire(join(root, 'package.json')),
}) {
  const src = dirname(req.resolve('better-sqlite3/package.json'));
  const target = copyDir(root);
  const staging = join(target, `staging-${process.pid}`);
  const work = join(staging, 'better-sqlite3');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    // Sources only: the Node build in build/ must not be mistaken for Electron's.
    const nodeBuild = join(src, 'build');
    cpSync(src, work, { recursive: true, filter: (p) => p !== nodeBuild && !p.startsWith(nodeBuild + sep) });
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    const tries = [];
    let prebuild;
    try {
      prebuild = join(dirname(req.resolve('prebuild-install/package.json')), 'bin.js');
    } catch {
      prebuild = null;
    }
    if (prebuild) {
      log(`callscope: fetching a prebuilt better-sqlite3 for Electron ${version}…`);
      const r = run(process.execPath, [prebuild, '--runtime=electron', `--target=${version}`, `--path=${work}`], {
        cwd: work,
      });
      if (r.ok && existsSync(built)) return finish('prebuilt binary');
      tries.push(`prebuild-install: ${r.detail}`);
    }
    log(`callscope: compiling better-sqlite3 for Electron ${version} (node-gyp)…`);
    const gypArgs = [
      'rebuild',
      '--release',
      `--target=${version}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ];
    const npmGyp = env.npm_config_node_gyp; // npm's own node-gyp, set when run by npm install
    const r =
      npmGyp && existsSync(npmGyp)
        ? run(process.execPath, [npmGyp, ...gypArgs], { cwd: work })
        : run(platformNpx(), ['--yes', 'node-gyp', ...gypArgs], { cwd: work, shell: process.platform === 'win32' });
    if (r.ok && existsSync(built)) return finish('compiled with node-gyp');
    tries.push(`node-gyp: ${r.detail}`);
    return { ok: false, reason: tries.join('; ') };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message.split('\n')[0] : String(err) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }

  function finish(how) {
    const final = join(target, 'better-sqlite3');
    rmSync(final, { recursive: true, force: true });
    renameSync(work, final);
    writeFileSync(markerPath(root), `${version}\n`);
    return { ok: true, how };
  }
}

const platformNpx = () => (process.platform === 'win32' ? 'npx.cmd' : 'npx');
