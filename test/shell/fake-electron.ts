// A stand-in for the `electron` module (the binary cannot be installed here):
// records what the shell asks of it — windows and their web preferences,
// menus, dialogs, IPC handlers, recent documents — and lets a test answer
// dialogs and fire events. Used with vi.mock('electron', …).
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeWebContents extends EventEmitter {
  sent: { channel: string; message: unknown }[] = [];
  reloads = 0;
  loading = false;
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly mainFrame = { url: 'app://callscope/index.html', parent: null };
  send(channel: string, message: unknown) {
    this.sent.push({ channel, message });
  }
  reload() {
    this.reloads++;
  }
  isLoading() {
    return this.loading;
  }
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }) {
    this.openHandler = fn;
  }
  /** Evidence packs: what was asked to print, answered with a tiny fake PDF. */
  printed: Record<string, unknown>[] = [];
  printToPDF(options: Record<string, unknown>) {
    this.printed.push(options);
    return Promise.resolve(Buffer.from('%PDF-1.7 fake'));
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  url: string | null = null;
  title = '';
  maximized = false;
  minimized = false;
  focused = 0;
  bounds: Rect;
  constructor(readonly options: Record<string, unknown> & { webPreferences: Record<string, unknown> }) {
    super();
    const o = options as Partial<Rect>;
    this.bounds = { x: o.x ?? 0, y: o.y ?? 0, width: o.width ?? 0, height: o.height ?? 0 };
    state.windows.push(this);
  }
  loadURL(url: string) {
    this.url = url;
    return Promise.resolve();
  }
  setTitle(t: string) {
    this.title = t;
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  visible = false;
  destroyed = false;
  show() {
    this.visible = true;
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
  focus() {
    this.focused++;
  }
  getNormalBounds() {
    return this.bounds;
  }
}

export const state = {
  userData: '',
  handlers: new Map<string, Handler>(),
  appEvents: new EventEmitter(),
  recentDocuments: [] as string[],
  recentCleared: 0,
  windows: [] as FakeBrowserWindow[],
  templates: [] as MenuItemConstructorOptions[][],
  openDialogAnswers: [] as { canceled: boolean; filePaths: string[] }[],
  saveDialogAnswers: [] as { canceled: boolean; filePath?: string }[],
  /** The options of every Save dialog shown (the last argument). */
  saveDialogOptions: [] as Record<string, unknown>[],
  errorBoxes: [] as string[],
  /** The answers (button index) the next message boxes give, and the options of each shown. */
  messageBoxAnswers: [] as number[],
  messageBoxes: [] as Record<string, unknown>[],
  displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] as { id: number; workArea: Rect }[],
  shownInFolder: [] as string[],
  /** app.setAsDefaultProtocolClient calls: [scheme, ...its other arguments]. */
  protocolClients: [] as unknown[][],
  reset(userData: string) {
    this.userData = userData;
    this.handlers.clear();
    this.appEvents.removeAllListeners();
    this.recentDocuments = [];
    this.recentCleared = 0;
    this.windows = [];
    this.templates = [];
    this.openDialogAnswers = [];
    this.saveDialogAnswers = [];
    this.saveDialogOptions = [];
    this.errorBoxes = [];
    this.messageBoxAnswers = [];
    this.messageBoxes = [];
    this.displays = [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
    this.shownInFolder = [];
    this.protocolClients = [];
  },
  /** The window's current menu template. */
  menu(): MenuItemConstructorOptions[] {
    return this.templates.at(-1) ?? [];
  },
  /** A menu item anywhere in the current template, by id. */
  item(id: string): MenuItemConstructorOptions | undefined {
    const walk = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions | undefined => {
      for (const i of items) {
        if (i.id === id) return i;
        const found = Array.isArray(i.submenu) ? walk(i.submenu as MenuItemConstructorOptions[]) : undefined;
        if (found) return found;
      }
      return undefined;
    };
    return walk(this.menu());
  },
};

export const electronModule = {
  app: {
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
      return state.userData;
    },
    getVersion: () => '0.0.0-test',
    addRecentDocument: (p: string) => state.recentDocuments.push(p),
    clearRecentDocuments: () => state.recentCleared++,
    on: (event: string, fn: (...args: unknown[]) => void) => state.appEvents.on(event, fn),
    setAsDefaultProtocolClient: (scheme: string, ...rest: unknown[]) => (
      state.protocolClients.push([scheme, ...rest]),
      true
    ),
  },
  BrowserWindow: FakeBrowserWindow,
  Menu: {
    buildFromTemplate: (t: MenuItemConstructorOptions[]) => t,
    setApplicationMenu: (t: MenuItemConstructorOptions[]) => state.templates.push(t),
  },
  dialog: {
    showOpenDialog: async () => state.openDialogAnswers.shift() ?? { canceled: true, filePaths: [] },
    showSaveDialog: async (...args: unknown[]) => {
      state.saveDialogOptions.push(args.at(-1) as Record<string, unknown>);
      return state.saveDialogAnswers.shift() ?? { canceled: true };
    },
    showErrorBox: (title: string, content: string) => state.errorBoxes.push(`${title}: ${content}`),
    showMessageBox: async (...args: unknown[]) => {
      state.messageBoxes.push(args.at(-1) as Record<string, unknown>);
      return { response: state.messageBoxAnswers.shift() ?? 0, checkboxChecked: false };
    },
  },
  screen: {
    getPrimaryDisplay: () => state.displays[0],
    getAllDisplays: () => state.displays,
  },
  shell: { showItemInFolder: (p: string) => state.shownInFolder.push(p) },
  ipcMain: { handle: (channel: string, fn: Handler) => state.handlers.set(channel, fn) },
};

/** An IPC event as Electron gives it; frame 'ours' is our page's top frame. */
export function ipcEvent(frame: 'ours' | 'subframe' | 'foreign' | 'gone') {
  if (frame === 'gone') return { senderFrame: null };
  if (frame === 'foreign') return { senderFrame: { url: 'https://example.com/', parent: null } };
  const url = 'app://callscope/index.html';
  return { senderFrame: frame === 'ours' ? { url, parent: null } : { url, parent: { url, parent: null } } };
}

/** Lets pending promise callbacks (dialogs, menu clicks) run. */
/** Lets the tasks queued so far (IPC replies, timers of 0 ms) run. */
export const nextMacrotask = () => new Promise((r) => setTimeout(r, 0));
