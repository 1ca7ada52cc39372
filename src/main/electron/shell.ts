// The desktop shell: one hardened window over the archive API. Holds the
// open archive, the files the user granted for import (dialog or drop), the
// window state and the menu. Everything it does to data goes through the
// handler map (./ipc → ../api-host), exactly like browser mode.
import { app, BrowserWindow, dialog, Menu, screen, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IPC_COMMAND_CHANNEL } from '../../shared/api/methods';
import { ApiError, oneLine } from '../api-host/dispatch';
import { openArchiveApi, type OpenedArchive } from '../api-host/open';
import type { ImportWorkerEntry } from '../import/run-import';
import { ImportGrants } from './grants';
import { registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { APP_ENTRY } from './policy';
import { loadSettings, saveSettings, withOpened, type ShellSettings } from './settings';
import { loadWindowState, restoredBounds, saveWindowState } from './window-state';

export interface ShellOptions {
  preloadPath: string;
  devServerUrl?: string;
  worker?: ImportWorkerEntry;
  /** Creates (once) and returns the demo archive's path. */
  demoArchive(): Promise<string>;
}

const ARCHIVE_FILTERS = [
  { name: 'Callscope archives', extensions: ['sqlite', 'callscope', 'db'] },
  { name: 'All files', extensions: ['*'] },
];
const EXPORT_FILTERS = [
  { name: 'Call exports', extensions: ['csv', 'txt', 'tsv', 'jsonl', 'ndjson', 'json', 'gz'] },
  { name: 'All files', extensions: ['*'] },
];

export class DesktopShell {
  private win: BrowserWindow | null = null;
  private archive: OpenedArchive | null = null;
  private readonly grants = new ImportGrants();
  private settings: ShellSettings;
  private readonly settingsFile = join(app.getPath('userData'), 'settings.json');
  private readonly windowFile = join(app.getPath('userData'), 'window-state.json');

  constructor(private readonly opts: ShellOptions) {
    this.settings = loadSettings(this.settingsFile);
  }

  /** Settles when the first archive is open; API calls made before then wait for it. */
  private opening: Promise<void> = Promise.resolve();

  async start(): Promise<void> {
    registerIpc({
      api: async () => {
        await this.opening;
        if (!this.archive) throw new ApiError('not_found', 'no archive is open');
        return this.archive.api;
      },
      policy: {
        checkImport: (request) => this.grants.check(request),
        logError: (method, err) => console.error(`callscope: ${method} failed:`, err),
      },
      host: {
        pickExportFiles: () => this.pickExportFiles(),
        grantFiles: (paths) => this.grant(paths),
      },
      devServerUrl: this.opts.devServerUrl,
    });
    // The window first: creating the demo archive on a first start takes a while,
    // and the page's first calls simply wait for it.
    this.opening = this.openInitialArchive();
    this.buildMenu();
    this.createWindow();
    await this.opening;
  }

  private async openInitialArchive(): Promise<void> {
    const last = this.settings.lastArchive;
    if (last && existsSync(last)) {
      try {
        return this.switchTo(last, false, false);
      } catch (err) {
        dialog.showErrorBox('Callscope', `Could not open ${last}: ${oneLine(err)}\nOpening the demo archive instead.`);
      }
    }
    // First start (or the last archive is gone): the demo archive, so there is something to look at.
    this.switchTo(await this.opts.demoArchive(), false, false);
  }

  /** Opens path as the archive; reload: the page re-reads everything (not needed for the first archive). */
  private switchTo(path: string, create: boolean, reload = true): void {
    const next = openArchiveApi(path, { create, worker: this.opts.worker });
    this.archive?.close();
    this.archive = next;
    this.settings = withOpened(this.settings, path);
    saveSettings(this.settingsFile, this.settings);
    this.win?.setTitle(`Callscope — ${path}`);
    this.buildMenu();
    if (reload) this.win?.webContents.reload();
  }

  private grant(paths: string[]): string[] {
    return this.grants.grant(paths);
  }

  private async pickExportFiles(): Promise<string[] | null> {
    const options = { properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[], filters: EXPORT_FILTERS };
    const r = this.win ? await dialog.showOpenDialog(this.win, options) : await dialog.showOpenDialog(options);
    return r.canceled || r.filePaths.length === 0 ? null : this.grant(r.filePaths);
  }

  private tryOpen(path: string, create: boolean): void {
    try {
      this.switchTo(path, create);
    } catch (err) {
      dialog.showErrorBox('Callscope', oneLine(err));
    }
  }

  private buildMenu(): void {
    const template = menuTemplate(
      {
        openArchive: async () => {
          const r = await dialog.showOpenDialog({ properties: ['openFile'], filters: ARCHIVE_FILTERS });
          if (!r.canceled && r.filePaths[0]) this.tryOpen(r.filePaths[0], false);
        },
        newArchive: async () => {
          const r = await dialog.showSaveDialog({ defaultPath: 'archive.sqlite', filters: ARCHIVE_FILTERS });
          if (r.canceled || !r.filePath) return;
          if (existsSync(r.filePath)) {
            dialog.showErrorBox('Callscope', `${r.filePath} already exists: choose a new name, or open it instead.`);
            return;
          }
          this.tryOpen(r.filePath, true);
        },
        importExports: async () => {
          const paths = await this.pickExportFiles();
          if (paths) this.win?.webContents.send(IPC_COMMAND_CHANNEL, { kind: 'import', paths });
        },
        openRecent: (path) => this.tryOpen(path, false),
        showArchiveFolder: () => {
          if (this.archive) shell.showItemInFolder(this.archive.path);
        },
        about: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: 'About Callscope',
            message: `Callscope ${app.getVersion()}`,
            detail: `Offline call archive.\nArchive: ${this.archive?.path ?? '(none)'}\nElectron ${process.versions.electron}`,
          }),
      },
      {
        isMac: process.platform === 'darwin',
        // `npm run dev` (or CALLSCOPE_DEV=1); `npm start` is the product and gets no reload / DevTools.
        dev: Boolean(this.opts.devServerUrl) || process.env['CALLSCOPE_DEV'] === '1',
        recent: this.settings.recent,
        appName: 'Callscope',
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  private createWindow(): void {
    const saved = loadWindowState(this.windowFile);
    const bounds = restoredBounds(saved, screen.getAllDisplays().map((d) => d.workArea));
    const win = new BrowserWindow({
      ...bounds,
      minWidth: 900,
      minHeight: 600,
      show: false,
      title: `Callscope — ${this.archive?.path ?? ''}`,
      backgroundColor: '#1b1d21',
      webPreferences: {
        preload: this.opts.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
      },
    });
    this.win = win;
    if (saved?.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    win.on('close', () =>
      saveWindowState(this.windowFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() }),
    );
    win.on('closed', () => {
      this.win = null;
    });
    void win.loadURL(this.opts.devServerUrl ?? APP_ENTRY);
  }

  shutdown(): void {
    this.archive?.close();
    this.archive = null;
  }
}
