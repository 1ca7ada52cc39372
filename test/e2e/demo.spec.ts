// A new user's first start: browser mode without --db creates and opens the
// demo archive (simulated calls, marked as demo) — here in a fresh data folder.
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS } from './env';
import { startServe, type ServeProcess } from './serve';

let serve: ServeProcess;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = mkdtempSync(join(tmpdir(), 'callscope-demo-e2e-'));
  serve = await startServe(null, { timeoutMs: 170_000, env: { CALLSCOPE_DATA_DIR: dataDir } });
});

test.afterAll(async () => {
  await serve?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('first start without an archive shows the demo archive', async ({ page }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await expect(page.getByTestId('call-row').first()).toBeVisible();
  await expect(page.getByTestId('result-count')).toContainText(/\d{1,3}([,.\s]\d{3})+|\d{4,}/);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'demo-list-en.png') });
  await page.getByTestId('call-row').first().click();
  await expect(page.getByTestId('event-chart').locator('canvas').first()).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'demo-chart-en.png') });
});
