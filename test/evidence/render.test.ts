// The evidence pack renders in Chromium (Debian's /usr/bin/chromium through
// playwright-core): every event's bar is drawn, the tables are laid out, and a
// screenshot is left in test-results/evidence/ to look at. Also prints to PDF
// (the CLI's PDF path). Skipped where there is no Chromium.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvidencePack } from '../../src/main/evidence/make-pack';
import type { Archive } from '../../src/main/store/archive';
import { scenarioArchive } from './helpers';

const CHROMIUM = '/usr/bin/chromium';
const OUT = join(__dirname, '../../test-results/evidence');
let browser: Browser;
const opened: Archive[] = [];

describe.skipIf(!existsSync(CHROMIUM))('evidence pack in Chromium', () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM });
    mkdirSync(OUT, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    opened.forEach((a) => a.close());
  });

  it.each([
    ['callback-answered-2nd', 'en'],
    ['consult-transfer', 'da'],
  ] as const)('%s (%s): bars, tables and a screenshot', async (name, locale) => {
    const { archive, api, callIds } = await scenarioArchive(name);
    opened.push(archive);
    const detail = (await api.calls.get(callIds[0]!))!;
    const pack = (await makeEvidencePack(api, callIds[0]!, { locale }))!;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.setContent(pack.html);
    const bars = await page
      .locator('svg.chart g.bar rect')
      .evaluateAll((rects) => rects.map((r) => (r as unknown as { getBBox(): { width: number } }).getBBox().width));
    expect(bars).toHaveLength(detail.call.events.length);
    expect(bars.every((w) => w >= 4)).toBe(true);
    expect(await page.locator('table.events tbody tr').count()).toBe(detail.call.events.length);
    expect(await page.locator('#content-sha256').textContent()).toBe(pack.sha256);
    await page.screenshot({ path: join(OUT, `${name}-${locale}.png`), fullPage: false });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(OUT, `${name}-${locale}-print.png`), fullPage: false });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
