// The desktop shell (src/main/electron/shell.ts) against a fake `electron`:
// the window it creates, the archive it opens first, the menu and its
// dialogs, recent archives, window state, and IPC into the open archive.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_API_CHANNEL, IPC_COMMAND_CHANNEL, type ApiEnvelope } from '../../src/shared/api/methods';
import { fakeApi, type FakeApi } from './fake-api';
import { ipcEvent, nextMacrotask, state } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

/** Archives "opened" by the shell: path, create flag, its fake API, whether closed. */
const opened: { path: string; create: boolean; api: FakeApi; closed: boolean; worker: unknown }[] = [];
vi.mock('../../src/main/api-host/open', () => ({
  openArchiveApi: (path: string, options: { create?: boolean; worker?: unknown } = {}) => {
    if (path.endsWith('broken.sqlite')) throw new Error(`${path} is not a Callscope archive`);
    const entry = { path, create: options.create ?? false, api: fakeApi(), closed: false, worker: options.worker };
    opened.push(entry);
    return { path, api: entry.api, close: () => void (entry.closed = true) };
  },
}));

const { DesktopShell, WEB_PREFERENCES } = await import('../../src/main/electron/shell');
const { MENU_IDS } = await import('../../src/main/electron/menu');
const { APP_ENTRY } = await import('../../src/main/electron/policy');

const root = mkdtempSync(join(tmpdir(), 'callscope-desktop-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let userData: string;
let n = 0;
const archive = (name: string) => {
  const p = join(root, name);
  writeFileSync(p, 'x');
  return p;
};
const demoPath = archive('demo.sqlite');
let demoCalls = 0;

beforeEach(() => {
  userData = join(root, `profile-${++n}`);
  mkdirSync(userData);
  state.reset(userData);
  opened.length = 0;
  demoCalls = 0;
});

async function startShell(extra: { initialArchive?: string | null; devServerUrl?: string } = {}) {
  const shell = new DesktopShell({
    preloadPath: '/app/out/preload/index.cjs',
    worker: { path: '/app/out/main/chunks/import-worker.js' },
    demoArchive: async () => (demoCalls++, demoPath),
    ...extra,
  });
  await shell.start();
  const win = state.windows.at(-1)!;
  return { shell, win };
}

const invoke = (method: string, arg?: unknown, frame: Parameters<typeof ipcEvent>[0] = 'ours') =>
  state.handlers.get(IPC_API_CHANNEL)!(ipcEvent(frame), method, arg) as Promise<ApiEnvelope>;
const click = async (id: string) => {
  (state.item(id)?.click as () => void)();
  await nextMacrotask();
};
const settings = () =>
  JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8')) as { lastArchive: string; recent: string[] };

describe('the window', () => {
  it('is one sandboxed, context-isolated window without Node, loading app:// with the preload', async () => {
    const { win } = await startShell();
    expect(state.windows).toHaveLength(1);
    expect(win.options.webPreferences).toEqual({ preload: '/app/out/preload/index.cjs', ...WEB_PREFERENCES });
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(win.url).toBe(APP_ENTRY);
    expect(win.options).toMatchObject({ show: false, minWidth: 900, minHeight: 600 });
  });

  it('shows itself when ready, and with a one-line error when the page fails to load', async () => {
    const { win } = await startShell();
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
    win.visible = false;
    win.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://callscope/index.html', true);
    expect(win.visible).toBe(true);
    expect(state.errorBoxes).toEqual([
      'Callscope: The window could not load app://callscope/index.html: ERR_FILE_NOT_FOUND (-6).',
    ]);
    win.emit('closed');
  });

  it('loads the dev server only when one is given (npm run dev)', async () => {
    const { win } = await startShell({ devServerUrl: 'http://localhost:5173' });
    expect(win.url).toBe('http://localhost:5173');
  });

  it('restores size, position and maximised state, clamped to the displays there are now', async () => {
    const first = await startShell();
    expect(first.win.options).toMatchObject({ width: 1280, height: 800 });
    first.win.bounds = { x: 2000, y: 100, width: 1500, height: 900 };
    state.displays = [
      { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } },
      { id: 2, workArea: { x: 1920, y: 0, width: 2560, height: 1440 } },
    ];
    first.win.maximized = true;
    first.win.emit('close');
    first.shell.shutdown();

    const again = await startShell();
    expect(again.win.options).toMatchObject({ x: 2000, y: 100, width: 1500, height: 900 });
    expect(again.win.maximized).toBe(true);

    // The second monitor is gone: the window comes back whole on the first one.
    state.displays = [{ id: 1, workArea: { x: 0, y: 0, width: 1366, height: 728 } }];
    const laptop = await startShell();
    expect(laptop.win.options).toMatchObject({ width: 1366, height: 728 });
    expect(laptop.win.options['x']).toBeUndefined();
  });
});

describe('which archive opens', () => {
  it('first start: the demo archive, remembered as last and recent (in-app and OS list)', async () => {
    const { win } = await startShell();
    expect(demoCalls).toBe(1);
    expect(opened.map((o) => o.path)).toEqual([demoPath]);
    expect(settings()).toEqual({ lastArchive: demoPath, recent: [demoPath] });
    expect(state.recentDocuments).toEqual([demoPath]);
    expect(win.title).toBe(`Callscope — ${demoPath}`);
    expect(win.webContents.reloads).toBe(0);
    // Imports of this archive run in the bundled worker thread, off the main process's event loop.
    expect(opened[0]!.worker).toEqual({ path: '/app/out/main/chunks/import-worker.js' });
  });

  it('later starts: the last archive; an archive named on the command line wins', async () => {
    const mine = archive('mine.sqlite');
    writeFileSync(join(userData, 'settings.json'), JSON.stringify({ lastArchive: mine, recent: [mine] }));
    await startShell();
    expect(demoCalls).toBe(0);
    expect(opened.map((o) => o.path)).toEqual([mine]);
    const other = archive('other.sqlite');
    await startShell({ initialArchive: other });
    expect(opened.at(-1)?.path).toBe(other);
  });

  it('an archive that no longer opens: one-line error box, then the demo', async () => {
    const broken = archive('broken.sqlite');
    writeFileSync(join(userData, 'settings.json'), JSON.stringify({ lastArchive: broken, recent: [broken] }));
    await startShell();
    expect(state.errorBoxes).toEqual([`Callscope: Could not open ${broken}: ${broken} is not a Callscope archive`]);
    expect(opened.map((o) => o.path)).toEqual([demoPath]);
  });
});

describe('File menu', () => {
  it('Open Archive… opens the chosen file, closes the previous one and reloads the page', async () => {
    const { win } = await startShell();
    const chosen = archive('chosen.sqlite');
    state.openDialogAnswers.push({ canceled: false, filePaths: [chosen] });
    await click(MENU_IDS.openArchive);
    expect(opened.map((o) => [o.path, o.closed])).toEqual([
      [demoPath, true],
      [chosen, false],
    ]);
    expect(win.webContents.reloads).toBe(1);
    expect(settings().recent).toEqual([chosen, demoPath]);
    expect(state.recentDocuments).toEqual([demoPath, chosen]);
    // Cancelled: nothing happens.
    await click(MENU_IDS.openArchive);
    expect(opened).toHaveLength(2);
  });

  it('New Archive… creates a new file and refuses to overwrite one', async () => {
    await startShell();
    const fresh = join(root, `new-${n}.sqlite`);
    state.saveDialogAnswers.push({ canceled: false, filePath: fresh });
    await click(MENU_IDS.newArchive);
    expect(opened.at(-1)).toMatchObject({ path: fresh, create: true });
    state.saveDialogAnswers.push({ canceled: false, filePath: demoPath });
    await click(MENU_IDS.newArchive);
    expect(opened).toHaveLength(2);
    expect(state.errorBoxes[0]).toMatch(/already exists/);
  });

  it('Open Recent lists the archives and opens one; Clear Recent empties both lists', async () => {
    const a = archive('a.sqlite');
    const b = archive('b.sqlite');
    writeFileSync(
      join(userData, 'settings.json'),
      JSON.stringify({ lastArchive: a, recent: [a, b, join(root, 'gone.sqlite')] }),
    );
    await startShell();
    const recent = state.item(MENU_IDS.openRecent)?.submenu as { label?: string; click?: () => void }[];
    expect(recent.map((i) => i.label)).toEqual(['a.sqlite', 'b.sqlite', undefined, 'Clear Recent']);
    recent[1]!.click!();
    expect(opened.at(-1)?.path).toBe(b);
    expect(settings().recent).toEqual([b, a]);
    await click(MENU_IDS.clearRecent);
    expect(settings()).toEqual({ lastArchive: b, recent: [] });
    expect(state.recentCleared).toBe(1);
    expect(state.item(MENU_IDS.clearRecent)?.enabled).toBe(false);
  });

  it('Import Exports… grants the chosen files and tells the page; other files stay forbidden', async () => {
    const { win } = await startShell();
    const file = join(root, 'export.csv');
    state.openDialogAnswers.push({ canceled: false, filePaths: [file] });
    await click(MENU_IDS.importExports);
    expect(win.webContents.sent).toEqual([
      { channel: IPC_COMMAND_CHANNEL, message: { kind: 'import', paths: [file] } },
    ]);
    expect(await invoke('imports.start', { files: [file], timeZone: 'Europe/Copenhagen' })).toMatchObject({ ok: true });
    const refused = await invoke('imports.start', { files: ['/etc/passwd'], timeZone: 'UTC' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(opened[0]!.api.calls_.map((c) => c.method)).toEqual(['imports.start']);
  });

  it('Show Archive in Folder reveals the open archive', async () => {
    await startShell();
    await click(MENU_IDS.showArchiveFolder);
    expect(state.shownInFolder).toEqual([demoPath]);
  });
});

describe('IPC into the open archive', () => {
  it('answers our top frame; refuses subframes, other pages and vanished frames before the archive', async () => {
    await startShell();
    expect(await invoke('archive.info')).toMatchObject({ ok: true, value: { calls: 0 } });
    for (const frame of ['subframe', 'foreign', 'gone'] as const) {
      expect(await invoke('calls.search', {}, frame)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const bad = await invoke('calls.search', { limit: 'all' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(bad.ok === false && bad.error.message).not.toMatch(/\n/);
    expect(opened[0]!.api.calls_.map((c) => c.method)).toEqual(['archive.info']);
  });
});

describe('files handed over by the OS (second start, macOS open-file)', () => {
  it('brings the window forward, opens an archive, sends exports to the import dialog', async () => {
    const { shell, win } = await startShell();
    win.minimized = true;
    const other = archive('handed.sqlite');
    shell.handleOpenRequest({ archive: other, exports: ['/data/x.csv'] });
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(1);
    expect(opened.at(-1)?.path).toBe(other);
    expect(win.webContents.sent.at(-1)?.message).toEqual({ kind: 'import', paths: ['/data/x.csv'] });
    expect(await invoke('imports.start', { files: ['/data/x.csv'], timeZone: 'UTC' })).toMatchObject({ ok: true });
  });

  it('waits for a page that is still loading before sending it a command', async () => {
    const { shell, win } = await startShell();
    win.webContents.loading = true;
    shell.handleOpenRequest({ archive: null, exports: ['/data/y.csv'] });
    expect(win.webContents.sent).toEqual([]);
    win.webContents.emit('did-finish-load');
    expect(win.webContents.sent).toHaveLength(1);
  });
});

it('keeps settings in userData', async () => {
  await startShell();
  expect(existsSync(join(userData, 'settings.json'))).toBe(true);
});

describe('an archive of an older schema (#10)', () => {
  it('is upgraded in the bundled worker, archive.opening answers over IPC meanwhile; a failed upgrade opens it read-only', async () => {
    const v2 = join(root, `v2-${n}.db`);
    copyFileSync(join(__dirname, '../fixtures/archive-v2/archive-v2.db'), v2);
    await startShell({ initialArchive: v2 });
    // Answered at once over IPC, whatever the upgrade is doing.
    const first = await invoke('archive.opening');
    expect(first.ok && (first.value as { state: string }).state).toMatch(/^(upgrading|failed)$/);
    // Here the bundled worker entry does not exist (a fake path): the upgrade fails in one line.
    // (A real worker thread: polled until it has answered, as the page does.)
    const state = await vi.waitFor(
      async () => {
        const r = await invoke('archive.opening');
        const value = (r.ok ? r.value : null) as { state: string; message?: string; readOnly?: boolean } | null;
        if (value?.state !== 'failed') throw new Error('still upgrading');
        return value;
      },
      { timeout: 30_000, interval: 20 },
    );
    expect(state).toMatchObject({ state: 'failed', readOnly: true });
    expect(state.message).not.toMatch(/\n/);
    expect(state.message).toContain('import-worker.js');
    // The archive, unchanged, is opened (read-only) and answers the page's calls.
    expect(await invoke('archive.info')).toMatchObject({ ok: true });
    expect(opened.at(-1)?.path).toBe(v2);
  });
});
