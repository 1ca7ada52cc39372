// The Electron IPC adapter with ipcMain replaced by a recorder: same handler
// map as HTTP, sender check, envelopes with one-line errors, host actions.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_API_CHANNEL, IPC_HOST_CHANNEL, type ApiEnvelope } from '../../src/shared/api/methods';
import { fakeApi, type FakeApi } from './fake-api';

type Handler = (event: unknown, ...args: unknown[]) => Promise<ApiEnvelope>;
const channels = new Map<string, Handler>();
vi.mock('electron', () => ({ ipcMain: { handle: (channel: string, fn: Handler) => channels.set(channel, fn) } }));

const ours = { senderFrame: { url: 'app://callscope/index.html', parent: null } };
const foreign = { senderFrame: { url: 'https://example.com/', parent: null } };
let api: FakeApi;
const granted: string[][] = [];

beforeAll(async () => {
  const { registerIpc } = await import('../../src/main/electron/ipc');
  api = fakeApi();
  registerIpc({
    api: async () => api,
    policy: {},
    host: {
      pickExportFiles: async () => ['/home/u/export.csv'],
      grantFiles: (paths) => (granted.push(paths), paths),
    },
  });
});

const invoke = (event: unknown, method: unknown, arg?: unknown) => channels.get(IPC_API_CHANNEL)!(event, method, arg);
const host = (event: unknown, action: unknown, arg?: unknown) => channels.get(IPC_HOST_CHANNEL)!(event, action, arg);

describe('IPC adapter', () => {
  it('answers our page through the handler map, with defaults filled', async () => {
    expect(await invoke(ours, 'calls.search', { text: '45' })).toEqual({
      ok: true,
      value: { rows: [], total: 0, nextCursor: null },
    });
    expect(api.calls_.at(-1)?.arg).toEqual({ text: '45', sort: 'start', direction: 'desc', limit: 100 });
  });

  it('refuses other pages, unknown methods and invalid arguments with one-line envelopes', async () => {
    const before = api.calls_.length;
    expect(await invoke(foreign, 'archive.info')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke({}, 'archive.info')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke(ours, 'calls.drop')).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const bad = await invoke(ours, 'calls.search', { limit: 'all' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(bad.ok === false && bad.error.message).toMatch(/^invalid argument to calls\.search: limit: /);
    expect(api.calls_.length).toBe(before);
  });

  it('turns an implementation failure into one line', async () => {
    const r = await invoke(ours, 'calls.get', 'explode');
    expect(r).toEqual({
      ok: false,
      error: { code: 'internal', message: 'calls.get failed: SQLITE_CORRUPT: database disk image is malformed' },
    });
  });

  it('runs the host actions and validates their arguments', async () => {
    expect(await host(ours, 'pickExportFiles')).toEqual({ ok: true, value: ['/home/u/export.csv'] });
    expect(await host(ours, 'grantFiles', ['/a.csv'])).toEqual({ ok: true, value: ['/a.csv'] });
    expect(await host(ours, 'grantFiles', [42])).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await host(ours, 'openExternal', 'https://x')).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await host(foreign, 'pickExportFiles')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(granted).toEqual([['/a.csv']]);
  });
});
