// A minimal `electron` for running the built main process (out/main/index.js)
// under Node: enough API for it to start, plus a script that — once the window
// has been created — drives it the way the renderer would (app:// requests, IPC
// calls, an import through the bundled worker) and prints what happened as one
// JSON line (STUB-RESULT …), then exits. Used by test/shell/main-bundle.test.ts.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const state = {
  userData: '',
  handlers: new Map(),
  protocols: new Map(),
  windows: [],
  menu: null,
  schemes: [],
  recent: [],
  utilityForks: [],
};
const sessionEvents = new EventEmitter();

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getAppPath: () => root,
  getPath: (name) => (name === 'userData' ? state.userData : '/tmp'),
  setPath: (name, p) => {
    if (name === 'userData') state.userData = p;
  },
  getVersion: () => '0.0.0-stub',
  requestSingleInstanceLock: () => true,
  // callscope:// links (src/main/electron/app-links.ts).
  setAsDefaultProtocolClient: () => true,
  enableSandbox: () => {
    state.sandboxAll = true;
  },
  whenReady: () => Promise.resolve(),
  addRecentDocument: (p) => state.recent.push(p),
  clearRecentDocuments: () => {},
  quit: () => finish({ error: 'app.quit called' }),
  exit: (code) => finish({ error: `app.exit(${code})` }),
});
export const protocol = {
  registerSchemesAsPrivileged: (s) => state.schemes.push(...s),
  handle: (scheme, fn) => state.protocols.set(scheme, fn),
};
export const session = {
  defaultSession: Object.assign(sessionEvents, {
    webRequest: { onBeforeRequest: () => {}, onHeadersReceived: () => {} },
    setPermissionRequestHandler: () => {},
    setPermissionCheckHandler: () => {},
    setDevicePermissionHandler: () => {},
  }),
};
export const ipcMain = { handle: (channel, fn) => state.handlers.set(channel, fn) };
export const Menu = { buildFromTemplate: (t) => t, setApplicationMenu: (t) => (state.menu = t) };
export const dialog = {
  showErrorBox: (title, text) => finish({ error: `${title}: ${text}` }),
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showSaveDialog: async () => ({ canceled: true }),
  showMessageBox: async () => ({ response: 0 }),
};
export const screen = {
  getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
  getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};
export const shell = { showItemInFolder: () => {} };
// utilityProcess.fork (the app's import process): a Node child whose parentPort is shimmed as Electron's.
export const utilityProcess = {
  fork(modulePath, args = [], options = {}) {
    state.utilityForks.push({
      module: modulePath.split('/').pop(),
      serviceName: options.serviceName,
      mallocThreshold: options.env?.MALLOC_MMAP_THRESHOLD_ ?? null,
    });
    const shim = new URL('./parent-port.mjs', import.meta.url).href;
    const child = fork(modulePath, args, {
      env: options.env,
      execArgv: ['--import', shim, ...(options.execArgv ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const utility = Object.assign(new EventEmitter(), {
      postMessage: (message) => child.send(message),
      kill: () => child.kill(),
    });
    child.on('message', (message) => utility.emit('message', message));
    child.on('exit', (code) => utility.emit('exit', code ?? 1));
    return utility;
  },
};

class WebContents extends EventEmitter {
  send() {}
  reload() {}
  isLoading() {
    return false;
  }
  setWindowOpenHandler() {}
}
export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    state.windows.push(this);
  }
  loadURL(url) {
    this.url = url;
    setTimeout(() => void drive(this).catch((err) => finish({ error: String(err?.stack ?? err) })), 0);
    return Promise.resolve();
  }
  setTitle() {}
  maximize() {}
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 800 };
  }
  // The shell shows a window that never signalled ready after 10 s (shell.ts): on a loaded machine
  // the stubbed run lasts that long.
  isDestroyed() {
    return false;
  }
  isVisible() {
    return true;
  }
  show() {}
}
export default { app, protocol, session, ipcMain, Menu, dialog, screen, shell, utilityProcess, BrowserWindow };

function finish(result) {
  process.stdout.write(`STUB-RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}

const ours = { senderFrame: { url: 'app://callscope/index.html', parent: null } };
const foreign = { senderFrame: { url: 'https://example.com/', parent: null } };

async function drive(win) {
  const api = (method, arg, event = ours) => state.handlers.get('callscope:api')(event, method, arg);
  const host = (action, arg) => state.handlers.get('callscope:host')(ours, action, arg);
  const page = await state.protocols.get('app')(new Request('app://callscope/index.html'));
  const html = await page.text();
  const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  const script = asset ? await state.protocols.get('app')(new Request(`app://callscope/${asset}`)) : null;
  const info = await api('archive.info', null);
  const files = JSON.parse(process.env.STUB_IMPORT_FILES ?? '[]');
  const granted = await host('grantFiles', files);
  const started = await api('imports.start', { files, timeZone: 'Europe/Copenhagen' });
  let progress = null;
  for (let i = 0; i < 600 && started.ok; i++) {
    progress = await api('imports.progress', started.value.jobId);
    if (!progress.ok || !['queued', 'running'].includes(progress.value.state)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const search = await api('calls.search', {});
  finish({
    url: win.url,
    preloadExists: existsSync(win.options.webPreferences.preload),
    webPreferences: win.options.webPreferences,
    schemes: state.schemes,
    page: {
      status: page.status,
      csp: page.headers.get('content-security-policy'),
      hasApp: html.includes('<div id="app">'),
    },
    script: script && { status: script.status, type: script.headers.get('content-type') },
    info,
    granted,
    started: started.ok,
    progress: progress?.value?.state ?? progress,
    total: search.ok ? search.value.total : search,
    invalid: await api('calls.search', { limit: 'all' }),
    foreign: await api('archive.info', null, foreign),
    menuIds: JSON.stringify(state.menu).match(/"id":"[a-z-]+"/g),
    recent: state.recent,
    utilityForks: state.utilityForks,
    binding: process.env.CALLSCOPE_SQLITE_BINDING ?? null,
    sandboxAll: state.sandboxAll === true,
    preloadRequires: [
      ...readFileSync(win.options.webPreferences.preload, 'utf8').matchAll(/require\((["'])([^"']+)\1\)/g),
    ].map((m) => m[2]),
  });
}
