// The Electron window's policies, proven under Node (the Electron binary is
// not installed here; test/e2e/electron.spec.ts covers the wiring where it is).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate, type MenuActions } from '../../src/main/electron/menu';
import { APP_ENTRY, permissionAllowed, requestAllowed, senderAllowed } from '../../src/main/electron/policy';
import { loadSettings, MAX_RECENT, saveSettings, withOpened, withoutRecent } from '../../src/main/electron/settings';
import { loadWindowState, restoredBounds, saveWindowState } from '../../src/main/electron/window-state';

const dir = mkdtempSync(join(tmpdir(), 'callscope-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('request policy', () => {
  it('allows only the app:// renderer (and the dev server in development)', () => {
    expect(requestAllowed(APP_ENTRY)).toBe(true);
    expect(requestAllowed('app://callscope/assets/index-abc.js')).toBe(true);
    expect(requestAllowed('devtools://devtools/bundled/inspector.html')).toBe(true);
    for (const url of [
      'https://example.com/x.js',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'ws://example.com/',
      'ftp://example.com/',
      'not a url',
    ]) {
      expect(requestAllowed(url), url).toBe(false);
    }
    const dev = 'http://localhost:5173';
    expect(requestAllowed('http://localhost:5173/src/main.ts', dev)).toBe(true);
    expect(requestAllowed('ws://localhost:5173/', dev)).toBe(true);
    expect(requestAllowed('http://localhost:8080/', dev)).toBe(false);
    expect(requestAllowed('https://cdn.example.com/', dev)).toBe(false);
  });

  it('accepts IPC only from our page', () => {
    expect(senderAllowed(APP_ENTRY)).toBe(true);
    expect(senderAllowed('app://callscope/index.html#/calls')).toBe(true);
    expect(senderAllowed('https://example.com/')).toBe(false);
    expect(senderAllowed('app://callscope.evil/')).toBe(false);
    expect(senderAllowed(undefined)).toBe(false);
    expect(senderAllowed('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
  });

  it('denies every permission except writing to the clipboard', () => {
    expect(permissionAllowed('clipboard-sanitized-write')).toBe(true);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fileSystem', 'hid']) {
      expect(permissionAllowed(p), p).toBe(false);
    }
  });
});

describe('application menu', () => {
  const noop = () => {};
  const actions: MenuActions = {
    openArchive: noop,
    newArchive: noop,
    importExports: noop,
    openRecent: noop,
    clearRecent: noop,
    showArchiveFolder: noop,
    about: noop,
  };
  const items = (t: MenuItemConstructorOptions[]) =>
    t.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? m.submenu : [])]) as MenuItemConstructorOptions[];

  const ctx = (over: Partial<Parameters<typeof menuTemplate>[1]> = {}) => ({
    isMac: false,
    dev: false,
    recent: [] as string[],
    appName: 'Callscope',
    ...over,
  });

  it('Windows / Linux: File / Edit / View / Window / Help with mnemonics and the standard shortcuts', () => {
    const t = menuTemplate(actions, ctx());
    expect(t.map((m) => m.label ?? m.role)).toEqual(['&File', 'editMenu', '&View', 'windowMenu', 'help']);
    const byId = Object.fromEntries(
      items(t)
        .filter((i) => i.id)
        .map((i) => [i.id, i]),
    );
    expect(byId['open-archive']?.accelerator).toBe('CmdOrCtrl+O');
    expect(byId['new-archive']?.accelerator).toBe('CmdOrCtrl+N');
    expect(byId['import-exports']?.accelerator).toBe('CmdOrCtrl+I');
    // Exit at the end of File (Ctrl+Q), About under Help.
    const file = t[0]!.submenu as MenuItemConstructorOptions[];
    expect(file.at(-1)).toMatchObject({ role: 'quit', accelerator: 'Ctrl+Q' });
    expect((t[4]!.submenu as MenuItemConstructorOptions[])[0]).toMatchObject({ id: 'about', label: 'About Callscope' });
    expect(items(t).some((i) => i.role === 'appMenu' || i.role === 'services')).toBe(false);
  });

  it('macOS: an app menu (About, Services, Hide, Quit), ⌘W closes, no & in labels', () => {
    const t = menuTemplate(actions, ctx({ isMac: true }));
    expect(t.map((m) => m.label ?? m.role)).toEqual(['Callscope', 'File', 'editMenu', 'View', 'windowMenu', 'help']);
    const app = t[0]!.submenu as MenuItemConstructorOptions[];
    expect(app[0]).toMatchObject({ id: 'about', label: 'About Callscope' });
    expect(app.map((i) => i.role).filter(Boolean)).toEqual(['services', 'hide', 'hideOthers', 'unhide', 'quit']);
    const file = t[1]!.submenu as MenuItemConstructorOptions[];
    expect(file.at(-1)).toEqual({ role: 'close' });
    expect(items(t).filter((i) => i.role === 'quit')).toHaveLength(1);
    expect(items(t).every((i) => !i.label?.includes('&'))).toBe(true);
    // One item per id, so Menu.getMenuItemById finds the right one.
    const ids = items(t)
      .map((i) => i.id)
      .filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('Edit uses the platform role (copy / paste / select all shortcuts work in text fields)', () => {
    for (const isMac of [false, true]) {
      expect(menuTemplate(actions, ctx({ isMac })).some((m) => m.role === 'editMenu')).toBe(true);
    }
  });

  it('offers reload and DevTools only in development; zoom and full screen always', () => {
    const roles = (dev: boolean) => items(menuTemplate(actions, ctx({ dev }))).map((i) => i.role);
    for (const devOnly of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(roles(false)).not.toContain(devOnly);
      expect(roles(true)).toContain(devOnly);
    }
    for (const always of ['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']) expect(roles(false)).toContain(always);
  });

  it('lists recent archives, opens the one clicked, and offers Clear Recent only when there are some', () => {
    const opened: string[] = [];
    let cleared = 0;
    const t = menuTemplate(
      { ...actions, openRecent: (p) => opened.push(p), clearRecent: () => cleared++ },
      ctx({ isMac: true, recent: ['/a/one.sqlite', '/b/two.sqlite'] }),
    );
    const recent = items(t).find((i) => i.id === 'open-recent');
    const sub = recent?.submenu as MenuItemConstructorOptions[];
    expect(sub.map((i) => i.label)).toEqual(['one.sqlite', 'two.sqlite', undefined, 'Clear Recent']);
    expect(sub[0]?.sublabel).toBe('/a/one.sqlite');
    (sub[1]?.click as () => void)();
    (sub[3]?.click as () => void)();
    expect(opened).toEqual(['/b/two.sqlite']);
    expect(cleared).toBe(1);
    const empty = items(menuTemplate(actions, ctx())).find((i) => i.id === 'open-recent')
      ?.submenu as MenuItemConstructorOptions[];
    expect(empty[0]).toMatchObject({ label: 'No recent archives', enabled: false });
    expect(empty.at(-1)).toMatchObject({ id: 'clear-recent', enabled: false });
  });
});

describe('window state and settings', () => {
  it('restores saved bounds when visible, keeps only the size when the monitor is gone', () => {
    const file = join(dir, 'window-state.json');
    expect(loadWindowState(file)).toBeNull();
    saveWindowState(file, { bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: true });
    const saved = loadWindowState(file);
    expect(saved).toEqual({ bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: true });
    const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(restoredBounds(saved, screen)).toEqual({ x: 100, y: 80, width: 1400, height: 900 });
    const elsewhere = { bounds: { x: 4000, y: 80, width: 1400, height: 900 }, maximized: false };
    expect(restoredBounds(elsewhere, screen)).toEqual({ width: 1400, height: 900 });
    expect(restoredBounds(null, screen)).toEqual({ width: 1280, height: 800 });
    writeFileSync(file, '{broken');
    expect(loadWindowState(file)).toBeNull();
  });

  it('clamps restored bounds to the display they overlap most', () => {
    const left = { x: 0, y: 0, width: 1920, height: 1080 };
    const right = { x: 1920, y: 0, width: 1280, height: 1024 };
    const at = (x: number, y: number, width: number, height: number) => ({
      bounds: { x, y, width, height },
      maximized: false,
    });
    // Hanging off the right and bottom edges: pulled back whole onto the display.
    expect(restoredBounds(at(1500, 700, 1000, 700), [left])).toEqual({ x: 920, y: 380, width: 1000, height: 700 });
    // Title bar above the top edge: moved down so it can be grabbed.
    expect(restoredBounds(at(100, -300, 1000, 700), [left])).toEqual({ x: 100, y: 0, width: 1000, height: 700 });
    // Mostly on the second display, too big for it: shrunk to it and placed on it.
    expect(restoredBounds(at(2000, 50, 1900, 1200), [left, right])).toEqual({
      x: 1920,
      y: 0,
      width: 1280,
      height: 1024,
    });
    // Never smaller than the minimum window size, unless the display itself is.
    expect(restoredBounds(at(10, 10, 300, 200), [left])).toEqual({ x: 10, y: 10, width: 900, height: 600 });
    expect(restoredBounds(at(0, 0, 1000, 700), [{ x: 0, y: 0, width: 800, height: 560 }])).toEqual({
      x: 0,
      y: 0,
      width: 800,
      height: 560,
    });
    // Nonsense on disk is ignored.
    const file = join(dir, 'bad-window-state.json');
    writeFileSync(file, JSON.stringify({ bounds: { x: 0, y: 0, width: -5, height: 'tall' } }));
    expect(loadWindowState(file)).toBeNull();
  });

  it('drops recent archives that are gone or malformed when loading, and clears the list on request', () => {
    const file = join(dir, 'settings-prune.json');
    writeFileSync(
      file,
      JSON.stringify({ lastArchive: '/a.sqlite', recent: ['/a.sqlite', 42, '/gone.sqlite', '/a.sqlite', ''] }),
    );
    const s = loadSettings(file, (p) => p !== '/gone.sqlite');
    expect(s).toEqual({ lastArchive: '/a.sqlite', recent: ['/a.sqlite'] });
    expect(withoutRecent(s)).toEqual({ lastArchive: '/a.sqlite', recent: [] });
    const many = Array.from({ length: 20 }, (_, i) => `/${i}.sqlite`).reduce(
      (acc, p) => withOpened(acc, p, () => true),
      s,
    );
    expect(many.recent).toHaveLength(MAX_RECENT);
    expect(many.recent[0]).toBe('/19.sqlite');
  });

  it('keeps the last archive and a short recent list without duplicates', () => {
    const file = join(dir, 'settings.json');
    expect(loadSettings(file)).toEqual({ lastArchive: null, recent: [] });
    const exists = () => true;
    let s = withOpened(loadSettings(file), '/a.sqlite', exists);
    s = withOpened(s, '/b.sqlite', exists);
    s = withOpened(s, '/a.sqlite', exists);
    saveSettings(file, s);
    expect(loadSettings(file, exists)).toEqual({ lastArchive: '/a.sqlite', recent: ['/a.sqlite', '/b.sqlite'] });
    expect(withOpened(s, '/c.sqlite', (p) => p !== '/b.sqlite').recent).toEqual(['/c.sqlite', '/a.sqlite']);
  });
});

describe('import grants', () => {
  it('lets the page import only files the user chose or dropped', async () => {
    const { ImportGrants } = await import('../../src/main/electron/grants');
    const grants = new ImportGrants();
    expect(grants.grant(['/home/u/exports/a.csv'])).toEqual(['/home/u/exports/a.csv']);
    expect(() => grants.check({ files: ['/home/u/exports/a.csv'], timeZone: 'UTC' })).not.toThrow();
    expect(() => grants.check({ files: ['/home/u/exports/../exports/a.csv'], timeZone: 'UTC' })).not.toThrow();
    expect(() => grants.check({ files: ['/home/u/exports/a.csv', '/etc/shadow'], timeZone: 'UTC' })).toThrow(
      /^imports\.start: \/etc\/shadow was not chosen/,
    );
  });
});
