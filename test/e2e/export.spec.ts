// End to end in Chromium (browser mode): the Export dialog exports the current
// search and the browser downloads it (a token-checked GET); saved searches are
// saved and still there after a reload (they live in the archive); recent searches
// are offered under the focused search box. Screenshots in English and Danish
// (test-results/screenshots/export-*.png); axe-core finds no serious or critical
// violation in the dialog or the saved-search panel.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Download, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallPage } from '../../src/shared/api/archive-api';
import { call } from './api';
import { e2e, scenarioFiles, SHOTS } from './env';

test.describe.configure({ mode: 'serial' });
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `export-${name}.png`) });

async function open(page: Page, lang: 'en' | 'da' = 'en'): Promise<void> {
  await page.goto(e2e.url);
  await expect(page.getByTestId('search-input')).toBeVisible();
  const langSwitch = page.getByTestId('lang-switch');
  if ((await langSwitch.inputValue()) !== lang) await langSwitch.selectOption(lang);
}

async function noSeriousViolations(page: Page, selector: string): Promise<void> {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('exports the current search as a download (CSV for Danish Excel, with events)', async ({ page, request }) => {
  await open(page);
  let total = (await call<CallPage>(request, 'calls.search', { limit: 1 })).total;
  if (total === 0) {
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file-input').setInputFiles(scenarioFiles());
    await page.getByTestId('import-start').click();
    await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('import-dialog').locator('.dialog-head button').click();
    total = (await call<CallPage>(request, 'calls.search', { limit: 1 })).total;
  }
  expect(total).toBeGreaterThan(0);
  await page.getByTestId('export-open').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('export-format-csv-semicolon').check();
  await dialog.getByTestId('export-events').check();
  await shot(page, 'dialog-en');
  await noSeriousViolations(page, '[data-testid="export-dialog"]');
  const downloads: Promise<Download>[] = [];
  page.on('download', (d) => void downloads.push(Promise.resolve(d)));
  await dialog.getByTestId('export-start').click();
  await expect(dialog.getByTestId('export-progress')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(dialog.getByTestId('export-saved')).toContainText('callscope-calls-');
  await expect.poll(() => downloads.length).toBe(2);
  // The two downloads may arrive in either order (CI once saw the events file first): find each by name.
  const files = await Promise.all(downloads);
  const callsFile = files.find((d) => d.suggestedFilename().startsWith('callscope-calls-'));
  const eventsFile = files.find((d) => d.suggestedFilename().startsWith('callscope-events-'));
  expect(callsFile!.suggestedFilename()).toMatch(/^callscope-calls-.*\.csv$/);
  expect(eventsFile!.suggestedFilename()).toMatch(/^callscope-events-.*\.csv$/);
  const text = readFileSync((await callsFile!.path())!, 'utf8');
  expect(text.startsWith('\uFEFFcall_id;type;start;start_local;')).toBe(true);
  expect(text.trimEnd().split('\r\n')).toHaveLength(total + 1);
  expect(readFileSync((await eventsFile!.path())!, 'utf8')).toContain(';raw_rows\r\n');
  await shot(page, 'done-en');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('saves a search, keeps it across a reload, offers recent searches on focus', async ({ page }) => {
  await open(page);
  const search = page.getByTestId('search-input');
  await search.fill('Support');
  await page.getByTestId('saved-searches').click();
  await page.getByTestId('saved-search-name').fill('Support calls');
  await page.getByTestId('saved-search-save').click();
  await expect(page.getByTestId('saved-search-list')).toContainText('Support calls');
  await shot(page, 'saved-en');
  await noSeriousViolations(page, '[data-testid="saved-searches-panel"]');
  await page.keyboard.press('Escape');

  await page.waitForTimeout(2000); // the recent search is recorded once typing has paused (1.5 s)
  await page.reload();
  await expect(search).toBeVisible();
  await page.getByTestId('saved-searches').click();
  await expect(page.getByTestId('saved-search-list')).toContainText('Support calls');
  await page.keyboard.press('Escape');
  // The recent searches are offered while the focused box is empty (typing hides them).
  await search.focus();
  await search.fill('');
  await expect(page.getByTestId('recent-searches')).toContainText('"Support"');
  // Keyboard: Tab from the box reaches the first recent search; Enter runs it.
  await search.press('Tab');
  await expect(page.getByTestId('recent-searches').locator('button').first()).toBeFocused();
  await shot(page, 'recent-en');
  await noSeriousViolations(page, '[data-testid="recent-searches"]');
  await page.keyboard.press('Enter');
  await expect(search).toHaveValue('Support');
});

test('Danish: the export dialog and saved searches', async ({ page }) => {
  await open(page, 'da');
  await page.getByTestId('export-open').click();
  await expect(page.getByTestId('export-dialog')).toContainText('Eksportér opkald');
  await shot(page, 'dialog-da');
  await noSeriousViolations(page, '[data-testid="export-dialog"]');
  await page.keyboard.press('Escape');
  await page.getByTestId('saved-searches').click();
  await expect(page.getByTestId('saved-searches-panel')).toContainText('Gem søgning');
  await shot(page, 'saved-da');
});
