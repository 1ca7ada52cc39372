// End to end in Chromium against browser mode (started by global-setup.ts on
// an empty archive): import → search → read a call's chart → keyboard → Danish.
// Screenshots of the list, a chart, the import dialog and report are written to
// test-results/screenshots/ on every run: English and Danish, 1280×720 and
// 1920×1080, light and dark.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { call, findCall } from './api';
import { e2e, scenarioFiles, SHOTS } from './env';
import type { ArchiveInfo, CallDetail } from '../../src/shared/api/archive-api';

test.describe.configure({ mode: 'serial' });
mkdirSync(SHOTS, { recursive: true });

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

async function open(page: Page, lang: 'en' | 'da' = 'en'): Promise<void> {
  await page.goto(e2e.url);
  await expect(page.getByTestId('search-input')).toBeVisible();
  const langSwitch = page.getByTestId('lang-switch');
  if ((await langSwitch.inputValue()) !== lang) await langSwitch.selectOption(lang);
}

async function importScenarios(page: Page, name: string): Promise<void> {
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-file-input').setInputFiles(scenarioFiles());
  const zone = page.getByTestId('import-timezone');
  if (await zone.count()) await zone.selectOption('Europe/Copenhagen');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 60_000 });
  await shot(page, name);
}

/** R6: Queue (callback) labelled "1 unanswered call finished", then a Conversation. */
function answeredOnSecondAttempt({ call: c }: CallDetail): boolean {
  return (
    c.events.some((e) => e.type === 'queue_callback' && e.label === '1 unanswered call finished') &&
    c.events.some((e) => e.type === 'conversation')
  );
}

async function closeImportDialog(page: Page): Promise<void> {
  await page.getByTestId('import-dialog').locator('.dialog-head button').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
}

async function searchAndOpen(page: Page, text: string, callId: string): Promise<void> {
  await page.getByTestId('search-input').fill(text);
  const row = page.locator(`[data-testid="call-row"][data-call-id="${callId}"]`);
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('call-detail')).toBeVisible();
  await expect(page.getByTestId('event-chart').locator('canvas').first()).toBeVisible();
}

test('imports a scenario export through the import dialog', async ({ page, request }) => {
  expect(scenarioFiles().length, 'resources/samples/scenarios/*.csv').toBeGreaterThan(0);
  await open(page);
  await expect(page.getByTestId('demo-badge')).toHaveCount(0); // a fresh archive, not the demo
  await importScenarios(page, 'import-report-en');
  await expect(page.getByTestId('import-report')).toContainText(/\d/);
  const info = await call<ArchiveInfo>(request, 'archive.info');
  expect(info.calls).toBeGreaterThan(0);
  expect(info.imports).toBeGreaterThan(0);
  // The imports view lists what was imported.
  await closeImportDialog(page);
  await page.getByTestId('imports-tab').click();
  await expect(page.getByTestId('imports-view')).toBeVisible();
  await expect(page.getByTestId('import-row')).toHaveCount(scenarioFiles().length);
  await shot(page, 'imports-en');
});

test('finds the callback answered on its second attempt by number and reads its chart', async ({ page, request }) => {
  const found = await findCall(request, { types: ['callback'] }, answeredOnSecondAttempt);
  expect(found, 'a callback answered on attempt 2 in the scenarios').not.toBeNull();
  const { row } = found!;
  expect(row.callerNumber).toBeTruthy();

  await open(page);
  await page.getByTestId('search-input').fill(row.callerNumber!);
  await expect(page.getByTestId('result-count')).toContainText(/\d/);
  await shot(page, 'list-en');
  // Counts are loaded when a chip showing them opens.
  await page.getByTestId('filter-queue').click();
  await expect(page.getByTestId('filter-queue-options').locator('label').first()).toContainText(/\d/);
  await shot(page, 'filter-queue-en');
  await page.keyboard.press('Escape');
  await searchAndOpen(page, row.callerNumber!, row.callId);
  const table = page.getByTestId('event-table');
  await expect(table).toContainText('Queue (callback)');
  await expect(table.getByTestId('event-label').filter({ hasText: '1 unanswered call finished' })).toHaveCount(1);
  await expect(table).toContainText('Conversation');
  await shot(page, 'chart-callback-en');
  // At 1280 × 720 the list keeps its key columns beside the open call.
  const list = await page.getByTestId('call-list').boundingBox();
  const detail = await page.getByTestId('call-detail').boundingBox();
  expect(list!.width).toBeGreaterThanOrEqual(420);
  expect(list!.x + list!.width).toBeLessThanOrEqual(detail!.x);
  for (const column of ['start', 'callerNumber', 'type', 'outcome'])
    await expect(page.getByTestId(`sort-${column}`)).toBeVisible();
  await page.getByTestId('theme-switch').click();
  await page.waitForTimeout(300); // the chart redraws in the dark palette
  await shot(page, 'chart-callback-en-dark');
  // The large-screen layout, dark and light.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(page.getByTestId('event-chart').locator('canvas').first()).toBeVisible();
  await page.waitForTimeout(300); // let the chart finish its resize
  await shot(page, 'chart-callback-en-1920-dark');
  await page.getByTestId('theme-switch').click();
  await page.waitForTimeout(300);
  await shot(page, 'chart-callback-en-1920');
  await page.getByTestId('detail-close').click();
  await page.getByTestId('search-input').fill('');
  await expect(page.getByTestId('result-count')).not.toHaveText('1 call');
  await shot(page, 'list-en-1920');
});

test('opens an agent-to-agent call and finds the Consult', async ({ page, request }) => {
  const found = await findCall(request, { types: ['agent_to_agent'] }, ({ call: c }) =>
    c.events.some((e) => e.type === 'consult'),
  );
  expect(found, 'an answered agent-to-agent call in the scenarios').not.toBeNull();
  await open(page);
  await searchAndOpen(page, found!.row.callId, found!.row.callId);
  await expect(page.getByTestId('event-table')).toContainText('Consult');
  await shot(page, 'chart-agent-to-agent-en');
});

test('moves through the list with the keyboard', async ({ page }) => {
  await open(page);
  const list = page.getByTestId('call-list');
  await expect(page.getByTestId('call-row').first()).toBeVisible();
  // The first Tab stop skips the header, the filters and the column headers' sort and resize stops.
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('skip-to-list')).toBeFocused();
  await expect(page.getByTestId('skip-to-list')).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(list).toBeFocused();
  const selected = page.locator('[data-testid="call-row"][aria-selected="true"]');
  await page.keyboard.press('ArrowDown');
  await expect(selected).toHaveCount(1);
  const first = await selected.getAttribute('data-call-id');
  await page.keyboard.press('ArrowDown');
  await expect(selected).not.toHaveAttribute('data-call-id', first!);
  const second = await selected.getAttribute('data-call-id');
  await page.keyboard.press('ArrowUp');
  await expect(selected).toHaveAttribute('data-call-id', first!);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('call-detail')).toBeVisible();
  await expect(page.getByTestId('call-detail')).toContainText(first!);
  expect(second).not.toBe(first);
  await list.focus();
  await page.keyboard.press('End');
  // The last row: its aria-rowindex is the grid's aria-rowcount (the header is row 1).
  const rowCount = await page.getByRole('grid').getAttribute('aria-rowcount');
  await expect(selected).toHaveAttribute('aria-rowindex', rowCount!);
  await page.keyboard.press('Home');
  await expect(selected).toHaveAttribute(
    'data-call-id',
    (await page.getByTestId('call-row').first().getAttribute('data-call-id'))!,
  );
  await page.keyboard.press('PageDown');
  await expect(selected).not.toHaveAttribute('aria-rowindex', '2');
  await shot(page, 'list-en-keyboard'); // the focus ring on the list and the selected row
});

test('the import dialog keeps keyboard focus inside, closes with Esc and gives focus back', async ({ page }) => {
  await open(page);
  const opener = page.getByTestId('import-open');
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  const focusInDialog = () => page.evaluate(`!!document.activeElement?.closest('[data-testid="import-dialog"]')`);
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
    expect(await focusInDialog()).toBe(true);
  }
  await page.getByTestId('import-choose').focus();
  await shot(page, 'import-dialog-en');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
});

test('files dropped on the window are uploaded and open the import dialog', async ({ page }) => {
  await open(page);
  const file = scenarioFiles().find((f) => f.endsWith('inbound-answered.csv')) ?? scenarioFiles()[0]!;
  const text = readFileSync(file, 'utf8');
  // Page code as a string: the test files are type-checked without the DOM library.
  const dataTransfer = await page.evaluateHandle(`(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(basename(file))}, { type: 'text/csv' }));
    return dt;
  })()`);
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('import-files')).toContainText(basename(file));
  await page.getByTestId('import-start').click();
  // Imported before by the first test: reported plainly as already in the archive, nothing added.
  await expect(page.getByTestId('import-report')).toBeVisible();
  await expect(page.getByTestId('import-nothing-changed')).toHaveText(
    'Nothing changed: this file is already in the archive.',
  );
  await expect(page.getByTestId('import-report')).toContainText(
    /Already in the archive: imported on .+ as import #\d+\. Nothing changed\./,
  );
  await shot(page, 'import-duplicate-en');
  // Esc closes the finished dialog even when focus is nowhere in it (the Import button it had is gone).
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('switches to Danish and finds "Kø (tilbagekald)"', async ({ page, request }) => {
  const found = await findCall(request, { types: ['callback'] }, answeredOnSecondAttempt);
  await open(page, 'da');
  await searchAndOpen(page, found!.row.callerNumber!, found!.row.callId);
  const table = page.getByTestId('event-table');
  await expect(table).toContainText('Kø (tilbagekald)');
  await expect(table).toContainText('1 ubesvaret opkald færdig');
  await expect(table).toContainText('Samtale');
  await shot(page, 'chart-callback-da');
  await page.getByTestId('detail-close').click();
  await expect(page.getByTestId('call-detail')).toHaveCount(0);
  await page.getByTestId('search-input').fill('');
  await expect(page.getByTestId('call-row').first()).toBeVisible();
  await shot(page, 'list-da');
  await importScenarios(page, 'import-report-da'); // re-import: every file is reported as a duplicate
  await expect(page.getByTestId('import-nothing-changed')).toContainText('Intet er ændret');
  await page.keyboard.press('Escape');
  // The large screen in Danish, dark, with a call open.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('theme-switch').click();
  await searchAndOpen(page, found!.row.callerNumber!, found!.row.callId);
  await page.getByTestId('search-input').fill('');
  await expect(page.getByTestId('call-detail')).toBeVisible();
  await page.waitForTimeout(300);
  await shot(page, 'chart-callback-da-1920-dark');
  await page.getByTestId('theme-switch').click();
});
