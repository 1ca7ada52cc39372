/// <reference types="electron-vite/node" />
// Electron main process: a thin adapter. Everything beneath it (store, import,
// API, handler map) is plain Node and tested without Electron; this file only
// wires the hardened window, the app:// protocol and the IPC to it.
import { app, dialog, session } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import workerPath from './import/import-worker?modulePath';
import { hardenAllContents, hardenSession } from './electron/harden';
import { registerAppScheme, serveRenderer } from './electron/protocol';
import { DesktopShell } from './electron/shell';
import { ensureDemoArchive } from './simulator/demo';

const here = import.meta.dirname;
// electron-vite sets this in `npm run dev` only; packaged and `npm start` builds load app://.
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;

// better-sqlite3 must load the copy built for Electron's ABI (scripts/postinstall.mjs).
const electronSqlite = join(app.getAppPath(), 'node_modules', '.callscope-electron', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
if (!process.env['CALLSCOPE_SQLITE_BINDING'] && existsSync(electronSqlite)) {
  process.env['CALLSCOPE_SQLITE_BINDING'] = electronSqlite;
}

// Tests and side-by-side profiles: a separate settings / window-state folder.
if (process.env['CALLSCOPE_USER_DATA']) app.setPath('userData', process.env['CALLSCOPE_USER_DATA']);

registerAppScheme();
hardenAllContents();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let desktop: DesktopShell | null = null;
  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession, devServerUrl);
      serveRenderer(join(here, '../renderer'));
      desktop = new DesktopShell({
        preloadPath: join(here, '../preload/index.cjs'),
        devServerUrl,
        worker: { path: workerPath },
        demoArchive: () => ensureDemoArchive({ worker: { path: workerPath } }),
      });
      await desktop.start();
    })
    .catch((err: unknown) => {
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      dialog.showErrorBox('Callscope could not start', `${message}\n\nBrowser mode still works: npm run serve`);
      app.exit(1);
    });
  app.on('window-all-closed', () => {
    desktop?.shutdown();
    app.quit();
  });
}
