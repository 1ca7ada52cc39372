// The application menu as data (type-only Electron import), so its contents —
// shortcuts, recent archives, dev-only reload — are tested under plain Node.
import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';

export interface MenuActions {
  openArchive(): void;
  newArchive(): void;
  importExports(): void;
  openRecent(path: string): void;
  showArchiveFolder(): void;
  about(): void;
}

export interface MenuContext {
  isMac: boolean;
  /** Development build: View gets reload and DevTools. */
  dev: boolean;
  recent: string[];
  appName: string;
}

export function menuTemplate(actions: MenuActions, ctx: MenuContext): MenuItemConstructorOptions[] {
  const recent: MenuItemConstructorOptions[] = ctx.recent.length
    ? ctx.recent.map((path) => ({ label: basename(path), sublabel: path, click: () => actions.openRecent(path) }))
    : [{ label: 'No recent archives', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open Archive…', accelerator: 'CmdOrCtrl+O', click: () => actions.openArchive() },
      { label: 'New Archive…', accelerator: 'CmdOrCtrl+N', click: () => actions.newArchive() },
      { label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      { label: 'Import Exports…', accelerator: 'CmdOrCtrl+I', click: () => actions.importExports() },
      { label: 'Show Archive in Folder', click: () => actions.showArchiveFolder() },
      { type: 'separator' },
      ctx.isMac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(ctx.dev
        ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: `About ${ctx.appName}`, click: () => actions.about() }],
  };

  return [
    ...(ctx.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ];
}
