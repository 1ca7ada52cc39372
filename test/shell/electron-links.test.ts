// callscope:// links in the desktop app against the fake electron module (NOT RUN
// in a real Electron): the scheme is registered, open-url and a second start's
// argv are validated before anything acts, and the shell opens the named archive
// and sends the page the view to show.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_COMMAND_CHANNEL } from '../../src/shared/api/methods';
import { emptyViewState, type AppLink } from '../../src/shared/links';
import { fakeApi } from './fake-api';
import { state } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const opened: string[] = [];
vi.mock('../../src/main/api-host/open', () => ({
  openArchiveApi: (path: string) => (opened.push(path), { path, api: fakeApi(), close: () => undefined }),
}));
const { registerAppLinks, appLinkFromArgv } = await import('../../src/main/electron/app-links');
const { DesktopShell } = await import('../../src/main/electron/shell');

const root = mkdtempSync(join(tmpdir(), 'callscope-links-'));
let n = 0;
beforeEach(() => {
  const userData = join(root, `p${++n}`);
  mkdirSync(userData);
  state.reset(userData);
  opened.length = 0;
});

describe('callscope:// links (fake electron; not run in a real one)', () => {
  it('registers the scheme and passes on only valid open-url links', () => {
    const links: AppLink[] = [];
    registerAppLinks((l) => links.push(l));
    expect(state.protocolClients[0]?.[0]).toBe('callscope');
    let prevented = 0;
    const event = { preventDefault: () => void prevented++ };
    state.appEvents.emit('open-url', event, 'callscope://open?archive=%2Fdata%2Fa.sqlite&q=4512&call=77');
    state.appEvents.emit('open-url', event, 'callscope://open?archive=%2Fetc%2Fpasswd');
    state.appEvents.emit('open-url', event, 'javascript:alert(1)');
    expect(prevented).toBe(3);
    expect(links).toEqual([{ archive: '/data/a.sqlite', view: { ...emptyViewState(), text: '4512', call: '77' } }]);
  });

  it('finds a link in a second start argv', () => {
    expect(appLinkFromArgv(['--no-sandbox', 'callscope://open?call=5'])?.view.call).toBe('5');
    expect(appLinkFromArgv(['callscope://evil'])).toBeNull();
    expect(appLinkFromArgv(['/x/archive.sqlite'])).toBeNull();
  });

  it('the shell opens the archive the link names and tells the page the view', async () => {
    const demo = join(root, 'demo.sqlite');
    const other = join(root, 'other.sqlite');
    writeFileSync(demo, 'x');
    writeFileSync(other, 'x');
    const shell = new DesktopShell({ preloadPath: '/p.cjs', demoArchive: async () => demo });
    await shell.start();
    const win = state.windows.at(-1)!;
    await shell.handleAppLink({ archive: other, view: { ...emptyViewState(), text: '45', call: '9' } });
    expect(state.messageBoxes).toHaveLength(1); // asked before another archive replaced the open one
    expect(state.messageBoxes[0]).toMatchObject({ detail: expect.stringContaining(other), cancelId: 1, defaultId: 1 });
    expect(opened).toEqual([demo, other]);
    expect(win.webContents.sent.at(-1)).toEqual({
      channel: IPC_COMMAND_CHANNEL,
      message: { kind: 'show-view', query: 'q=45&call=9' },
    });
    // An archive that is not there: one line, nothing opened, no view sent.
    const sent = win.webContents.sent.length;
    await shell.handleAppLink({ archive: join(root, 'gone.sqlite'), view: emptyViewState() });
    expect(state.errorBoxes.at(-1)).toMatch(/does not exist: .*gone\.sqlite/);
    expect(opened).toHaveLength(2);
    expect(win.webContents.sent).toHaveLength(sent);
  });

  it('a link to another archive opens it only when the user agrees; one to the open archive does not ask', async () => {
    const mine = join(root, 'mine.sqlite');
    const theirs = join(root, 'theirs.sqlite');
    writeFileSync(mine, 'x');
    writeFileSync(theirs, 'x');
    const shell = new DesktopShell({ preloadPath: '/p.cjs', demoArchive: async () => mine });
    await shell.start();
    const win = state.windows.at(-1)!;
    const sent = win.webContents.sent.length;
    state.messageBoxAnswers.push(1); // Cancel
    await shell.handleAppLink({ archive: theirs, view: { ...emptyViewState(), text: '45' } });
    expect(opened).toEqual([mine]);
    expect(win.webContents.sent).toHaveLength(sent); // nor its view shown over the user's archive
    await shell.handleAppLink({ archive: mine, view: { ...emptyViewState(), call: '7' } });
    expect(state.messageBoxes).toHaveLength(1);
    expect(win.webContents.sent.at(-1)).toMatchObject({ message: { kind: 'show-view', query: 'call=7' } });
  });
});
