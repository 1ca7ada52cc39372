// The desktop app itself, where the Electron binary exists: launches the built
// main process, checks the window's security settings from main, that the
// renderer reaches the archive over IPC, and that remote content is blocked.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './serve';

function electronBinary(): string | null {
  try {
    const exe = createRequire(import.meta.url)('electron') as unknown;
    return typeof exe === 'string' && existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

const exe = electronBinary();

test('the Electron window is locked down and talks to the archive over IPC', async () => {
  test.skip(!exe, 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); browser-mode tests cover the UI');
  test.setTimeout(240_000);
  const userData = mkdtempSync(join(tmpdir(), 'callscope-electron-'));
  const app = await electron.launch({
    executablePath: exe!,
    args: [ROOT],
    cwd: ROOT,
    // A fresh profile and data folder: this is a first start, so the demo archive is created.
    env: { ...process.env, CALLSCOPE_USER_DATA: userData, CALLSCOPE_DATA_DIR: userData } as Record<string, string>,
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByTestId('search-input')).toBeVisible({ timeout: 180_000 });
    // First start opens the demo archive.
    await expect(page.getByTestId('demo-badge')).toBeVisible();
    await expect(page.getByTestId('call-row').first()).toBeVisible();

    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const wc = BrowserWindow.getAllWindows()[0]!.webContents;
      // getLastWebPreferences is what the window was really created with.
      const p = (wc as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
      return { url: wc.getURL(), ...p };
    });
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.url).toMatch(/^app:\/\/callscope\//);

    // Only one object is exposed, and only the allow-listed methods get through.
    const exposed = await page.evaluate(async () => {
      const w = globalThis as unknown as { callscope: { invoke(m: string, a: unknown): Promise<{ ok: boolean; error?: { code: string } }> }; require?: unknown; process?: unknown };
      const bad = await w.callscope.invoke('calls.drop', null);
      const invalid = await w.callscope.invoke('calls.search', { limit: 'all' });
      const info = await w.callscope.invoke('archive.info', null);
      return { require: typeof w.require, process: typeof w.process, bad, invalid, info: info.ok };
    });
    expect(exposed).toMatchObject({ require: 'undefined', process: 'undefined', info: true });
    expect(exposed.bad.error?.code).toBe('unknown_method');
    expect(exposed.invalid.error?.code).toBe('invalid_argument');

    // Remote content is blocked, window.open is denied, navigation away is refused.
    const remote = await page.evaluate(() => fetch('https://example.com/').then(() => 'loaded', () => 'blocked'));
    expect(remote).toBe('blocked');
    expect(
      await page.evaluate(() => (globalThis as unknown as { open(u: string): unknown }).open('https://example.com/') === null),
    ).toBe(true);
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/callscope\//);
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  }
});
