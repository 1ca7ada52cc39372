// HTML → PDF under plain Node (the CLI): Chromium driven by playwright-core when
// a Chromium is installed (Debian's /usr/bin/chromium, or CALLSCOPE_CHROMIUM).
// Nothing is downloaded; without a renderer the caller gets a one-line error.
import { existsSync } from 'node:fs';
import type { chromium as Chromium } from 'playwright-core';

export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export class NoPdfRenderer extends Error {}

/** The Chromium to print with: CALLSCOPE_CHROMIUM when set (it must exist), else the first candidate installed. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (p: string) => boolean = existsSync,
): string | null {
  const named = env['CALLSCOPE_CHROMIUM'];
  if (named) return exists(named) ? named : null;
  return CHROMIUM_CANDIDATES.find((p) => exists(p)) ?? null;
}

export const NO_PDF_RENDERER =
  'no PDF renderer available: install Chromium (e.g. apt-get install chromium) or set CALLSCOPE_CHROMIUM, or write HTML with --out <file.html>';

/** The pack printed to A4 with its print stylesheet; throws NoPdfRenderer when there is no Chromium. */
export async function htmlToPdf(html: string, chromiumPath: string | null = findChromium()): Promise<Buffer> {
  if (!chromiumPath) throw new NoPdfRenderer(NO_PDF_RENDERER);
  let chromium: typeof Chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new NoPdfRenderer(NO_PDF_RENDERER);
  }
  const browser = await chromium.launch({ executablePath: chromiumPath });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
