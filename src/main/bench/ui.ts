// Bench part "ui": the review UI in Chromium against browser mode, on the
// archive the import part built (1,000,000 × scale calls). Three figures:
//  - first results after a keystroke (goal: within 100 ms), keydown → the
//    calls.search answer of the list page rendered and the next frame painted
//    (the list asks for its count after the page: not waited for); keys: the
//    last digit of numbers, a number and agent names typed key by key from empty;
//  - a call's chart (goal: within 50 ms), the calls.get answer → the frame
//    after ECharts drew it (also reported from the click, including the call);
//  - list scrolling frames per second (goal: 60), counting requestAnimationFrame
//    callbacks while the virtualised list is scrolled programmatically;
//  - a jump: the scrollbar dragged to the middle → those rows shown, and how many
//    calls.search requests it took (one offset request, not every page between).
// Runs in-process (server) + headless Chromium (/usr/bin/chromium or CHROMIUM_PATH).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { ArchiveApi, CallPage } from '../../shared/api/archive-api';
import { openArchiveApi } from '../api-host/open';
import { ensureRendererBuilt, RENDERER_DIR } from '../server/renderer-build';
import { startServer } from '../server/server';
import type { BenchContext, BenchPart } from './part';
import { firstLine } from '../../shared/text/first-line';

const PART = 'ui';
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] as number) : NaN;
};
const max = (xs: number[]) => Math.max(...xs);

/** In the page: wraps fetch so a test can await the next answer of one API method, then two frames. */
const INSTRUMENT = `(() => {
  const w = window;
  if (w.__bench) return;
  performance.setResourceTimingBufferSize(100000); // the default 250 entries fill up over the run
  const waiters = [];
  const origFetch = w.fetch.bind(w);
  w.fetch = async (input, init) => {
    const res = await origFetch(input, init);
    const url = typeof input === 'string' ? input : input.url;
    const method = url.startsWith('/api/') ? url.slice(5) : null;
    if (method) {
      let arg = null;
      try { arg = JSON.parse(init && typeof init.body === 'string' ? init.body : 'null'); } catch {}
      const clone = res.clone();
      clone.text().then(() => {
        const at = performance.now();
        for (const wt of waiters.splice(0)) if (wt.method === method && (!wt.text || (arg && (arg.text ?? '') === wt.text.value && arg.limit !== 1))) wt.resolve(at); else waiters.push(wt);
      });
    }
    return res;
  };
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))));
  w.__bench = {
    /**
     * Resolves with [answerAt, paintedAt] for the next answer of method; with text, only for the
     * list page of that search text (not the count the list asks for after it: limit 1).
     */
    next(method, text) {
      return new Promise((resolve) => waiters.push({ method, resolve, text: text === undefined ? null : { value: text } })).then(async (answerAt) => [answerAt, await frames()]);
    },
    mark: 0,
  };
  document.addEventListener('keydown', () => { w.__bench.mark = performance.now(); }, true);
  document.addEventListener('pointerdown', () => { w.__bench.mark = performance.now(); }, true);
})()`;

async function searchLatency(page: Page, prefix: string, key: string): Promise<{ ms: number; request: number }> {
  const input = page.getByTestId('search-input');
  await input.fill(prefix);
  await page.waitForTimeout(400); // the store searches at once on the first key after a pause
  const done = page.evaluate<number[]>(`window.__bench.next('calls.search', ${JSON.stringify((prefix + key).trim())})`);
  await input.press(key);
  const [, painted] = (await done) as [number, number];
  const mark = await page.evaluate<number>('window.__bench.mark');
  // The first calls.search request sent after the key: its time from sending to the last byte (server + HTTP).
  const request = await page.evaluate<number>(`(() => {
    const e = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/api/calls.search') && r.startTime >= ${mark});
    return e ? e.responseEnd - e.startTime : NaN;
  })()`);
  return { ms: painted - mark, request };
}

async function chartLatency(page: Page, rowIndex: number): Promise<{ total: number; draw: number }> {
  const row = page.getByTestId('call-row').nth(rowIndex);
  const done = page.evaluate<number[]>(`window.__bench.next('calls.get')`);
  await row.click();
  const [answer, painted] = (await done) as [number, number];
  const mark = await page.evaluate<number>('window.__bench.mark');
  const chart = page.getByTestId('event-chart').locator('canvas').first();
  await chart.waitFor({ timeout: 10_000 }).catch(async () => {
    const shown =
      (await page
        .getByTestId('call-detail')
        .textContent()
        .catch(() => null)) ?? '';
    throw new Error(`no chart drawn: ${shown.replace(/\s+/g, ' ').trim().slice(0, 160)}`);
  });
  return { total: painted - mark, draw: painted - answer };
}

async function scrollFps(page: Page, seconds: number): Promise<{ fps: number; longFrames: number; rows: number }> {
  // Page code as a string: this file is type-checked without the DOM library.
  return page.evaluate<{ fps: number; longFrames: number; rows: number }>(`(async () => {
    const ms = ${seconds * 1000};
    const el = document.querySelector('[data-testid="call-list"]');
    const start = performance.now();
    let last = start, frames = 0, long = 0;
    await new Promise((resolve) => {
      const step = (now) => {
        frames++;
        if (now - last > 1000 / 50) long++;
        last = now;
        el.scrollTop += 120; // about 4 rows per frame: a brisk wheel / drag
        if (now - start < ms) requestAnimationFrame(step); else resolve();
      };
      requestAnimationFrame(step);
    });
    const elapsed = (performance.now() - start) / 1000;
    return { fps: frames / elapsed, longFrames: long, rows: Math.round(el.scrollTop / 32) };
  })()`);
}

/** Scrollbar to the middle → the rows there drawn (no placeholders in view); the calls.search requests it made. */
async function jumpToMiddle(page: Page): Promise<{ ms: number; requests: number; row: number }> {
  return page.evaluate<{ ms: number; requests: number; row: number }>(`(async () => {
    const el = document.querySelector('[data-testid="call-list"]');
    const searches = () => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/calls.search')).length;
    const before = searches();
    const t0 = performance.now();
    el.scrollTop = el.scrollHeight / 2;
    const row = await new Promise((resolve) => {
      const check = () => {
        const rows = [...document.querySelectorAll('[data-testid="call-row"]')];
        const first = rows[0] ? Number(rows[0].getAttribute('aria-rowindex')) : 0;
        if (first > 1000 && !document.querySelector('.placeholder')) resolve(first); else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    return { ms: performance.now() - t0, requests: searches() - before, row };
  })()`);
}

/** The same scroll loop over a plain tall div: what this Chromium manages at all (the ceiling). */
async function baselineFps(page: Page, seconds: number): Promise<number> {
  await page.setContent('<div id="s" style="height:600px;overflow:auto"><div style="height:4000000px"></div></div>');
  return page.evaluate<number>(`(async () => {
    const el = document.getElementById('s');
    const start = performance.now();
    let frames = 0;
    await new Promise((resolve) => {
      const step = (now) => { frames++; el.scrollTop += 120; if (now - start < ${seconds * 1000}) requestAnimationFrame(step); else resolve(); };
      requestAnimationFrame(step);
    });
    return frames / ((performance.now() - start) / 1000);
  })()`);
}

async function measureSearch(
  ctx: BenchContext,
  page: Page,
  queries: [string, string][],
  api: ArchiveApi,
): Promise<void> {
  const latencies: number[] = [];
  const requests: number[] = [];
  for (const [prefix, key] of queries) {
    const r = await searchLatency(page, prefix, key);
    latencies.push(r.ms);
    requests.push(r.request);
  }
  ctx.report(PART, `keystroke → results painted, median (${latencies.length})`, median(latencies), 'ms');
  const slowest = latencies
    .map((ms, i) => [ms, (queries[i] ?? ['', '']).join('')] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, 5);
  ctx.report(PART, '  slowest keystrokes', slowest.map(([ms, text]) => `"${text}" ${Math.round(ms)}`).join(', '));
  ctx.report(
    PART,
    '  worst keystroke: its calls.search request (send → last byte)',
    requests[latencies.indexOf(max(latencies))] ?? NaN,
    'ms',
  );
  const worst = latencies.indexOf(max(latencies));
  const worstText = (queries[worst] ?? ['', '']).join('');
  ctx.report(PART, `keystroke → results painted, worst ("${worstText}")`, max(latencies), 'ms');
  // The same query straight against the API, no HTTP or UI: how much of the worst case is the query itself.
  const t0 = performance.now();
  await api.calls.search({ text: worstText, limit: 100, count: false });
  ctx.report(PART, `  of which calls.search alone ("${worstText}", page before count)`, performance.now() - t0, 'ms');
  ctx.report(PART, 'results within 100 ms of a keystroke (goal)', max(latencies) <= 100 ? 'yes' : 'NO');
}

async function measureCharts(ctx: BenchContext, page: Page): Promise<void> {
  const charts: { total: number; draw: number }[] = [];
  for (let i = 0; i < 8; i++) {
    charts.push(await chartLatency(page, i));
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
  }
  const draws = charts.map((c) => c.draw);
  ctx.report(PART, `chart drawn after calls.get, median (${draws.length})`, median(draws), 'ms');
  ctx.report(PART, 'chart drawn after calls.get, worst', max(draws), 'ms');
  ctx.report(PART, 'click → chart drawn (incl. calls.get), median', median(charts.map((c) => c.total)), 'ms');
  ctx.report(PART, 'chart drawn within 50 ms (goal)', max(draws) <= 50 ? 'yes' : 'NO');
}

async function measureScrolling(ctx: BenchContext, page: Page): Promise<void> {
  const scroll = await scrollFps(page, 4);
  ctx.report(PART, 'list scrolling', scroll.fps, 'frames/s');
  ctx.report(PART, 'list scrolling: frames over 20 ms', scroll.longFrames);
  ctx.report(PART, 'list scrolling: rows passed', scroll.rows);
  ctx.report(PART, 'list scrolling at 60 fps (goal: >= 58)', scroll.fps >= 58 ? 'yes' : 'NO');
  const jump = await jumpToMiddle(page);
  ctx.report(PART, `scrollbar to the middle (row ${jump.row.toLocaleString('en')}) → rows shown`, jump.ms, 'ms');
  ctx.report(PART, '  calls.search requests for that jump', jump.requests);
}

/** Runs one measured section; a failure is reported as a figure, and the other sections still run. */
async function section(ctx: BenchContext, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    const line = firstLine(err);
    ctx.report(PART, `${name} FAILED`, line ?? 'unknown error');
  }
}

export const uiBench: BenchPart = {
  name: PART,
  async run(ctx: BenchContext) {
    const shared = ctx.shared.get('archive1M');
    const db = typeof shared === 'string' ? shared : join(ctx.workDir, 'import-bench.db');
    if (!existsSync(db)) {
      ctx.report(PART, 'skipped', 'no archive: run the import part first (it builds the archive this part reads)');
      return;
    }
    if (!existsSync(CHROMIUM)) {
      ctx.report(PART, 'skipped', `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
      return;
    }
    ensureRendererBuilt((l) => process.stdout.write(l + '\n'));
    const archive = openArchiveApi(db);
    const server = await startServer({ api: archive.api, rendererDir: RENDERER_DIR, log: () => {} });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const info = await archive.api.archive.info();
      ctx.report(PART, 'archive calls', info.calls);
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.addInitScript(INSTRUMENT);
      const t0 = performance.now();
      await page.goto(server.url);
      await page.getByTestId('call-row').first().waitFor({ timeout: 60_000 });
      ctx.report(PART, 'page load → first rows shown', performance.now() - t0, 'ms');

      // Queries a supervisor types: the tail of a known caller number, an agent, a queue.
      const sample: CallPage = await archive.api.calls.search({ limit: 50 });
      const numbers = sample.rows
        .map((r) => r.callerNumber?.replace(/\D/g, ''))
        .filter((n): n is string => !!n && n.length >= 6);
      const queries: [string, string][] = numbers.slice(0, 6).map((n) => [n.slice(0, -1), n.slice(-1)]);
      const agent = sample.rows.find((r) => r.agent)?.agent;
      if (agent) queries.push([agent.slice(0, -1), agent.slice(-1)]);
      queries.push(['4', '5']); // a very broad prefix: most calls match
      // A number typed digit by digit from an empty box: its first keys ("4", "45") match most calls.
      const typed = numbers[numbers.length - 1] ?? '4520304050';
      for (let i = 0; i < typed.length; i++) queries.push([typed.slice(0, i), typed.charAt(i)]);
      // Agent names typed from their first letter (one or two letters: no trigram yet).
      for (const name of sample.rows
        .map((r) => r.agent)
        .filter((a): a is string => !!a)
        .slice(1, 3))
        for (let i = 0; i < Math.min(4, name.length); i++) queries.push([name.slice(0, i), name.charAt(i)]);
      await section(ctx, 'search', () => measureSearch(ctx, page, queries, archive.api));
      await page.getByTestId('search-input').fill('');
      await page.waitForTimeout(500);
      await section(ctx, 'chart', () => measureCharts(ctx, page));
      await page
        .getByTestId('detail-close')
        .click({ timeout: 2000 })
        .catch(() => {});
      await section(ctx, 'scrolling', () => measureScrolling(ctx, page));
      const plain = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await section(ctx, 'ceiling', async () => {
        ctx.report(PART, 'plain-div scroll ceiling (this machine)', await baselineFps(plain, 3), 'frames/s');
      });
    } finally {
      await browser.close();
      await server.close();
      archive.close();
    }
  },
};
