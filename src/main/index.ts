/// <reference types="electron-vite/node" />
// Electron main process: a thin adapter. Everything beneath it (store, import,
// API, handler map) is plain Node and tested without Electron; this file only
// wires the hardened window, the app:// protocol and the IPC to it.
import { app, dialog, session } from 'electron';
import { join } from 'node:path';
import workerPath from './import/import-worker?modulePath';
import { hardenAllContents, hardenSession } from './electron/harden';
import { startFailureMessage, useElectronBinding, usePackagedBinding } from './electron/native-binding';
import { classifyPaths, type OpenRequest } from './electron/open-request';
import { registerAppScheme, serveRenderer } from './electron/protocol';
import { DesktopShell } from './electron/shell';
import { appLinkFromArgv, registerAppLinks } from './electron/app-links';
import type { AppLink } from '../shared/links/app-link';
import { ensureDemoArchive } from './simulator/demo';
import { utilityImportProcess } from './electron/import-process';

const here = import.meta.dirname;
// electron-vite sets this in `npm run dev` only; packaged and `npm start` builds load app://.
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;

// better-sqlite3 must load the copy built for Electron's ABI (scripts/postinstall.mjs),
// here and in the import worker (which inherits this environment).
// Packaged: always the app's own unpacked build (a CALLSCOPE_SQLITE_BINDING from outside is ignored).
const bindingWarning = app.isPackaged
  ? usePackagedBinding(process.resourcesPath)
  : useElectronBinding(app.getAppPath(), process.versions.electron ?? '');
if (bindingWarning) console.warn(`callscope: ${bindingWarning}; run \`node scripts/postinstall.mjs\``);

// Tests and side-by-side profiles: a separate settings / window-state folder.
// Before the single-instance lock, which is per userData folder.
if (process.env['CALLSCOPE_USER_DATA']) app.setPath('userData', process.env['CALLSCOPE_USER_DATA']);

// Every renderer sandboxed, whatever its web preferences say (the window also sets it).
app.enableSandbox();
registerAppScheme();
hardenAllContents();

if (!app.requestSingleInstanceLock()) {
  // The running instance gets our argv through 'second-instance' and comes forward.
  app.quit();
} else {
  let desktop: DesktopShell | null = null;
  // Files the OS handed over before the window existed (macOS open-file at launch).
  const early: OpenRequest = { archive: null, exports: [] };
  const onRequest = (request: OpenRequest) => {
    if (desktop) return desktop.handleOpenRequest(request);
    early.archive = request.archive ?? early.archive;
    early.exports.push(...request.exports);
  };
  // callscope:// links: validated, then handed to the shell (kept until it exists).
  let earlyLink: AppLink | null = appLinkFromArgv(process.argv.slice(1));
  const onLink = (link: AppLink) => (desktop ? void desktop.handleAppLink(link) : (earlyLink = link));
  registerAppLinks(onLink);
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const link = appLinkFromArgv(argv.slice(1));
    if (link) return onLink(link);
    onRequest(classifyPaths(argv.slice(1), workingDirectory));
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    onRequest(classifyPaths([path], process.cwd()));
  });
  const fromArgv = classifyPaths(process.argv.slice(1), process.cwd());

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession, devServerUrl);
      serveRenderer(join(here, '../renderer'));
      desktop = new DesktopShell({
        preloadPath: join(here, '../preload/index.cjs'),
        devServerUrl,
        // Imports in a utility process of their own; reads and upgrades on this process's threads.
        worker: { path: workerPath, importProcess: utilityImportProcess },
        demoArchive: () => ensureDemoArchive({ worker: { path: workerPath } }),
        initialArchive: early.archive ?? fromArgv.archive,
      });
      await desktop.start();
      const exports = [...fromArgv.exports, ...early.exports];
      if (exports.length > 0) desktop.handleOpenRequest({ archive: null, exports });
      if (earlyLink) await desktop.handleAppLink(earlyLink);
    })
    .catch((err: unknown) => {
      console.error('callscope: start failed:', err);
      dialog.showErrorBox(
        'Callscope could not start',
        `${startFailureMessage(err)}\n\nBrowser mode still works: npm run serve`,
      );
      app.exit(1);
    });
  app.on('window-all-closed', () => {
    desktop?.shutdown();
    app.quit();
  });
}
