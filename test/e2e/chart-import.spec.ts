// #14 items 5, 12, 13, 14, 15 in Chromium against browser mode, on an archive of its own:
// a good and a broken file imported together (per-file report, no red "The import failed", the
// failed attempt in the import history), a silent dialer call found with the silent filter and
// marked in its chart (legend), a callback answered on its 2nd attempt with its attempt marks.
// Screenshots at 1280 and 1920 px in English and Danish (test-results/screenshots/chart-import-*);
// axe-core: no serious or critical violation on the report, the imports view, the detail and the
// outcome popover with the silent filter.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFile } from '../archive/fixtures';
import { scenarioFiles, SCENARIO_DIR, SHOTS } from './env';
import { startServe, type ServeProcess } from './serve';

test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);
mkdirSync(SHOTS, { recursive: true });

let serve: ServeProcess;
let dir: string;
let broken: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callscope-chart-import-e2e-'));
  broken = writeFile(dir, 'broken-export.csv', 'this is not,an export\n1,2\n');
  serve = await startServe(join(dir, 'chart-import.db'), { timeoutMs: 120_000 });
});

test.afterAll(async () => {
  await serve?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `chart-import-${name}.png`) });

async function axe(page: Page, what: string, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'wcag22aa',
    'best-practice',
  ]);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const bad = violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  for (const v of violations.filter((x) => !bad.includes(x)))
    console.log(`axe ${what}: ${v.impact} ${v.id} (${v.nodes.length}) ${v.help}`);
  expect(
    bad.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
    `axe on ${what}`,
  ).toEqual([]);
}

/** The app at a view (?call=…), in a language. */
async function open(page: Page, lang: 'en' | 'da', search = ''): Promise<void> {
  const url = new URL(serve.url);
  url.search = search;
  // A URL that differs from the current one only after '#' would not load the page again.
  await page.goto('about:blank');
  await page.goto(url.toString());
  await expect(page.getByTestId('search-input')).toBeVisible();
  const langSwitch = page.getByTestId('lang-switch');
  if ((await langSwitch.inputValue()) !== lang) await langSwitch.selectOption(lang);
}

async function importFiles(page: Page, files: string[]): Promise<void> {
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-file-input').setInputFiles(files);
  await page.getByTestId('import-timezone').selectOption('Europe/Copenhagen');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 120_000 });
}

test('a good and a broken file: a per-file report, and the failed attempt in the history', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, 'en');
  await importFiles(page, [join(SCENARIO_DIR, 'dialer-contact-first.csv'), broken]);
  // Not a red "The import failed": the good file got in, the report says which one failed.
  await expect(page.getByTestId('import-headline')).toHaveText('Imported 1 of 2 files; 1 failed (see the report)');
  await expect(page.getByTestId('import-progress')).toHaveAttribute('data-state', 'done');
  await expect(page.getByText('The import failed.')).toHaveCount(0);
  const rows = page.getByTestId('import-report-row');
  await expect(rows).toHaveCount(2);
  await expect(page.locator('[data-testid="import-report-row"][data-status="done"]')).toContainText(
    'dialer-contact-first.csv',
  );
  await expect(page.locator('[data-testid="import-report-row"][data-status="failed"]')).toContainText(
    'broken-export.csv',
  );
  await shot(page, 'report-1280-en');
  await axe(page, 'the import report', '[data-testid="import-dialog"]');
  await page.getByTestId('import-done').click();

  // The rest of the scenarios (companion tables, callbacks) for the charts below.
  const rest = scenarioFiles().filter((f) => !f.endsWith('dialer-contact-first.csv'));
  await importFiles(page, rest);
  await expect(page.getByTestId('import-headline')).toHaveText(/^(Done|Imported \d+ of \d+ files)/);
  await page.getByTestId('import-done').click();

  for (const lang of ['en', 'da'] as const) {
    await open(page, lang);
    await page.getByTestId('imports-tab').click();
    const attempt = page.getByTestId('import-attempt');
    await expect(attempt).toHaveCount(1);
    await expect(attempt).toHaveAttribute('data-status', 'failed');
    await expect(attempt).toContainText('broken-export.csv');
    await expect(attempt).toContainText(/[0-9a-f]{12}…/); // its SHA-256
    for (const width of [1280, 1920]) {
      await page.setViewportSize({ width, height: width === 1280 ? 800 : 1080 });
      await page.getByTestId('import-attempts').scrollIntoViewIfNeeded();
      await shot(page, `history-${width}-${lang}`);
    }
    if (lang === 'en') await axe(page, 'the imports view with attempts');
  }
});

test('a silent dialer call: found with the silent filter, marked in its chart', async ({ page }) => {
  for (const lang of ['en', 'da'] as const) {
    for (const width of [1280, 1920]) {
      await page.setViewportSize({ width, height: width === 1280 ? 800 : 1080 });
      await open(page, lang);
      await page.getByTestId('filter-outcome').click();
      await page.getByTestId('filter-silent-only').check();
      if (lang === 'en' && width === 1280) await axe(page, 'the outcome popover with the silent filter', '.popover');
      await shot(page, `silent-filter-${width}-${lang}`);
      await page.keyboard.press('Escape');
      const rows = page.getByTestId('call-row');
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toHaveAttribute('data-call-id', '5004');
      await rows.first().click();
      await expect(page.getByTestId('event-chart').locator('canvas').first()).toBeVisible();
      const legend = page.getByTestId('chart-legend');
      await expect(legend.locator('[data-legend="silent"]')).toBeVisible();
      await expect(page.getByTestId('call-metrics')).toContainText(lang === 'en' ? 'Silent call' : 'Tavst opkald');
      await shot(page, `silent-call-${width}-${lang}`);
      if (lang === 'en' && width === 1280) await axe(page, 'the silent call detail');
    }
  }
});

test('a callback answered on its 2nd attempt: one mark per attempt, listed as text', async ({ page }) => {
  for (const lang of ['en', 'da'] as const) {
    for (const width of [1280, 1920]) {
      await page.setViewportSize({ width, height: width === 1280 ? 800 : 1080 });
      await open(page, lang, '?call=2002');
      await expect(page.getByTestId('event-chart').locator('canvas').first()).toBeVisible();
      const attempts = page.getByTestId('chart-attempt');
      await expect(attempts).toHaveCount(2);
      await expect(attempts.nth(0)).toHaveAttribute('data-connected', 'false');
      await expect(attempts.nth(1)).toHaveAttribute('data-connected', 'true');
      await expect(page.getByTestId('chart-legend').locator('[data-legend="attempt"]')).toBeVisible();
      // The tooltip of the second mark: hover the chart where it is drawn (found from the option).
      await page.getByTestId('event-chart').scrollIntoViewIfNeeded();
      await shot(page, `callback-attempts-${width}-${lang}`);
      if (lang === 'en' && width === 1280) await axe(page, 'the callback detail with attempt marks');
    }
  }
  // Dark: the marks and the legend on the dark palette.
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, 'en', '?call=2002');
  await page.getByTestId('theme-switch').click();
  await expect(page.getByTestId('chart-attempt')).toHaveCount(2);
  await page.getByTestId('event-chart').scrollIntoViewIfNeeded();
  await shot(page, 'callback-attempts-1280-en-dark');
  await axe(page, 'the callback detail with attempt marks (dark)');
  await page.getByTestId('theme-switch').click();
});
