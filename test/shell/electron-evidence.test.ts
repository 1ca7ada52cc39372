// The desktop app's evidence pack (src/main/electron/evidence.ts) against the fake
// electron module: NOT RUN in a real Electron (its binary cannot be installed here).
// Save dialog → HTML as built, or a PDF printed by a hidden, script-less window;
// the IPC host action validates its argument first.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArchiveApi, CallDetail } from '../../src/shared/api/archive-api';
import { IPC_HOST_CHANNEL } from '../../src/shared/api/methods';
import { packStatedHash } from '../../src/shared/evidence';
import { fakeApi } from './fake-api';
import type { ActionEntry } from '../../src/main/review/action-log';
import { ipcEvent, state } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { saveEvidencePack } = await import('../../src/main/electron/evidence');
const { registerIpc } = await import('../../src/main/electron/ipc');

const detail: CallDetail = {
  call: {
    callId: 'c1',
    type: 'inbound',
    dialerMode: null,
    start: '2026-03-10T09:00:00.000Z',
    end: '2026-03-10T09:01:00.000Z',
    callerNumber: '+4511111111',
    accessNumber: null,
    queues: [],
    agents: [],
    outcome: 'abandoned',
    timeBeforeAnswerSec: null,
    waitTimeSec: 60,
    speakTimeSec: 0,
    callbackAttempts: null,
    registrations: [],
    events: [
      {
        type: 'queue',
        start: '2026-03-10T09:00:00.000Z',
        end: '2026-03-10T09:01:00.000Z',
        durationSec: 60,
        name: 'Support',
        agent: null,
        label: null,
        labelDa: null,
        result: 'h',
      },
    ],
  },
  eventSources: [[{ file: 'a.csv', line: 2 }]],
  rawRows: [
    { origin: { file: 'a.csv', line: 2 }, importId: 1, fields: { call_id: 'c1', result_code: 'h' }, status: 'used' },
  ],
};

function apiWithCall(): ArchiveApi {
  const api = fakeApi();
  return { ...api, calls: { ...api.calls, get: async (id) => (id === 'c1' ? detail : null) } };
}

const dir = mkdtempSync(join(tmpdir(), 'callscope-evidence-'));
beforeEach(() => state.reset(dir));

describe('evidence pack in Electron (fake electron; not run in a real one)', () => {
  it('saves the HTML where the Save dialog says', async () => {
    const file = join(dir, 'c1.html');
    state.saveDialogAnswers.push({ canceled: false, filePath: file });
    const logged: ActionEntry[] = [];
    const path = await saveEvidencePack(apiWithCall(), null, { callId: 'c1', format: 'html', locale: 'en' }, (e) =>
      logged.push(e),
    );
    expect(path).toBe(file);
    const html = readFileSync(file, 'utf8');
    expect(packStatedHash(html)).toMatch(/^[0-9a-f]{64}$/);
    // What left the archive is in its action log, as evidence --out's packs are.
    expect(logged).toEqual([
      expect.objectContaining({
        action: 'evidence',
        details: expect.objectContaining({
          callId: 'c1',
          file: 'c1.html',
          format: 'html',
          contentSha256: packStatedHash(html),
          sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
        }),
      }),
    ]);
    expect(html).toContain('caller hung up');
    expect(state.windows).toHaveLength(0); // HTML needs no window
  });

  it('prints a PDF from a hidden window without script, then destroys it', async () => {
    const file = join(dir, 'c1.pdf');
    state.saveDialogAnswers.push({ canceled: false, filePath: file });
    await saveEvidencePack(apiWithCall(), null, { callId: 'c1', format: 'pdf', locale: 'da' });
    expect(readFileSync(file, 'utf8')).toBe('%PDF-1.7 fake');
    const [win] = state.windows;
    expect(win!.options).toMatchObject({
      show: false,
      webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    expect(win!.url).toMatch(/^data:text\/html;charset=utf-8;base64,/);
    expect(Buffer.from(win!.url!.split(',')[1]!, 'base64').toString('utf8')).toContain('<html lang="da">');
    expect(win!.webContents.printed).toEqual([{ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }]);
    expect(win!.destroyed).toBe(true);
  });

  it('writes nothing when the dialog is cancelled; an unknown call is not_found', async () => {
    expect(await saveEvidencePack(apiWithCall(), null, { callId: 'c1', format: 'pdf', locale: 'en' })).toBeNull();
    expect(state.windows).toHaveLength(0);
    await expect(
      saveEvidencePack(apiWithCall(), null, { callId: 'zz', format: 'html', locale: 'en' }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('the host action validates its argument before the shell sees it', async () => {
    const seen: unknown[] = [];
    registerIpc({
      api: async () => apiWithCall(),
      policy: {},
      host: {
        pickExportFiles: async () => null,
        grantFiles: (p) => p,
        saveEvidence: async (r) => (seen.push(r), '/tmp/x.html'),
      },
    });
    const host = state.handlers.get(IPC_HOST_CHANNEL)!;
    expect(await host(ipcEvent('ours'), 'saveEvidence', { callId: 'c1' })).toEqual({ ok: true, value: '/tmp/x.html' });
    expect(seen).toEqual([{ callId: 'c1', format: 'html', locale: 'en' }]);
    for (const bad of [
      {},
      { callId: 'c1', format: 'exe' },
      { callId: 'c1', timeZone: '../../etc' },
      { callId: 'c1', x: 1 },
    ])
      expect(await host(ipcEvent('ours'), 'saveEvidence', bad)).toMatchObject({
        ok: false,
        error: { code: 'invalid_argument' },
      });
    expect(await host(ipcEvent('foreign'), 'saveEvidence', { callId: 'c1' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(seen).toHaveLength(1);
  });
});
