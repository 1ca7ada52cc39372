// Review work in the list and the action log view (#15), in Chromium against browser mode:
// filter by tag, review status and note text with the chips (keyboard: Enter opens a chip,
// Esc gives focus back to it), the filters in the URL (a reload shows the same list) and in
// a saved search; the archive's tag list (rename, recolour); erasure of a caller's number
// with preview and confirmation, the marker in the list and the entry in the action log.
// Screenshots in English and Danish, light and dark (test-results/screenshots/review-ui-*.png);
// axe-core: no serious or critical violation in the chips, the tag dialog, the erasure dialog.
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

const CALLS = manyCalls(30);
let serve: ServeProcess;
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'callscope-review-ui-e2e-'));
  const file = writeFile(dir, 'calls.csv', csv(CALLS.flatMap(inboundRows)));
  const db = join(dir, 'review-ui.db');
  const imported = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'callscope.mjs'), 'import', file, '--db', db, '--tz', 'Europe/Copenhagen'],
    { encoding: 'utf8' },
  );
  expect(imported.status, imported.stderr).toBe(0);
  serve = await startServe(db, { timeoutMs: 100_000 });
});

test.afterAll(async () => {
  await serve?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `review-ui-${name}.png`) });

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
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.html ?? ''}`)).toEqual([]);
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const dark = (await page.getByTestId('theme-switch').getAttribute('aria-pressed')) === 'true';
  if (dark !== (theme === 'dark')) await page.getByTestId('theme-switch').click();
}

async function openList(page: Page, query = ''): Promise<void> {
  await page.goto(`${serve.origin}/${query}#token=${serve.token}`);
  await expect(page.getByTestId('call-row').first()).toBeVisible();
}

/** The list's result count reads exactly n calls (English). */
async function expectCount(page: Page, n: number): Promise<void> {
  await expect(page.getByTestId('result-count')).toHaveText(n === 0 ? 'no calls' : n === 1 ? '1 call' : `${n} calls`);
}

const ids = (n: number[]) => n.map((i) => CALLS[i]!.callId);

test('reviewers’ marks to filter by (written through the API)', async ({ page }) => {
  for (const id of ids([0, 1, 2, 3, 4])) await api(page, 'review.addTag', { callId: id, tag: 'late callback' });
  for (const id of ids([5, 6])) await api(page, 'review.addTag', { callId: id, tag: 'wrong queue' });
  for (const id of ids([0, 1, 2])) await api(page, 'review.setStatus', { callId: id, status: 'flagged' });
  for (const id of ids([3, 7, 8])) await api(page, 'review.setStatus', { callId: id, status: 'reviewed' });
  await api(page, 'review.addNote', { callId: CALLS[4]!.callId, text: 'Customer asked for a refund twice.' });
  const tags = await api<{ name: string }[]>(page, 'review.tags');
  expect(tags.map((t) => t.name)).toEqual(['late callback', 'wrong queue']);
});

test('filters by tag and status with the chips, keyboard only; the URL keeps them', async ({ page }) => {
  await openList(page);
  await expectCount(page, 30);
  // Keyboard: focus the Tags chip, Enter opens it, the counts are the review facets.
  const tagsChip = page.getByTestId('filter-tags');
  await tagsChip.focus();
  await page.keyboard.press('Enter');
  const tagOptions = page.getByTestId('filter-tags-options');
  await expect(tagOptions.locator('label').filter({ hasText: 'late callback' })).toContainText('5');
  await expect(tagOptions.locator('label').filter({ hasText: 'wrong queue' })).toContainText('2');
  await noSeriousViolations(page, '[data-testid=filter-bar]');
  await shot(page, 'tags-chip-en');
  await tagOptions.getByRole('checkbox', { name: /late callback/ }).check();
  await expectCount(page, 5);
  // Esc closes the popover and gives focus back to the chip.
  await page.keyboard.press('Escape');
  await expect(tagsChip).toBeFocused();
  await expect(tagsChip).toContainText('late callback');

  const statusChip = page.getByTestId('filter-status');
  await statusChip.focus();
  await page.keyboard.press('Enter');
  const statusOptions = page.getByTestId('filter-status-options');
  // Within the tag's 5 calls: 3 flagged, 1 reviewed, 1 unreviewed.
  await expect(statusOptions.locator('label').filter({ hasText: 'Flagged' })).toContainText('3');
  await expect(statusOptions.locator('label').filter({ hasText: 'Unreviewed' })).toContainText('1');
  await statusOptions.getByRole('checkbox', { name: /Flagged/ }).check();
  await expectCount(page, 3);
  await page.keyboard.press('Escape');
  await expect(statusChip).toBeFocused();
  await expect(page.locator('[data-testid=review-mark][data-status=flagged]')).toHaveCount(3);

  // The address bar holds the filters: a reload shows the same three calls.
  await expect(page).toHaveURL(/tag=late\+callback/);
  await expect(page).toHaveURL(/status=flagged/);
  await page.reload();
  await expectCount(page, 3);
  await expect(page.getByTestId('filter-tags')).toContainText('late callback');
  await expect(page.getByTestId('filter-status')).toContainText('Flagged');
  await shot(page, 'filtered-list-en');
});

test('filters by note text and "has notes"; a saved search keeps the review filters', async ({ page }) => {
  await openList(page);
  await page.getByTestId('filter-notes').click();
  await page.getByTestId('filter-note-text').fill('REFUND');
  await page.keyboard.press('Enter');
  await expectCount(page, 1);
  await page.getByTestId('filter-notes-without').check();
  await expectCount(page, 0);
  await page.getByTestId('filter-notes-with').check();
  await expectCount(page, 1);
  await noSeriousViolations(page, '[data-testid=filter-bar]');
  await shot(page, 'notes-chip-en');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('filter-notes')).toBeFocused();
  await expect(page).toHaveURL(/note=REFUND/);
  await expect(page).toHaveURL(/notes=yes/);

  const saved = await api<{ search: Record<string, unknown> }>(page, 'searches.save', {
    name: 'refunds',
    search: { noteText: 'refund', hasNotes: true, tags: ['late callback'], statuses: ['unreviewed'] },
  });
  expect(saved.search).toMatchObject({
    noteText: 'refund',
    hasNotes: true,
    tags: ['late callback'],
    statuses: ['unreviewed'],
  });
});

test('renames and recolours a tag; the list and the filter follow', async ({ page }) => {
  test.setTimeout(180_000);
  await openList(page, '?tag=late+callback');
  await expectCount(page, 5);
  await page.getByTestId('filter-tags').click();
  await page.getByTestId('filter-tags-manage').click();
  const dialog = page.getByTestId('tag-manager');
  await expect(dialog).toBeVisible();
  await noSeriousViolations(page, '[data-testid=tag-manager]');
  await shot(page, 'tags-dialog-en-light');
  const row = dialog.locator('[data-testid=tag-row][data-tag="late callback"]');
  await row.getByTestId('tag-name').fill('callback too late');
  await row.getByTestId('tag-colour').fill('#c0392b');
  await row.getByTestId('tag-save').click();
  await expect(dialog.locator('[data-testid=tag-row][data-tag="callback too late"]')).toBeVisible();
  // A new tag from the dialog.
  await dialog.getByTestId('tag-new-name').fill('good handling');
  await dialog.getByTestId('tag-create').click();
  await expect(dialog.locator('[data-testid=tag-row][data-tag="good handling"]')).toBeVisible();
  // Dark and Danish: the theme and language switches are behind the modal, so close, switch, reopen.
  const hide = async () => {
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  };
  const showAgain = async () => {
    await page.getByTestId('filter-tags').click();
    await page.getByTestId('filter-tags-manage').click();
    await expect(dialog).toBeVisible();
  };
  await hide();
  await setTheme(page, 'dark');
  await showAgain();
  await noSeriousViolations(page, '[data-testid=tag-manager]');
  await shot(page, 'tags-dialog-en-dark');
  await hide();
  await page.getByTestId('lang-switch').selectOption('da');
  await showAgain();
  await expect(dialog).toContainText('Arkivets mærker');
  await shot(page, 'tags-dialog-da-dark');
  await hide();
  await setTheme(page, 'light');
  await showAgain();
  await shot(page, 'tags-dialog-da-light');
  await hide();
  await page.getByTestId('lang-switch').selectOption('en');

  // The filter names the tag by its new name and still finds its five calls.
  await expect(page.getByTestId('filter-tags')).toContainText('callback too late');
  await expectCount(page, 5);
  await expect(page).toHaveURL(/tag=callback\+too\+late/);
  const tags = await api<{ name: string; colour: string; calls: number }[]>(page, 'review.tags');
  expect(tags.find((t) => t.name === 'callback too late')).toMatchObject({ colour: '#c0392b', calls: 5 });
});

test('erases a caller’s number: preview, confirm, the marker in the list, the entry in the log', async ({ page }) => {
  test.setTimeout(240_000);
  const target = CALLS[9]!;
  await openList(page);
  await page.getByTestId('log-tab').click();
  await expect(page.getByTestId('log-entry').first()).toBeVisible();
  const dialog = page.getByTestId('erase-dialog');
  // Written another way than stored: the match ignores spaces and the country code.
  const spaced = target.caller.slice(3).replace(/(\d{2})(?=\d)/g, '$1 ');
  /** Opens the dialog, fills it in and runs the preview (a dry run: nothing is written). */
  const preview = async (shotName?: string) => {
    await page.getByTestId('log-erase').click();
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('erase-preview')).toBeDisabled();
    await page.getByTestId('erase-value').fill(spaced);
    await page.getByTestId('erase-reason').fill('GDPR request 2026-17');
    if (shotName) {
      await noSeriousViolations(page, '[data-testid=erase-dialog]');
      await shot(page, shotName);
    }
    await page.getByTestId('erase-preview').click();
    await expect(dialog).toHaveAttribute('data-step', 'preview');
    await expect(dialog.locator('[data-count=calls] dd')).toHaveText('1');
    await expect(dialog.locator('[data-count=rawRows] dd')).toHaveText('1');
    await expect(page.getByTestId('erase-confirm')).toBeDisabled();
    await noSeriousViolations(page, '[data-testid=erase-dialog]');
  };
  const closeDialog = async () => {
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  };
  await preview('erase-form-en-light');
  await expect(page.getByTestId('erase-what')).toContainText(spaced);
  await expect(page.getByTestId('erase-what')).toContainText('[erased]');
  await shot(page, 'erase-confirm-en-light');
  await closeDialog();
  await setTheme(page, 'dark');
  await preview('erase-form-en-dark');
  await shot(page, 'erase-confirm-en-dark');
  await closeDialog();
  await page.getByTestId('lang-switch').selectOption('da');
  await preview();
  await expect(dialog).toContainText('Bekræft sletningen');
  await shot(page, 'erase-confirm-da-dark');
  await closeDialog();
  await setTheme(page, 'light');
  await preview();
  await shot(page, 'erase-confirm-da-light');
  await closeDialog();
  await page.getByTestId('lang-switch').selectOption('en');
  // Nothing was erased by the previews.
  expect((await api<{ total: number }>(page, 'calls.search', { text: target.caller, limit: 1 })).total).toBe(1);
  await preview();

  await page.getByTestId('erase-understand').check();
  await page.getByTestId('erase-confirm').click();
  await expect(page.getByTestId('erase-done')).toContainText('Logged as entry #');
  await shot(page, 'erase-done-en');
  await page.getByTestId('erase-done-close').click();
  await expect(dialog).toBeHidden();
  const first = page.getByTestId('log-entry').first();
  await expect(first).toContainText('erase');
  await expect(first).toContainText('GDPR request 2026-17');
  await expect(first).not.toContainText(target.caller.slice(3));
  await shot(page, 'erase-log-en');

  // The list: the call is still there, its caller's number is the marker.
  await page.getByRole('tab').first().click();
  await page.getByTestId('search-input').fill('erased');
  await expectCount(page, 1);
  await expect(page.getByTestId('call-row').first()).toContainText('[erased]');
  await page.getByTestId('search-input').fill(target.caller.slice(3));
  await expect(page.getByTestId('call-row')).toHaveCount(0);
  await page.getByTestId('search-input').fill('erased');
  await expectCount(page, 1);
  await shot(page, 'erase-list-en');
});
