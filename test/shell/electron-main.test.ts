// The Electron main-process wiring without the binary: session and web-contents
// hardening (harden.ts), the app:// protocol (protocol.ts), the preload's
// bridge, files handed over by the OS (open-request.ts), the Electron build of
// better-sqlite3 (native-binding.ts) and index.ts's start-up (single-instance
// lock, second instance) — each against a recording fake of `electron`.
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_API_CHANNEL, IPC_COMMAND_CHANNEL, IPC_HOST_CHANNEL } from '../../src/shared/api/methods';

const fake = vi.hoisted(() => {
  // vi.hoisted runs before imports are bound: require is the only way to reach node:events here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  return {
    app: Object.assign(new Emitter(), {
      lock: true,
      quits: 0,
      sandboxed: 0,
      enableSandbox() {
        this.sandboxed++;
      },
      userData: '',
      getAppPath: () => '/app',
      isPackaged: false,
      setPath(_name: string, p: string) {
        this.userData = p;
      },
      requestSingleInstanceLock() {
        return this.lock;
      },
      quit() {
        this.quits++;
      },
      exit() {},
      protocolClients: [] as string[],
      setAsDefaultProtocolClient(scheme: string) {
        this.protocolClients.push(scheme);
        return true;
      },
      whenReady: () => new Promise<void>(() => {}), // never ready: index.ts's wiring only
    }),
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
    exposed: new Map<string, unknown>(),
    invoked: [] as unknown[][],
    rendererListeners: new Map<string, (...a: unknown[]) => void>(),
    pathForFile: (f: { path?: string }) => f.path ?? '',
  };
});

vi.mock('electron', () => ({
  app: fake.app,
  dialog: { showErrorBox: () => {} },
  session: {},
  protocol: {
    registerSchemesAsPrivileged: (s: unknown[]) => fake.schemes.push(...s),
    handle: (scheme: string, fn: (req: Request) => Promise<Response>) => fake.protocolHandlers.set(scheme, fn),
  },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => (fake.invoked.push(args), { ok: true, value: null }),
    on: (ch: string, fn: (...a: unknown[]) => void) => fake.rendererListeners.set(ch, fn),
    removeListener: (ch: string) => fake.rendererListeners.delete(ch),
  },
  webUtils: { getPathForFile: (f: { path?: string }) => fake.pathForFile(f) },
}));

const dir = mkdtempSync(join(tmpdir(), 'callscope-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hardening (harden.ts)', async () => {
  const { hardenAllContents, hardenSession } = await import('../../src/main/electron/harden');

  function fakeSession() {
    const s = Object.assign(new EventEmitter(), {
      before: null as null | ((d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void),
      headers: null as
        null | ((d: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: object) => void) => void),
      permission: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
      check: null as null | ((wc: unknown, p: string) => boolean),
      device: null as null | (() => boolean),
      webRequest: {
        onBeforeRequest: (fn: never) => void (s.before = fn),
        onHeadersReceived: (fn: never) => void (s.headers = fn),
      },
      setPermissionRequestHandler: (fn: never) => void (s.permission = fn),
      setPermissionCheckHandler: (fn: never) => void (s.check = fn),
      setDevicePermissionHandler: (fn: never) => void (s.device = fn),
    });
    return s;
  }
  const cancelled = (s: ReturnType<typeof fakeSession>, url: string) => {
    let result: { cancel?: boolean } = {};
    s.before!({ url }, (r) => (result = r));
    return result.cancel;
  };

  it('cancels every request that is not our app:// page (no remote content)', () => {
    const s = fakeSession();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    hardenSession(s as never);
    expect(cancelled(s, 'app://callscope/assets/index.js')).toBe(false);
    for (const url of ['https://cdn.example.com/x.js', 'http://127.0.0.1:5173/', 'file:///etc/passwd', 'ws://evil/']) {
      expect(cancelled(s, url), url).toBe(true);
    }
    const dev = fakeSession();
    hardenSession(dev as never, 'http://localhost:5173');
    expect(cancelled(dev, 'http://localhost:5173/src/main.ts')).toBe(false);
    expect(cancelled(dev, 'https://example.com/')).toBe(true);
  });

  it('puts the CSP on responses (not on DevTools pages)', () => {
    const s = fakeSession();
    hardenSession(s as never);
    let out: { responseHeaders?: Record<string, string[]> } = {};
    s.headers!({ url: 'http://localhost:5173/', responseHeaders: { 'X-A': ['1'] } }, (r) => (out = r));
    expect(out.responseHeaders?.['X-A']).toEqual(['1']);
    expect(out.responseHeaders?.['Content-Security-Policy']?.[0]).toMatch(/script-src 'self'; /);
    s.headers!({ url: 'devtools://devtools/bundled/x.html' }, (r) => (out = r));
    expect(out).toEqual({});
  });

  it('denies permission requests and checks (except writing the clipboard), devices and downloads', () => {
    const s = fakeSession();
    hardenSession(s as never);
    const answers: Record<string, boolean> = {};
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write']) {
      s.permission!(null, p, (ok) => (answers[p] = ok));
      expect(s.check!(null, p), p).toBe(p === 'clipboard-sanitized-write');
    }
    expect(answers).toEqual({
      media: false,
      geolocation: false,
      notifications: false,
      'clipboard-read': false,
      'clipboard-sanitized-write': true,
    });
    expect(s.device!()).toBe(false);
    const download = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    s.emit('will-download', download);
    expect(download.defaultPrevented).toBe(true);
  });

  it('for every web contents: window.open denied, navigation, redirects and webviews prevented', () => {
    hardenAllContents();
    const contents = Object.assign(new EventEmitter(), {
      openHandler: null as null | ((d: { url: string }) => { action: string }),
      setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
        this.openHandler = fn;
      },
    });
    fake.app.emit('web-contents-created', {}, contents);
    expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      contents.emit(event, e, {});
      expect(e.prevented, event).toBe(true);
    }
  });
});

describe('the app:// protocol (protocol.ts)', async () => {
  const { registerAppScheme, serveRenderer } = await import('../../src/main/electron/protocol');
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
  writeFileSync(join(renderer, 'assets', 'a.js'), 'export {}');
  writeFileSync(join(dir, 'secret.txt'), 'secret');

  it('registers app:// as a standard, secure scheme', () => {
    registerAppScheme();
    expect(fake.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves only the renderer folder of app://callscope, every response with the CSP', async () => {
    serveRenderer(renderer);
    const get = (url: string) => fake.protocolHandlers.get('app')!(new Request(url));
    const page = await get('app://callscope/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect((await get('app://callscope/assets/a.js')).headers.get('content-type')).toMatch(/javascript/);
    for (const url of [
      'app://callscope/../secret.txt',
      'app://callscope/%2e%2e/secret.txt',
      'app://other/index.html',
      'app://callscope/nope.js',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy')).toBeTruthy();
    }
  });
});

describe('the renderer page’s own CSP (src/renderer/index.html)', () => {
  it('carries a strict policy as a meta tag too, so it holds whatever serves the file', async () => {
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(join(import.meta.dirname, '../../src/renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = Object.fromEntries(
      meta
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(meta).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});

describe('the preload (src/preload/index.ts)', async () => {
  await import('../../src/preload/index');
  const bridge = fake.exposed.get('callscope') as {
    invoke(m: string, a: unknown): Promise<unknown>;
    host: {
      pickExportFiles(): Promise<unknown>;
      grantFiles(f: unknown[]): Promise<unknown>;
      onCommand(fn: (c: unknown) => void): () => void;
    };
  };
  beforeEach(() => void (fake.invoked.length = 0));

  it('exposes exactly one object, window.callscope', () => {
    expect([...fake.exposed.keys()]).toEqual(['callscope']);
  });

  it('forwards allow-listed methods only; others never reach IPC', async () => {
    await bridge.invoke('calls.search', { text: '1' });
    expect(fake.invoked).toEqual([[IPC_API_CHANNEL, 'calls.search', { text: '1' }]]);
    expect(await bridge.invoke('calls.drop', null)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(fake.invoked).toHaveLength(1);
  });

  it('turns dropped / chosen File objects into their paths (files made in JS have none)', async () => {
    await bridge.host.grantFiles([{ path: '/home/u/a.csv' }, {}]);
    await bridge.host.pickExportFiles();
    expect(fake.invoked).toEqual([
      [IPC_HOST_CHANNEL, 'grantFiles', ['/home/u/a.csv']],
      [IPC_HOST_CHANNEL, 'pickExportFiles'],
    ]);
  });

  it('hands shell commands to the page without the IPC event', () => {
    const got: unknown[][] = [];
    const off = bridge.host.onCommand((...args) => got.push(args));
    fake.rendererListeners.get(IPC_COMMAND_CHANNEL)!({ sender: 'secret' }, { kind: 'open-import-dialog' });
    expect(got).toEqual([[{ kind: 'open-import-dialog' }]]);
    off();
    expect(fake.rendererListeners.has(IPC_COMMAND_CHANNEL)).toBe(false);
  });
});

describe('files handed over by the OS (open-request.ts)', async () => {
  const { classifyPaths } = await import('../../src/main/electron/open-request');
  it('opens the archive, imports export files, ignores flags, folders and missing files', () => {
    const exists = (p: string) => !p.includes('missing') && p !== '/work' && !p.endsWith('/electron');
    const r = classifyPaths(
      [
        '/usr/lib/electron',
        '.',
        '--inspect=0',
        'calls.csv',
        '/data/a.sqlite',
        '/data/missing.sqlite',
        '/data/b.JSONL',
        'x.png',
      ],
      '/work',
      exists,
    );
    expect(r).toEqual({ archive: '/data/a.sqlite', exports: ['/work/calls.csv', '/data/b.JSONL'] });
  });
});

describe('better-sqlite3 for Electron (native-binding.ts)', async () => {
  const nb = await import('../../src/main/electron/native-binding');
  const app = join(dir, 'app');
  const binding = nb.electronBindingPath(app);

  it('points CALLSCOPE_SQLITE_BINDING at the Electron copy, and says when it is missing or stale', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(nb.useElectronBinding(app, '41.7.1', env)).toMatch(/no Electron build at .*better_sqlite3\.node/);
    expect(env['CALLSCOPE_SQLITE_BINDING']).toBeUndefined();
    mkdirSync(join(binding, '..'), { recursive: true });
    writeFileSync(binding, '');
    expect(nb.useElectronBinding(app, '41.7.1', env)).toBeNull();
    expect(env['CALLSCOPE_SQLITE_BINDING']).toBe(binding);
    writeFileSync(join(app, 'node_modules', '.callscope-electron', 'electron-version'), '40.0.0\n');
    const stale: NodeJS.ProcessEnv = {};
    expect(nb.useElectronBinding(app, '41.7.1', stale)).toBe(
      'better-sqlite3 was built for Electron 40.0.0, this is Electron 41.7.1',
    );
    const mine: NodeJS.ProcessEnv = { CALLSCOPE_SQLITE_BINDING: '/mine.node' };
    expect(nb.useElectronBinding(app, '41.7.1', mine)).toBeNull();
    expect(mine['CALLSCOPE_SQLITE_BINDING']).toBe('/mine.node');
  });

  it('explains an ABI mismatch at start in one line with what to do', () => {
    const abi = new Error(
      "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 127.",
    );
    expect(nb.startFailureMessage(abi)).toMatch(
      /^The SQLite module is not built for this Electron version\. Run `node scripts\/postinstall\.mjs`/,
    );
    expect(nb.startFailureMessage(new Error('disk full\n  at x'))).toBe('disk full');
  });
});

describe('index.ts start-up', () => {
  it('quits at once when another instance holds the lock; otherwise listens for second starts', async () => {
    vi.resetModules();
    vi.doMock('../../src/main/import/import-worker?modulePath', () => ({
      default: '/app/out/main/chunks/import-worker.js',
    }));
    fake.app.lock = false;
    fake.app.removeAllListeners();
    process.env['CALLSCOPE_USER_DATA'] = join(dir, 'profile');
    try {
      await import('../../src/main/index');
      expect(fake.app.quits).toBe(1);
      expect(fake.app.sandboxed).toBe(1);
      expect(fake.app.userData).toBe(join(dir, 'profile'));
      expect(fake.app.listenerCount('second-instance')).toBe(0);

      vi.resetModules();
      fake.app.lock = true;
      fake.app.quits = 0;
      await import('../../src/main/index');
      expect(fake.app.quits).toBe(0);
      expect(fake.app.listenerCount('second-instance')).toBe(1);
      expect(fake.app.listenerCount('open-file')).toBe(1);
      // callscope:// links: the scheme is registered and macOS's open-url is handled.
      expect(fake.app.protocolClients).toContain('callscope');
      expect(fake.app.listenerCount('open-url')).toBe(1);
      expect(fake.app.listenerCount('web-contents-created')).toBeGreaterThan(0);
    } finally {
      delete process.env['CALLSCOPE_USER_DATA'];
    }
  });
});
