// Review work (#15) in Chromium against browser mode, keyboard only: a reviewer opens
// the first call and gets through 100 calls — R (reviewed) or F (flagged), a tag added
// with T and type-ahead now and then — until no unreviewed call is left; then the action
// log view. Screenshots in English and Danish (test-results/screenshots/review-*.png);
// axe-core: no serious or critical violation in the review panel and the log view.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csv, inboundRows, manyCalls, writeFile } from '../archive/fixtures';
import { SHOTS } from './env';
import { ROOT, startServe, type ServeProcess } from './serve';

test.describe.configure({ mode: 'serial' });
mkdirSync(SHOTS, { recursive: true });

const CALLS = 100;
let serve: ServeProcess;
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = mkdtempSync(join(tmpdir(), 'callscope-review-e2e-'));
  const file = writeFile(dir, 'calls.csv', csv(manyCalls(CALLS).flatMap(inboundRows)));
  const db = join(dir, 'review.db');
  const imported = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'callscope.mjs'), 'import', file, '--db', db, '--tz', 'Europe/Copenhagen'],
    { encoding: 'utf8' },
  );
  expect(imported.status, imported.stderr).toBe(0);
  serve = await startServe(db, { timeoutMs: 200_000 });
});

test.afterAll(async () => {
  await serve?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

async function api<T>(page: Page, method: string, arg?: unknown): Promise<T> {
  const res = await page.request.post(`${serve.origin}/api/${method}`, {
    headers: { 'x-callscope-token': serve.token, 'content-type': 'application/json' },
    data: JSON.stringify(arg ?? null),
  });
  expect(res.ok(), await res.text()).toBe(true);
  return (await res.json()) as T;
}

async function noSeriousViolations(page: Page, selector: string): Promise<void> {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test('a reviewer gets through 100 calls without the mouse', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto(serve.url);
  await expect(page.getByTestId('call-row').first()).toBeVisible();
  // Keyboard only from here: "/" to the search box, ↓ into the list, Enter opens the first call.
  await page.keyboard.press('/');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('review-panel')).toBeVisible();
  const callId = page.getByTestId('call-id');

  const seen = new Set<string>();
  for (let i = 0; i < CALLS; i++) {
    const id = (await callId.textContent()) ?? '';
    expect(seen.has(id), `call ${id} came back`).toBe(false);
    seen.add(id);
    await expect(page.getByTestId('review-status-unreviewed')).toHaveAttribute('aria-pressed', 'true');
    if (i % 10 === 3) {
      // T, type the first letters, the browser's list offers the tag; Enter adds it.
      await page.keyboard.press('t');
      await expect(page.getByTestId('review-tag-input')).toBeFocused();
      await page.keyboard.type(i === 3 ? 'wrong transfer' : 'wrong');
      if (i !== 3) await page.keyboard.type(' transfer');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('review-tags')).toContainText('wrong transfer');
      await page.keyboard.press('Escape'); // leaves the tag box, the panel keeps the keys
    }
    if (i === 13) {
      await page.keyboard.press('c');
      await expect(page.getByTestId('review-note-input')).toBeFocused();
      await page.keyboard.type('Transferred to sales, should have gone to support.');
      await page.keyboard.press('Control+Enter');
      await expect(page.getByTestId('review-note')).toHaveCount(1);
      await page.keyboard.press('Escape');
      await shot(page, 'review-detail-en');
    }
    await page.keyboard.press(i % 10 === 3 ? 'f' : 'r');
    if (i < CALLS - 1) await expect(callId).not.toHaveText(id);
    if (i === 0) {
      // What was marked is said, and the list's selection is on the call now open.
      await expect(page.getByTestId('review-marked')).toHaveText(`Call ${id} marked reviewed`);
      const now = (await callId.textContent()) ?? '';
      await expect(page.locator('[data-testid=call-row][aria-selected=true]')).toHaveAttribute('data-call-id', now);
    }
  }
  await expect(page.getByTestId('review-no-more')).toBeVisible();
  expect(seen.size).toBe(CALLS);

  const left = await api<{ total: number }>(page, 'calls.search', { statuses: ['unreviewed'], limit: 1 });
  expect(left.total).toBe(0);
  const flagged = await api<{ total: number }>(page, 'calls.search', {
    statuses: ['flagged'],
    tags: ['wrong transfer'],
  });
  expect(flagged.total).toBe(10);
  await noSeriousViolations(page, '[data-testid=review-panel]');
  await shot(page, 'review-done-en');
  // The list's review column shows the marks (beside an open call the key columns come first).
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-testid=review-mark][data-status=flagged]').first()).toBeVisible();
  await shot(page, 'review-list-en');
});

test('the action log in the app, English and Danish', async ({ page }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('call-row').first()).toBeVisible();
  await page.getByTestId('log-tab').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('log-entry').first()).toBeVisible();
  // 100 status changes, 10 tags added, the tag created, one note, the import.
  await expect(page.getByTestId('log-entry')).toHaveCount(113);
  await noSeriousViolations(page, '[data-testid=action-log]');
  await shot(page, 'review-log-en');

  await page.getByTestId('lang-switch').selectOption('da');
  await expect(page.getByTestId('action-log')).toContainText('Handlingslog');
  await shot(page, 'review-log-da');
  await page.getByRole('tab').first().click();
  await page.locator('[data-testid=call-row]').nth(3).click();
  await expect(page.getByTestId('review-panel')).toContainText('Markeret');
  await shot(page, 'review-detail-da');
});
