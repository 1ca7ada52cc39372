// scripts/start.mjs and scripts/postinstall.mjs (with scripts/electron-sqlite.mjs):
// `npm start` chooses the desktop app or browser mode and says why; the
// Electron build of better-sqlite3 never fails an install. The Electron binary
// is faked with ELECTRON_OVERRIDE_DIST_PATH (honoured by the electron package),
// so both branches run on any machine.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain .mjs script without types
import * as es from '../../scripts/electron-sqlite.mjs';
import { raw } from './http';
import { builtApp } from '../common/app-build';

interface Decision {
  exe?: string;
  reason?: string;
}
interface BuildResult {
  ok: boolean;
  how?: string;
  reason?: string;
}
type Run = (cmd: string, args: string[], options: { cwd: string }) => { ok: boolean; detail: string };
const electronSqlite = es as {
  bindingPath(root: string): string;
  builtVersion(root: string): string | null;
  desktopOrReason(o: {
    root: string;
    env?: NodeJS.ProcessEnv;
    platform?: string;
    electron?: Decision & { version?: string };
  }): Decision;
  buildForElectron(o: {
    root: string;
    version: string;
    run: Run;
    env?: NodeJS.ProcessEnv;
    log?: (l: string) => void;
    req?: NodeRequire;
  }): BuildResult;
};

const repo = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'callscope-scripts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fake Electron "binary": a shell script that prints its arguments. */
const fakeDist = join(dir, 'fake-electron');
mkdirSync(fakeDist);
writeFileSync(join(fakeDist, 'electron'), '#!/bin/sh\necho "FAKE-ELECTRON $*"\n');
chmodSync(join(fakeDist, 'electron'), 0o755);
const fakeBinding = join(dir, 'better_sqlite3.node');
writeFileSync(fakeBinding, '');

describe('desktopOrReason (npm start’s choice)', () => {
  const root = join(dir, 'root');
  const electron = { exe: '/x/electron', version: '41.7.1' };
  const display = { DISPLAY: ':0' };
  const decide = (env: NodeJS.ProcessEnv, over: Partial<Parameters<typeof electronSqlite.desktopOrReason>[0]> = {}) =>
    electronSqlite.desktopOrReason({ root, env, platform: 'linux', electron, ...over });

  it('names the reason for browser mode: forced, no binary, no Electron build, stale build, no display', () => {
    expect(decide({ CALLSCOPE_BROWSER_MODE: '1', ...display }).reason).toBe('CALLSCOPE_BROWSER_MODE is set');
    expect(decide(display, { electron: { reason: 'the Electron binary is not installed' } }).reason).toBe(
      'the Electron binary is not installed',
    );
    expect(decide(display).reason).toMatch(
      /^better-sqlite3 has no Electron build yet \(run `node scripts\/postinstall\.mjs`/,
    );
    mkdirSync(dirname(electronSqlite.bindingPath(root)), { recursive: true });
    writeFileSync(electronSqlite.bindingPath(root), '');
    writeFileSync(join(root, 'node_modules', '.callscope-electron', 'electron-version'), '40.1.0\n');
    expect(decide(display).reason).toMatch(/built for Electron 40\.1\.0 but Electron 41\.7\.1 is installed/);
    writeFileSync(join(root, 'node_modules', '.callscope-electron', 'electron-version'), '41.7.1\n');
    expect(decide({}).reason).toBe('there is no display (DISPLAY / WAYLAND_DISPLAY unset)');
    expect(decide({}, { platform: 'darwin' })).toEqual({ exe: '/x/electron' });
    expect(decide({ WAYLAND_DISPLAY: 'wayland-0' })).toEqual({ exe: '/x/electron' });
    expect(decide(display)).toEqual({ exe: '/x/electron' });
  });
});

describe('buildForElectron (postinstall)', () => {
  const root = join(dir, 'build-root');
  mkdirSync(root);
  const req = createRequire(join(repo, 'package.json'));
  const built = (cwd: string) => {
    mkdirSync(join(cwd, 'build', 'Release'), { recursive: true });
    writeFileSync(join(cwd, 'build', 'Release', 'better_sqlite3.node'), 'electron build');
  };
  const build = (run: Run, env: NodeJS.ProcessEnv = {}) =>
    electronSqlite.buildForElectron({ root, version: '41.7.1', run, env, log: () => {}, req });

  it('installs a prebuilt binary for Electron’s ABI from the sources only, and records the version', () => {
    const calls: string[][] = [];
    const r = build((cmd, args, { cwd }) => {
      calls.push(args);
      expect(existsSync(join(cwd, 'build'))).toBe(false); // Node's own build is not copied
      expect(existsSync(join(cwd, 'package.json'))).toBe(true);
      built(cwd);
      return { ok: true, detail: 'exit code 0' };
    });
    expect(r).toEqual({ ok: true, how: 'prebuilt binary' });
    expect(calls[0]).toEqual(expect.arrayContaining(['--runtime=electron', '--target=41.7.1']));
    expect(readFileSync(electronSqlite.bindingPath(root), 'utf8')).toBe('electron build');
    expect(electronSqlite.builtVersion(root)).toBe('41.7.1');
  });

  it('offline and without a compiler: reports both failures, keeps the previous copy, leaves no staging folder', () => {
    const r = build(() => ({ ok: false, detail: 'exit code 1' }));
    expect(r.ok).toBe(false);
    expect(r.reason).toBe('prebuild-install: exit code 1; node-gyp: exit code 1');
    expect(readFileSync(electronSqlite.bindingPath(root), 'utf8')).toBe('electron build');
    expect(readdirSync(join(root, 'node_modules', '.callscope-electron')).sort()).toEqual([
      'better-sqlite3',
      'electron-version',
    ]);
  });

  it('falls back to compiling with npm’s node-gyp for Electron’s headers', () => {
    const gyp = join(dir, 'node-gyp.js');
    writeFileSync(gyp, '');
    const seen: string[][] = [];
    const r = build(
      (_cmd, args, { cwd }) => {
        seen.push(args);
        if (args[0] !== gyp) return { ok: false, detail: 'getaddrinfo ENOTFOUND github.com' };
        built(cwd);
        return { ok: true, detail: 'exit code 0' };
      },
      { npm_config_node_gyp: gyp },
    );
    expect(r).toEqual({ ok: true, how: 'compiled with node-gyp' });
    expect(seen[1]).toEqual([
      gyp,
      'rebuild',
      '--release',
      '--target=41.7.1',
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ]);
  });
});

/** Runs a script; resolves once `until` matches its stdout (then stops it), or when it exits. */
function runScript(script: string, args: string[], env: NodeJS.ProcessEnv, until?: RegExp) {
  const child = spawn(process.execPath, [join(repo, 'scripts', script), ...args], {
    cwd: repo,
    // The caller's own install settings (CI exports ELECTRON_SKIP_BINARY_DOWNLOAD=1) must not decide the case under test.
    env: {
      ...process.env,
      DISPLAY: '',
      WAYLAND_DISPLAY: '',
      CALLSCOPE_BROWSER_MODE: '',
      ELECTRON_SKIP_BINARY_DOWNLOAD: '',
      ELECTRON_OVERRIDE_DIST_PATH: '',
      CALLSCOPE_SQLITE_BINDING: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise<{
    out: string;
    err: string;
    code: number | null;
    match: RegExpExecArray | null;
    stop(): Promise<number | null>;
  }>((ok) => {
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const stop = async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    };
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const match = until?.exec(out) ?? null;
      if (match) ok({ out, err, code: null, match, stop });
    });
    void exited.then((code) => ok({ out, err, code, match: null, stop }));
  });
}

describe('npm start (scripts/start.mjs)', () => {
  // out/ built for these sources (shared with the other tests of the built app): start.mjs builds it
  // when missing, a step of a first start these cases are not about.
  beforeAll(() => void builtApp(), 180_000);

  it('without the Electron binary: says why, then browser mode with the URL and its token', async () => {
    const db = join(dir, 'start.sqlite');
    const r = await runScript(
      'start.mjs',
      ['--db', db, '--port', '0'],
      { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-such-dist') },
      /Callscope is running at (http:\/\/127\.0\.0\.1:(\d+))\/#token=([A-Za-z0-9_-]{43})/,
    );
    try {
      expect(r.out).toMatch(
        /^callscope: starting in browser mode because the Electron binary is missing from node_modules\/electron\.$/m,
      );
      expect(r.match, r.out + r.err).not.toBeNull();
      const [, , port, token] = r.match!;
      const res = await raw(Number(port), '/api/archive.info', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-callscope-token': token! },
      });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).path).toBe(db);
    } finally {
      expect(await r.stop()).toBe(0);
    }
  });

  it('with Electron, its better-sqlite3 build and a display: launches `electron .` with the files given', async () => {
    const r = await runScript('start.mjs', ['--', 'calls.sqlite'], {
      ELECTRON_OVERRIDE_DIST_PATH: fakeDist,
      CALLSCOPE_SQLITE_BINDING: fakeBinding,
      DISPLAY: ':0',
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain('callscope: starting the desktop app (Electron).');
    expect(r.out).toContain('FAKE-ELECTRON . calls.sqlite');
  });

  it.runIf(process.platform === 'linux')('with Electron but no display: browser mode, saying so', async () => {
    const r = await runScript(
      'start.mjs',
      ['--db', join(dir, 'nodisplay.sqlite'), '--port', '0'],
      { ELECTRON_OVERRIDE_DIST_PATH: fakeDist, CALLSCOPE_SQLITE_BINDING: fakeBinding },
      /Callscope is running at http/,
    );
    await r.stop();
    expect(r.out).toContain('starting in browser mode because there is no display (DISPLAY / WAYLAND_DISPLAY unset).');
  });
});

describe('npm install’s postinstall (scripts/postinstall.mjs)', () => {
  it('without the Electron binary: exits 0 and says browser mode and the CLI work', async () => {
    const r = await runScript('postinstall.mjs', [], { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-such-dist') });
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(
      'callscope: the Electron binary is missing from node_modules/electron; better-sqlite3 kept for Node only (browser mode and the CLI work; `npm start` uses browser mode).',
    );
  });

  it('with ELECTRON_SKIP_BINARY_DOWNLOAD=1 (how CI installs): exits 0, Node build only, even where a binary exists', async () => {
    const r = await runScript('postinstall.mjs', [], {
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      ELECTRON_OVERRIDE_DIST_PATH: fakeDist,
    });
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(
      'callscope: ELECTRON_SKIP_BINARY_DOWNLOAD is set: better-sqlite3 kept for Node only (browser mode and the CLI work; `npm start` uses browser mode).',
    );
  });

  it('with Electron but offline and no compiler: exits 0, explains, touches no working copy', async () => {
    const copy = join(repo, 'node_modules', '.callscope-electron');
    const before = existsSync(copy) ? readdirSync(copy).sort() : null;
    const failingGyp = join(dir, 'failing-node-gyp.js');
    writeFileSync(failingGyp, 'process.exit(1)');
    const r = await runScript('postinstall.mjs', [], {
      ELECTRON_OVERRIDE_DIST_PATH: fakeDist,
      CALLSCOPE_REBUILD: '1',
      // Offline for sure: downloads go to a closed port, no prebuilt cache, a node-gyp that fails.
      npm_config_https_proxy: 'http://127.0.0.1:9',
      npm_config_proxy: 'http://127.0.0.1:9',
      npm_config_cache: join(dir, 'npm-cache'),
      npm_config_node_gyp: failingGyp,
    });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /^callscope: could not build better-sqlite3 for Electron \d+\.\d+\.\d+ \(prebuild-install: exit code 1; node-gyp: exit code 1\)\./m,
    );
    expect(r.err).toContain('the install itself is fine');
    expect(r.err).toContain('run `node scripts/postinstall.mjs` again with network access');
    expect(existsSync(copy) ? readdirSync(copy).sort() : null).toEqual(before ?? []);
    if (before === null && existsSync(copy) && readdirSync(copy).length === 0) rmdirSync(copy);
  });
});
