// The app's upgrade of an archive of an older schema (#10) in Chromium against browser mode:
// a v2 archive (test/fixtures/archive-v2) served as it is is upgraded in a worker thread while
// the page shows the progress, then the calls; and the progress dialog itself — rows, compacting,
// a failure — in English and Danish, light and dark (archive.opening answered by the test:
// test-results/screenshots/upgrade-*.png), with axe.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArchiveInfo, ArchiveOpening } from '../../src/shared/api/archive-api';
import { e2e, SHOTS } from './env';
import { ROOT, startServe } from './serve';

test.describe.configure({ mode: 'serial' });
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `upgrade-${name}.png`) });

/** The page's archive.opening answered with these states, one per poll, the last one repeated. */
async function answerOpening(page: Page, states: ArchiveOpening[]): Promise<void> {
  let i = 0;
  await page.route('**/api/archive.opening', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify(states[Math.min(i++, states.length - 1)]),
    }),
  );
}

async function setLook(page: Page, lang: 'en' | 'da', theme: 'light' | 'dark'): Promise<void> {
  // The header's switches sit under the dialog: the settings are set the way the app keeps them.
  await page.addInitScript(
    ({ l, th }) => {
      localStorage.setItem('callscope.locale', l);
      localStorage.setItem('callscope.theme', th);
    },
    { l: lang, th: theme },
  );
}

for (const [lang, theme] of [
  ['en', 'light'],
  ['da', 'dark'],
  ['da', 'light'],
  ['en', 'dark'],
] as const) {
  test(`the progress dialog, ${lang} ${theme}`, async ({ page }) => {
    await setLook(page, lang, theme);
    await answerOpening(page, [
      { state: 'upgrading', phase: 'rows', toVersion: 3, done: 412_000, total: 1_250_000 },
      { state: 'upgrading', phase: 'rows', toVersion: 3, done: 412_000, total: 1_250_000 },
    ]);
    await page.goto(e2e.url);
    const dialog = page.getByTestId('archive-upgrade');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('upgrade-count')).toBeVisible();
    const axe = await new AxeBuilder({ page }).include('[data-testid=archive-upgrade]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
      [],
    );
    await shot(page, `rows-${lang}-${theme}`);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeVisible(); // cannot be closed while it runs
  });
}

test('compacting and a failure', async ({ page }) => {
  await setLook(page, 'da', 'light');
  await answerOpening(page, [{ state: 'upgrading', phase: 'compacting', toVersion: 3, done: 0, total: 0 }]);
  await page.goto(e2e.url);
  await expect(page.getByTestId('upgrade-phase')).toHaveText('Filen komprimeres…');
  await shot(page, 'compacting-da-light');
  await page.unroute('**/api/archive.opening');
  await answerOpening(page, [{ state: 'failed', message: 'database or disk is full', readOnly: true }]);
  await page.reload();
  await expect(page.getByTestId('archive-upgrade')).toHaveAttribute('data-state', 'failed');
  await shot(page, 'failed-da-light');
  await page.getByTestId('upgrade-continue').click();
  await expect(page.getByTestId('archive-upgrade')).toBeHidden();
});

test('a v2 archive served as it is: upgraded off the main thread, then its calls are shown', async ({ page }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'callscope-upgrade-e2e-'));
  const db = join(dir, 'archive-v2.db');
  copyFileSync(join(ROOT, 'test/fixtures/archive-v2/archive-v2.db'), db);
  const serve = await startServe(db, { timeoutMs: 200_000 });
  try {
    const seen: string[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/api/archive.opening'))
        void r.json().then((s: ArchiveOpening) => seen.push(s.state === 'upgrading' ? s.phase : s.state));
    });
    await page.goto(serve.url);
    await expect(page.getByTestId('call-row').first()).toBeVisible({ timeout: 180_000 });
    await expect(page.getByTestId('archive-upgrade')).toBeHidden();
    const res = await page.request.post(`${serve.origin}/api/archive.info`, {
      headers: { 'x-callscope-token': serve.token, 'content-type': 'application/json' },
      data: 'null',
    });
    const info = (await res.json()) as ArchiveInfo;
    expect(info.schemaVersion).toBeGreaterThan(2);
    expect(seen.length).toBeGreaterThan(0);
    console.log(`archive.opening answers seen by the page: ${seen.join(', ')}`);
  } finally {
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
