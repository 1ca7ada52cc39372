// The review UI as a supervisor meets it (issue 14): axe-core (WCAG 2.2 AA + best practice) on the
// list, the detail, each filter popover, the import dialog and the imports view, light and dark —
// critical or serious violations fail, moderate ones are listed in the output — and screenshots at
// 1024 / 1280 / 1920 px in English and Danish, light and dark (test-results/screenshots/review-*).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { call, findCall } from './api';
import { e2e, scenarioFiles, SHOTS } from './env';
import type { ArchiveInfo } from '../../src/shared/api/archive-api';

test.describe.configure({ mode: 'serial' });
// Nine axe runs or twelve screenshots per test, on a shared 2-core machine.
test.setTimeout(300_000);
mkdirSync(SHOTS, { recursive: true });

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `review-${name}.png`) });

/** Runs axe on the page (or a part): fails on critical / serious, prints moderate / minor. */
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
  const lines = bad.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join(' | ')}`,
  );
  expect(lines, `axe on ${what}`).toEqual([]);
}

async function open(page: Page, lang: 'en' | 'da', theme: 'light' | 'dark'): Promise<void> {
  await page.goto(e2e.url);
  await expect(page.getByTestId('search-input')).toBeVisible();
  const langSwitch = page.getByTestId('lang-switch');
  if ((await langSwitch.inputValue()) !== lang) await langSwitch.selectOption(lang);
  const dark = (await page.getByTestId('theme-switch').getAttribute('aria-pressed')) === 'true';
  if (dark !== (theme === 'dark')) await page.getByTestId('theme-switch').click();
}

test('the archive holds the scenarios', async ({ page, request }) => {
  const info = await call<ArchiveInfo>(request, 'archive.info');
  if (info.calls > 0) return; // imported by another spec of this run
  await open(page, 'en', 'light');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-file-input').setInputFiles(scenarioFiles());
  await page.getByTestId('import-timezone').selectOption('Europe/Copenhagen');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 60_000 });
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe: no serious or critical violation, ${theme}`, async ({ page, request }) => {
    const found = await findCall(request, { types: ['callback'] }, ({ call: c }) =>
      c.events.some((e) => e.type === 'conversation'),
    );
    await open(page, 'en', theme);
    await expect(page.getByTestId('call-row').first()).toBeVisible();
    await page.getByTestId('call-list').focus();
    await page.keyboard.press('ArrowDown');
    await axe(page, `the list (${theme})`);
    for (const chip of [
      'filter-time',
      'filter-type',
      'filter-outcome',
      'filter-queue',
      'filter-agent',
      'filter-durations',
    ]) {
      await page.getByTestId(chip).click();
      // The popover itself (the page under it was checked above; an open popover covering half a
      // header button would count against that button's target size).
      await axe(page, `the ${chip} popover (${theme})`, '.popover');
      await page.keyboard.press('Escape');
      // Esc gives focus back to the chip, not to the page body.
      await expect(page.getByTestId(chip)).toBeFocused();
    }
    await page.getByTestId('search-input').fill(found!.row.callId);
    await page.locator(`[data-testid="call-row"][data-call-id="${found!.row.callId}"]`).click();
    await expect(page.getByTestId('event-chart').locator('canvas').first()).toBeVisible();
    await axe(page, `the detail (${theme})`);
    await page.getByTestId('import-open').click();
    await expect(page.getByTestId('import-dialog')).toBeVisible();
    await axe(page, `the import dialog (${theme})`);
    await page.keyboard.press('Escape');
    await page.getByTestId('imports-tab').click();
    await expect(page.getByTestId('import-row').first()).toBeVisible();
    await axe(page, `the imports view (${theme})`);
  });
}

for (const lang of ['en', 'da'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`screenshots at 1024 / 1280 / 1920, ${lang} ${theme}`, async ({ page, request }) => {
      const found = await findCall(request, { types: ['callback'] }, ({ call: c }) =>
        c.events.some((e) => e.type === 'queue_callback' && e.label === '1 unanswered call finished'),
      );
      for (const [width, height] of [
        [1024, 768],
        [1280, 720],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width, height });
        await open(page, lang, theme);
        await expect(page.getByTestId('call-row').first()).toBeVisible();
        await shot(page, `list-${width}-${lang}-${theme}`);
        await page.locator(`[data-testid="call-row"][data-call-id="${found!.row.callId}"]`).click();
        await expect(page.getByTestId('event-chart').locator('canvas').first()).toBeVisible();
        await page.waitForTimeout(300); // the chart's first paint
        await shot(page, `detail-${width}-${lang}-${theme}`);
      }
    });
  }
}
