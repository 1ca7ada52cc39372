// The Electron window's policies, proven under Node (the Electron binary is
// not installed here; test/e2e/electron.spec.ts covers the wiring where it is).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate, type MenuActions } from '../../src/main/electron/menu';
import { APP_ENTRY, permissionAllowed, requestAllowed, senderAllowed } from '../../src/main/electron/policy';
import { loadSettings, saveSettings, withOpened } from '../../src/main/electron/settings';
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
    showArchiveFolder: noop,
    about: noop,
  };
  const items = (t: MenuItemConstructorOptions[]) =>
    t.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? m.submenu : [])]) as MenuItemConstructorOptions[];

  it('has File / Edit / View / Window / Help with the standard shortcuts', () => {
    const t = menuTemplate(actions, { isMac: false, dev: false, recent: [], appName: 'Callscope' });
    expect(t.map((m) => m.label ?? m.role)).toEqual(['&File', 'editMenu', '&View', 'windowMenu', 'help']);
    const accel = Object.fromEntries(items(t).filter((i) => i.label).map((i) => [i.label, i.accelerator]));
    expect(accel['Open Archive…']).toBe('CmdOrCtrl+O');
    expect(accel['New Archive…']).toBe('CmdOrCtrl+N');
    expect(accel['Import Exports…']).toBe('CmdOrCtrl+I');
  });

  it('offers reload and DevTools only in development', () => {
    const roles = (dev: boolean) =>
      items(menuTemplate(actions, { isMac: false, dev, recent: [], appName: 'Callscope' })).map((i) => i.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('reload');
  });

  it('lists recent archives and opens the one clicked', () => {
    const opened: string[] = [];
    const t = menuTemplate(
      { ...actions, openRecent: (p) => opened.push(p) },
      { isMac: true, dev: false, recent: ['/a/one.sqlite', '/b/two.sqlite'], appName: 'Callscope' },
    );
    expect(t[0]?.role).toBe('appMenu');
    const recent = items(t).find((i) => i.label === 'Open Recent');
    const sub = recent?.submenu as MenuItemConstructorOptions[];
    expect(sub.map((i) => i.label)).toEqual(['one.sqlite', 'two.sqlite']);
    (sub[1]?.click as () => void)();
    expect(opened).toEqual(['/b/two.sqlite']);
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

  it('keeps the last archive and a short recent list without duplicates', () => {
    const file = join(dir, 'settings.json');
    expect(loadSettings(file)).toEqual({ lastArchive: null, recent: [] });
    const exists = () => true;
    let s = withOpened(loadSettings(file), '/a.sqlite', exists);
    s = withOpened(s, '/b.sqlite', exists);
    s = withOpened(s, '/a.sqlite', exists);
    saveSettings(file, s);
    expect(loadSettings(file)).toEqual({ lastArchive: '/a.sqlite', recent: ['/a.sqlite', '/b.sqlite'] });
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
