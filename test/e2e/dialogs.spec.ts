// The four modal dialogs (import, export, tag manager, erasure) share one frame (ModalDialog.vue)
// and one progress bar (ProgressBar.vue): screenshots of each in English and Danish, light and
// dark (test-results/screenshots/dialog-*.png), axe on each, and the frame's keyboard rules
// (Esc closes, Tab stays inside, focus returns to the opener).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { e2e, SHOTS } from './env';

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);
mkdirSync(SHOTS, { recursive: true });

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `dialog-${name}.png`) });

async function open(page: Page, lang: 'en' | 'da', theme: 'light' | 'dark'): Promise<void> {
  await page.goto(e2e.url);
  await expect(page.getByTestId('search-input')).toBeVisible();
  const langSwitch = page.getByTestId('lang-switch');
  if ((await langSwitch.inputValue()) !== lang) await langSwitch.selectOption(lang);
  const dark = (await page.getByTestId('theme-switch').getAttribute('aria-pressed')) === 'true';
  if (dark !== (theme === 'dark')) await page.getByTestId('theme-switch').click();
}

async function noSeriousViolations(page: Page, selector: string): Promise<void> {
  // WCAG 2.2's rules too (target-size: the export dialog's 13 px radios were flagged serious).
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .include(selector)
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

for (const lang of ['en', 'da'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`the four dialogs, ${lang} ${theme}`, async ({ page }) => {
      await open(page, lang, theme);

      await page.getByTestId('import-open').click();
      await expect(page.getByTestId('import-dialog')).toBeVisible();
      await noSeriousViolations(page, '[data-testid=import-dialog]');
      await shot(page, `import-${lang}-${theme}`);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('import-dialog')).toBeHidden();
      await expect(page.getByTestId('import-open')).toBeFocused();

      await page.getByTestId('export-open').click();
      await expect(page.getByTestId('export-dialog')).toBeVisible();
      await noSeriousViolations(page, '[data-testid=export-dialog]');
      await shot(page, `export-${lang}-${theme}`);
      await page.getByTestId('export-close').click();
      await expect(page.getByTestId('export-dialog')).toBeHidden();

      await page.getByTestId('log-tab').click();
      await page.getByTestId('log-manage-tags').click();
      await expect(page.getByTestId('tag-manager')).toBeVisible();
      // Tab cycles inside the dialog.
      for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
      await expect(page.getByTestId('tag-manager').locator(':focus')).toHaveCount(1);
      await noSeriousViolations(page, '[data-testid=tag-manager]');
      await shot(page, `tags-${lang}-${theme}`);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('tag-manager')).toBeHidden();

      await page.getByTestId('log-erase').click();
      await expect(page.getByTestId('erase-dialog')).toBeVisible();
      await page.getByTestId('erase-value').fill('+4512345678');
      await page.getByTestId('erase-reason').fill('GDPR request 17');
      await noSeriousViolations(page, '[data-testid=erase-dialog]');
      await shot(page, `erase-${lang}-${theme}`);
      await page.getByTestId('erase-preview').click();
      await expect(page.getByTestId('erase-confirm-step')).toBeVisible();
      await shot(page, `erase-preview-${lang}-${theme}`);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('erase-dialog')).toBeHidden();
    });
  }
}
