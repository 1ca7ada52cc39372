// A new user's first start: browser mode without --db creates and opens the
// demo archive (simulated calls, marked as demo) — here in a fresh data folder.
// Its exact facets are made heavy (CALLSCOPE_TEST_SLOW_FACETS_MS, each holds its worker 30 s, as a
// broad facet does at a million calls): a chip shows the estimate marked ≈ and the list still
// scrolls (issue 18: nothing blocks).
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS } from './env';
import { startServe, type ServeProcess } from './serve';

const HEAVY_FACET_MS = 30_000;
let serve: ServeProcess;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = mkdtempSync(join(tmpdir(), 'callscope-demo-e2e-'));
  serve = await startServe(null, {
    timeoutMs: 170_000,
    env: { CALLSCOPE_DATA_DIR: dataDir, CALLSCOPE_TEST_SLOW_FACETS_MS: String(HEAVY_FACET_MS) },
  });
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

// Each with its own filter, so that neither is answered by the other's exact facets once they finish.
for (const [lang, theme, text] of [
  ['en', 'light', ''],
  ['da', 'dark', '4'],
] as const) {
  test(`a heavy facet shows its estimate (≈) and the list still scrolls, ${lang} ${theme}`, async ({ page }) => {
    await page.addInitScript(
      ({ l, th }) => {
        localStorage.setItem('callscope.locale', l);
        localStorage.setItem('callscope.theme', th);
      },
      { l: lang, th: theme },
    );
    await page.goto(serve.url);
    await expect(page.getByTestId('call-row').first()).toBeVisible();
    if (text) await page.getByTestId('search-input').fill(text);
    await expect(page.getByTestId('call-row').first()).toBeVisible();
    const started = Date.now();
    await page.getByTestId('filter-queue').click();
    const options = page.getByTestId('filter-queue-options');
    // The exact counts hold their worker; the estimate comes from a lane of its own.
    await expect(options.getByText('≈').first()).toBeVisible();
    const axe = await new AxeBuilder({ page }).include('[data-testid=filter-queue-options]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
      [],
    );
    await page.screenshot({ path: join(SHOTS, `facets-estimate-${lang}-${theme}.png`) });
    await page.keyboard.press('Escape');
    // Far down the list: its pages are read while the heavy facet still holds its worker.
    const list = page.getByTestId('call-list');
    await list.focus();
    for (let i = 0; i < 12; i++) await page.keyboard.press('PageDown');
    const selected = page.locator('[data-testid="call-row"][aria-selected="true"]');
    await expect(selected).toHaveAttribute('data-call-id', /.+/);
    expect(Number(await selected.getAttribute('aria-rowindex'))).toBeGreaterThan(100);
    await page.keyboard.press('End');
    const rowCount = await page.getByRole('grid').getAttribute('aria-rowcount');
    await expect(selected).toHaveAttribute('aria-rowindex', rowCount ?? '');
    // All of that while the exact facets had not answered: the chip still shows the estimate.
    expect(Date.now() - started).toBeLessThan(HEAVY_FACET_MS);
    await page.getByTestId('filter-queue').click();
    await expect(options.getByText('≈').first()).toBeVisible();
  });
}
