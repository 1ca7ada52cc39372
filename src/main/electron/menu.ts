// The application menu as data (type-only Electron import), so its contents —
// shortcuts, recent archives, dev-only reload, per-platform items — are tested
// under plain Node. Items the shell or tests address have an `id`.
import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';

export interface MenuActions {
  openArchive(): void;
  newArchive(): void;
  importExports(): void;
  openRecent(path: string): void;
  clearRecent(): void;
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

/** Stable ids (Menu.getMenuItemById; the Electron e2e test clicks them). */
export const MENU_IDS = {
  openArchive: 'open-archive',
  newArchive: 'new-archive',
  importExports: 'import-exports',
  openRecent: 'open-recent',
  clearRecent: 'clear-recent',
  showArchiveFolder: 'show-archive-folder',
  about: 'about',
} as const;

export function menuTemplate(actions: MenuActions, ctx: MenuContext): MenuItemConstructorOptions[] {
  // "&File": Alt+F on Windows and Linux; macOS has no mnemonics, so plain labels there.
  const top = (label: string) => (ctx.isMac ? label : `&${label}`);
  const recent: MenuItemConstructorOptions[] = [
    ...(ctx.recent.length
      ? ctx.recent.map((path) => ({ label: basename(path), sublabel: path, click: () => actions.openRecent(path) }))
      : [{ label: 'No recent archives', enabled: false }]),
    { type: 'separator' },
    {
      id: MENU_IDS.clearRecent,
      label: 'Clear Recent',
      enabled: ctx.recent.length > 0,
      click: () => actions.clearRecent(),
    },
  ];

  const about: MenuItemConstructorOptions = {
    id: MENU_IDS.about,
    label: `About ${ctx.appName}`,
    click: () => actions.about(),
  };

  // The macOS application menu: About, Services, Hide/Hide Others/Show All, Quit (⌘Q).
  const appMenu: MenuItemConstructorOptions = {
    label: ctx.appName,
    submenu: [
      about,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: top('File'),
    submenu: [
      {
        id: MENU_IDS.openArchive,
        label: 'Open Archive…',
        accelerator: 'CmdOrCtrl+O',
        click: () => actions.openArchive(),
      },
      { id: MENU_IDS.newArchive, label: 'New Archive…', accelerator: 'CmdOrCtrl+N', click: () => actions.newArchive() },
      { id: MENU_IDS.openRecent, label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      {
        id: MENU_IDS.importExports,
        label: 'Import Exports…',
        accelerator: 'CmdOrCtrl+I',
        click: () => actions.importExports(),
      },
      { id: MENU_IDS.showArchiveFolder, label: 'Show Archive in Folder', click: () => actions.showArchiveFolder() },
      { type: 'separator' },
      // macOS: ⌘W closes the window (Quit lives in the app menu); elsewhere File → Exit, Ctrl+Q.
      ctx.isMac ? { role: 'close' } : { role: 'quit', label: 'E&xit', accelerator: 'Ctrl+Q' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: top('View'),
    submenu: [
      // Reload would drop the page's state and DevTools opens a door into it: development only.
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

  // Help → About everywhere (macOS users also find it in the app menu; the id stays on one item).
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [ctx.isMac ? { label: about.label, click: about.click } : about],
  };

  return [
    ...(ctx.isMac ? [appMenu] : []),
    file,
    // Undo/Redo/Cut/Copy/Paste/Select All with the platform's shortcuts: without
    // these roles, copy and paste do not work in text fields on macOS.
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ];
}
