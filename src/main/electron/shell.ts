// The desktop shell: one hardened window over the archive API. Holds the
// open archive, the files the user granted for import (dialog or drop), the
// window state, the recent archives and the menu. Everything it does to data
// goes through the handler map (./ipc → ../api-host), exactly like browser mode.
import { app, BrowserWindow, dialog, Menu, screen, shell, type OpenDialogOptions } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IPC_COMMAND_CHANNEL } from '../../shared/api/methods';
import { ApiError, oneLine } from '../api-host/dispatch';
import type { OpenedArchive } from '../api-host/open';
import { openArchiveForApp } from '../api-host/opening';
import type { ImportWorkerEntry } from '../import/run-import';
import { encodeViewState } from '../../shared/links/view-state';
import type { AppLink } from '../../shared/links/app-link';
import { saveEvidencePack } from './evidence';
import { ImportGrants } from './grants';
import { registerIpc } from './ipc';
import { saveExportFiles } from './save-export';
import { menuTemplate } from './menu';
import { ARCHIVE_EXTENSIONS, EXPORT_EXTENSIONS, type OpenRequest } from './open-request';
import { APP_ENTRY } from './policy';
import { loadSettings, saveSettings, withOpened, withoutRecent, type ShellSettings } from './settings';
import { loadWindowState, MIN_SIZE, restoredBounds, saveWindowState } from './window-state';

export interface ShellOptions {
  preloadPath: string;
  devServerUrl?: string;
  worker?: ImportWorkerEntry;
  /** Creates (once) and returns the demo archive's path. */
  demoArchive(): Promise<string>;
  /** An archive named on the command line / by the OS at start; wins over the last one opened. */
  initialArchive?: string | null;
}

const ARCHIVE_FILTERS = [
  { name: 'Callscope archives', extensions: ARCHIVE_EXTENSIONS },
  { name: 'All files', extensions: ['*'] },
];
const EXPORT_FILTERS = [
  { name: 'Call exports', extensions: EXPORT_EXTENSIONS },
  { name: 'All files', extensions: ['*'] },
];

/** The web preferences of the one window: everything a page could use to reach Node or the OS is off. */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

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
        grantFiles: (paths) => this.grants.grant(paths),
        saveExport: async (jobId) => {
          if (!this.archive) throw new ApiError('not_found', 'no archive is open');
          return saveExportFiles(this.win, this.archive.exportFiles, jobId, app.getPath('downloads'));
        },
        saveEvidence: async (request) =>
          saveEvidencePack(await this.openApi(), this.win, request, (entry) => this.archive?.recordAction(entry)),
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

  private async openApi() {
    await this.opening;
    if (!this.archive) throw new ApiError('not_found', 'no archive is open');
    return this.archive.api;
  }

  private async openInitialArchive(): Promise<void> {
    for (const candidate of [this.opts.initialArchive, this.settings.lastArchive]) {
      if (!candidate || !existsSync(candidate)) continue;
      try {
        return this.switchTo(candidate, false, false);
      } catch (err) {
        dialog.showErrorBox('Callscope', `Could not open ${candidate}: ${oneLine(err)}`);
      }
    }
    // First start (or the last archive is gone): the demo archive, so there is something to look at.
    this.switchTo(await this.opts.demoArchive(), false, false);
  }

  /** Opens path as the archive; reload: the page re-reads everything (not needed for the first archive). */
  private switchTo(path: string, create: boolean, reload = true): void {
    // An archive of an older schema is upgraded in a worker thread; the page shows its progress
    // (archive.opening) and its other calls wait for it (api-host/opening.ts).
    const next = openArchiveForApp(path, { create, worker: this.opts.worker });
    this.archive?.close();
    this.archive = next;
    this.settings = withOpened(this.settings, path);
    saveSettings(this.settingsFile, this.settings);
    // The OS list: the Dock / taskbar jump list and the macOS File → Open Recent.
    app.addRecentDocument(path);
    this.win?.setTitle(`Callscope — ${path}`);
    this.buildMenu();
    if (reload) this.win?.webContents.reload();
  }

  private async showOpenDialog(options: OpenDialogOptions) {
    return this.win ? dialog.showOpenDialog(this.win, options) : dialog.showOpenDialog(options);
  }

  private async pickExportFiles(): Promise<string[] | null> {
    const r = await this.showOpenDialog({ properties: ['openFile', 'multiSelections'], filters: EXPORT_FILTERS });
    return r.canceled || r.filePaths.length === 0 ? null : this.grants.grant(r.filePaths);
  }

  private tryOpen(path: string, create: boolean): void {
    try {
      this.switchTo(path, create);
    } catch (err) {
      dialog.showErrorBox('Callscope', oneLine(err));
    }
  }

  /**
   * A second start of the app (it holds the single-instance lock) or macOS's
   * open-file: bring the window forward, open the archive named, and hand
   * export files to the import dialog (they count as chosen by the user).
   */
  handleOpenRequest(request: OpenRequest): void {
    if (this.win) {
      if (this.win.isMinimized()) this.win.restore();
      this.win.show();
      this.win.focus();
    }
    if (request.archive && request.archive !== this.archive?.path) this.tryOpen(request.archive, false);
    if (request.exports.length > 0) this.sendCommand({ kind: 'import', paths: this.grants.grant(request.exports) });
  }

  /**
   * A callscope:// link (already validated): the window comes forward, the archive
   * it names is opened when it exists, and the page shows the link's search / call.
   */
  /**
   * A callscope:// link: its archive (if another than the open one) after the user agreed, then its view.
   * A link can come from any web page or mail: switching the archive without a word would let it show
   * its author's archive in place of the user's, looking the same.
   */
  async handleAppLink(link: AppLink): Promise<void> {
    if (link.archive && link.archive !== this.archive?.path) {
      if (!existsSync(link.archive)) {
        dialog.showErrorBox('Callscope', `The link names an archive that does not exist: ${link.archive}`);
        return;
      }
      if (this.archive && !(await this.agreeToSwitch(link.archive))) return;
    }
    this.handleOpenRequest({ archive: link.archive, exports: [] });
    this.sendCommand({ kind: 'show-view', query: encodeViewState(link.view) });
  }

  /** Asks before a link replaces the open archive with another (Cancel is the default). */
  private async agreeToSwitch(archive: string): Promise<boolean> {
    const options = {
      type: 'question' as const,
      title: 'Callscope',
      message: 'A link asks to open another archive',
      detail: `Open ${archive}\nin place of ${this.archive?.path ?? ''}?`,
      buttons: ['Open', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
    };
    const answer = this.win ? await dialog.showMessageBox(this.win, options) : await dialog.showMessageBox(options);
    return answer.response === 0;
  }

  /** To the page; one still loading gets it once loaded (a message sent earlier would be lost). */
  private sendCommand(
    command:
      { kind: 'import'; paths: string[] } | { kind: 'open-import-dialog' } | { kind: 'show-view'; query: string },
  ): void {
    const contents = this.win?.webContents;
    if (!contents) return;
    if (contents.isLoading()) contents.once('did-finish-load', () => contents.send(IPC_COMMAND_CHANNEL, command));
    else contents.send(IPC_COMMAND_CHANNEL, command);
  }

  private buildMenu(): void {
    const template = menuTemplate(
      {
        openArchive: async () => {
          const r = await this.showOpenDialog({ properties: ['openFile'], filters: ARCHIVE_FILTERS });
          if (!r.canceled && r.filePaths[0]) this.tryOpen(r.filePaths[0], false);
        },
        newArchive: async () => {
          const options = { defaultPath: 'archive.sqlite', filters: ARCHIVE_FILTERS };
          const r = this.win ? await dialog.showSaveDialog(this.win, options) : await dialog.showSaveDialog(options);
          if (r.canceled || !r.filePath) return;
          if (existsSync(r.filePath)) {
            dialog.showErrorBox('Callscope', `${r.filePath} already exists: choose a new name, or open it instead.`);
            return;
          }
          this.tryOpen(r.filePath, true);
        },
        importExports: async () => {
          const paths = await this.pickExportFiles();
          if (paths) this.sendCommand({ kind: 'import', paths });
        },
        openRecent: (path) => this.tryOpen(path, false),
        clearRecent: () => {
          this.settings = withoutRecent(this.settings);
          saveSettings(this.settingsFile, this.settings);
          app.clearRecentDocuments();
          this.buildMenu();
        },
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
    const primary = screen.getPrimaryDisplay();
    const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
    const bounds = restoredBounds(
      saved,
      [primary, ...others].map((d) => d.workArea),
    );
    const win = new BrowserWindow({
      ...bounds,
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      show: false,
      title: `Callscope — ${this.archive?.path ?? ''}`,
      backgroundColor: '#1b1d21',
      webPreferences: { preload: this.opts.preloadPath, ...WEB_PREFERENCES },
    });
    this.win = win;
    if (saved?.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    // A page that never paints must not leave the user with no window at all.
    const showAnyway = setTimeout(() => {
      if (!win.isDestroyed() && !win.isVisible()) win.show();
    }, 10_000);
    showAnyway.unref();
    win.once('closed', () => clearTimeout(showAnyway));
    win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
      if (!isMainFrame) return;
      win.show();
      dialog.showErrorBox('Callscope', `The window could not load ${url}: ${description} (${code}).`);
    });
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
