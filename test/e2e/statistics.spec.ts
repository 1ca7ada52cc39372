// The Statistics view in Chromium against browser mode on the hand-written
// archive of the statistics tests (its figures are computed by hand in
// test/statistics): the table, the charts, a count's drill-down to exactly its
// calls, English and Danish, light and dark, and no serious / critical axe violation.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { SHOTS } from './env';
import { ROOT, startServe, type ServeProcess } from './serve';

let serve: ServeProcess;
test.describe.configure({ mode: 'serial' });
mkdirSync(SHOTS, { recursive: true });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const db = join(mkdtempSync(join(tmpdir(), 'callscope-stats-e2e-')), 'hand.sqlite');
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test/e2e/hand-archive-file.ts'), db], { cwd: ROOT });
  serve = await startServe(db, { timeoutMs: 110_000 });
});
test.afterAll(async () => serve?.stop());

async function openStatistics(page: Page, lang: 'en' | 'da', theme: 'light' | 'dark' = 'light'): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(serve.url);
  const langSwitch = page.getByTestId('lang-switch');
  await expect(langSwitch).toBeVisible();
  if ((await langSwitch.inputValue()) !== lang) await langSwitch.selectOption(lang);
  const html = page.locator('html');
  if ((await html.getAttribute('data-theme')) !== theme) await page.getByTestId('theme-switch').click();
  await page.getByTestId('statistics-tab').click();
  await expect(page.getByTestId('stats-total-row')).toBeVisible();
  await expect(page.locator('.stats-chart canvas').first()).toBeVisible();
}

async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the table: per-queue figures and the total of the hand-written archive; formulas in the header tooltips', async ({
  page,
}) => {
  await openStatistics(page, 'en');
  // The period starts as the archive's own range (first and last call, in the archive's zone).
  await expect(page.getByTestId('stats-from')).toHaveValue('2026-03-27');
  await expect(page.getByTestId('stats-to')).toHaveValue('2026-03-29');
  const table = page.getByTestId('stats-queue-table');
  await expect(table.locator('tbody tr').filter({ hasText: 'Sales' }).locator('td').first()).toHaveText('10');
  await expect(table.locator('tbody tr').filter({ hasText: 'Support' }).locator('td').first()).toHaveText('17');
  await expect(page.getByTestId('stats-total-row').locator('td').first()).toHaveText('26');
  await expect(table.locator('th', { hasText: 'Service level %' })).toHaveAttribute(
    'title',
    /offered − abandoned within SL/,
  );
  await page.screenshot({ path: join(SHOTS, 'statistics-en-light.png'), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
});

test("the period shortcuts: whole weeks and months counted from the archive's newest call", async ({ page }) => {
  await openStatistics(page, 'en');
  const total = page.getByTestId('stats-total-row').locator('td').first();
  // The hand-written archive's calls are on Friday 27 to Sunday 29 March 2026: its own latest week.
  await expect(page.getByTestId('stats-period-all')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('stats-period-week').click();
  await expect(page.getByTestId('stats-from')).toHaveValue('2026-03-23');
  await expect(page.getByTestId('stats-to')).toHaveValue('2026-03-29');
  await expect(page.getByTestId('stats-period-week')).toHaveAttribute('aria-pressed', 'true');
  await expect(total).toHaveText('26');
  await page.getByTestId('stats-period-prevWeek').click();
  await expect(page.getByTestId('stats-from')).toHaveValue('2026-03-16');
  await expect(page.getByTestId('stats-to')).toHaveValue('2026-03-22');
  await expect(total).toHaveText('0');
  await page.getByTestId('stats-period-month').click();
  await expect(page.getByTestId('stats-to')).toHaveValue('2026-03-31');
  await expect(total).toHaveText('26');
  // A date typed by hand is no shortcut: none is shown as chosen.
  await page.getByTestId('stats-from').fill('2026-03-28');
  await expect(page.getByTestId('stats-periods').locator('[aria-pressed=true]')).toHaveCount(0);
  await page.getByTestId('lang-switch').selectOption('da');
  await expect(page.getByTestId('stats-period-prevWeek')).toHaveText('Ugen før');
  await page.screenshot({ path: join(SHOTS, 'statistics-periods-da.png') });
  expect(await seriousViolations(page)).toEqual([]);
});

test('the address bar holds the tab and the statistics shown: reload, Back and a copied URL return to them', async ({
  page,
}) => {
  await openStatistics(page, 'en');
  const total = page.getByTestId('stats-total-row').locator('td').first();
  // The week before the archive's calls has none: figures of the whole archive (26) would show that it was not used.
  await page.getByTestId('stats-period-prevWeek').click();
  await expect(page).toHaveURL(/[?&]tab=statistics&sfrom=2026-03-16&sto=2026-03-22/);
  await expect(total).toHaveText('0');
  await page.reload();
  await expect(page.getByTestId('statistics-tab')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('stats-from')).toHaveValue('2026-03-16');
  await expect(page.getByTestId('stats-period-prevWeek')).toHaveAttribute('aria-pressed', 'true');
  await expect(total).toHaveText('0');
  await page.getByTestId('stats-period-week').click();
  await expect(total).toHaveText('26');
  await page.goBack();
  await expect(page.getByTestId('stats-from')).toHaveValue('2026-03-16');
  await expect(total).toHaveText('0');
  // A copied URL, opened again in this tab (the token is kept per tab, as a reload keeps it).
  const url = page.url();
  await page.getByTestId('log-tab').click();
  await expect(page).toHaveURL(/[?&]tab=log/);
  await page.goto(url);
  await expect(page.getByTestId('stats-from')).toHaveValue('2026-03-16');
  await expect(total).toHaveText('0');
});

test('headline figures compared with the period before: the same part of the days just before', async ({ page }) => {
  await openStatistics(page, 'en');
  // The hand-written archive's calls are on 27–29 March, the newest at 10:30 on the 29th: 28–29 March
  // compares with 26 March 00:00 to 27 March 10:30 (27 March's calls to 10:30), like for like.
  await page.getByTestId('stats-from').fill('2026-03-28');
  await page.getByTestId('stats-to').fill('2026-03-29');
  await page.getByTestId('stats-apply').click();
  await expect(page.getByTestId('stats-compare-period')).toHaveText(
    "Compared with 2026-03-26 00:00 – 2026-03-27 10:30, the same part of the period before (the archive's newest call started 2026-03-29 10:30).",
  );
  const offered = page.getByTestId('stats-kpi-offered');
  await expect(offered).toContainText('10');
  await expect(offered).toContainText('before: 9');
  await expect(offered).toContainText('+11.1 %');
  // The offered calls open in the list, as the table's counts do.
  await offered.getByRole('button').click();
  await expect(page.getByTestId('result-count')).toHaveText('10 calls');
  await page.getByTestId('statistics-tab').click();
  // The latest week has nothing before it in this archive: no change is shown, and the view says why.
  await page.getByTestId('stats-period-week').click();
  await expect(page.getByTestId('stats-compare-period')).toContainText('has no calls to compare with');
  await expect(page.getByTestId('stats-kpi-change')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
});

test('printed, the view is a report: what the figures are of instead of the form', async ({ page }) => {
  await openStatistics(page, 'en');
  await page.getByTestId('stats-period-week').click();
  await expect(page.getByTestId('stats-from')).toHaveValue('2026-03-23');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('stats-print-head')).toContainText(
    '2026-03-23 to 2026-03-29 · by Queue · service level within 20 s (abandons within it: ignored)',
  );
  await expect(page.getByTestId('stats-print-head')).toContainText(/From the archive \/.*hand\.sqlite/);
  await expect(page.getByTestId('stats-apply')).toBeHidden();
  await expect(page.getByTestId('stats-periods')).toBeHidden();
  await expect(page.getByTestId('stats-total-row')).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'statistics-print-en.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByTestId('stats-print-head')).toBeHidden();
});

test('the agent table sorts by any column: a figure most first, then the other way', async ({ page }) => {
  await openStatistics(page, 'en');
  const table = page.getByTestId('stats-agents');
  const handled = async () =>
    (await table.locator('tbody tr td:nth-of-type(3)').allInnerTexts()).map((v) => Number(v.replace(/,/g, '')));
  await expect(table.locator('th', { hasText: 'Agent' })).toHaveAttribute('aria-sort', 'ascending');
  await page.getByTestId('agents-sort-handled').click();
  await expect(table.locator('th', { hasText: 'Handled' })).toHaveAttribute('aria-sort', 'descending');
  const most = await handled();
  expect(most.length).toBeGreaterThan(1);
  expect(most).toEqual([...most].sort((x, y) => y - x));
  await page.getByTestId('agents-sort-handled').press('Enter');
  await expect(table.locator('th', { hasText: 'Handled' })).toHaveAttribute('aria-sort', 'ascending');
  expect(await handled()).toEqual([...most].sort((x, y) => x - y));
  expect(await seriousViolations(page)).toEqual([]);
});

test('every count is a link: the call list shows exactly its calls (total = figure)', async ({ page }) => {
  await openStatistics(page, 'en');
  // Support's abandoned calls: c04 c05 c06 c17 c21 c22 = 6.
  const support = page.getByTestId('stats-queue-table').locator('tbody tr').filter({ hasText: 'Support' });
  await support.locator('td').nth(2).getByRole('button').click();
  // The banner names the period too: the first figures are of the whole archive (no Time filter set;
  // a period's drill sets it: test/renderer/statistics-audit.test.ts).
  await expect(page.getByTestId('drill-banner')).toContainText('Statistics: Abandoned · Support · whole archive');
  await expect(page.getByTestId('result-count')).toHaveText('6 calls');
  await page.screenshot({ path: join(SHOTS, 'statistics-drill-en.png') });
  // The agent table: Bo's unanswered offers are c12 and c29.
  await page.getByTestId('statistics-tab').click();
  const bo = page.getByTestId('stats-agents').locator('tbody tr').filter({ hasText: 'Bo' });
  await bo.locator('td').nth(3).getByRole('button').click();
  await expect(page.getByTestId('result-count')).toHaveText('2 calls');
  await page.getByTestId('drill-banner').getByRole('button').click();
  await expect(page.getByTestId('result-count')).toHaveText('35 calls');
});

test('Danish, grouping by day then queue, the three treatments, dark', async ({ page }) => {
  await openStatistics(page, 'da', 'dark');
  await page.getByTestId('stats-by').selectOption('day');
  await page.getByTestId('stats-by2').selectOption('queue');
  await page.getByTestId('stats-sl-abandons').selectOption('fail');
  await page.getByTestId('stats-apply').click();
  const table = page.getByTestId('stats-queue-table');
  await expect(table.locator('thead')).toContainText('Serviceniveau %');
  // fail: 9 ÷ 26 = 34.6 % in the total row (decimal comma in Danish).
  await expect(page.getByTestId('stats-total-row')).toContainText('34,6');
  await page.screenshot({ path: join(SHOTS, 'statistics-da-dark.png'), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
});

test('Danish light and English dark screenshots', async ({ page }) => {
  await openStatistics(page, 'da', 'light');
  await page.screenshot({ path: join(SHOTS, 'statistics-da-light.png'), fullPage: true });
  await openStatistics(page, 'en', 'dark');
  await page.screenshot({ path: join(SHOTS, 'statistics-en-dark.png'), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
});
