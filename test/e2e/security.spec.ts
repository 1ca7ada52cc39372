// Browser mode's guards, seen from outside the way an attacker would try them.
import { expect, test } from '@playwright/test';
import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { e2e } from './env';

const port = () => Number(new URL(e2e.origin).port);

function rawPost(path: string, headers: Record<string, string>, body = 'null', host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host, port: port(), path, method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('the API refuses a request without the token (401)', async ({ request }) => {
  const res = await request.post(`${e2e.origin}/api/archive.info`, {
    headers: { 'content-type': 'application/json' },
    data: 'null',
  });
  expect(res.status()).toBe(401);
  const wrong = await request.post(`${e2e.origin}/api/archive.info`, {
    headers: { 'content-type': 'application/json', 'x-callscope-token': 'guess' },
    data: 'null',
  });
  expect(wrong.status()).toBe(401);
});

test('the server refuses a foreign Host header (403, DNS rebinding)', async () => {
  const status = await rawPost('/api/archive.info', {
    Host: `attacker.example:${port()}`,
    'Content-Type': 'application/json',
    'x-callscope-token': e2e.token,
  });
  expect(status).toBe(403);
});

test('an invalid argument gets 400 with a message naming the field', async ({ request }) => {
  const res = await request.post(`${e2e.origin}/api/calls.search`, {
    headers: { 'content-type': 'application/json', 'x-callscope-token': e2e.token },
    data: JSON.stringify({ limit: -5 }),
  });
  expect(res.status()).toBe(400);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('invalid_argument');
  expect(body.error.message).toMatch(/calls\.search: limit/);
  expect(body.error.message).not.toMatch(/\n\s+at /);
});

test('the server listens on 127.0.0.1 only', async () => {
  expect(new URL(e2e.origin).hostname).toBe('127.0.0.1');
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  test.skip(!external, 'no non-loopback IPv4 interface to try');
  await expect(rawPost('/', {}, '', external!.address)).rejects.toThrow(/ECONNREFUSED/);
});

test('the page is served with a strict Content-Security-Policy', async ({ request }) => {
  const res = await request.get(`${e2e.origin}/`);
  const csp = res.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
});

test('a page on another origin cannot call the API, even knowing the token', async ({ page }) => {
  await page.goto('about:blank');
  const outcome = await page.evaluate(
    async ([origin, token]) => {
      const tryFetch = (init: RequestInit) =>
        fetch(`${origin}/api/archive.info`, { method: 'POST', ...init }).then(
          (r) => `answered ${r.status}`,
          () => 'refused',
        );
      return {
        // A custom header needs a CORS preflight, which the server never approves.
        withToken: await tryFetch({
          headers: { 'x-callscope-token': token!, 'content-type': 'application/json' },
          body: 'null',
        }),
        // A "simple" request: the browser may send it (then the server refuses its Origin and
        // the answer is opaque) or block it outright (private network access); never readable.
        simple: await tryFetch({ mode: 'no-cors', body: 'null' }).then((s) => (s === 'answered 0' ? 'opaque' : s)),
      };
    },
    [e2e.origin, e2e.token] as const,
  );
  expect(outcome.withToken).toBe('refused');
  expect(['opaque', 'refused']).toContain(outcome.simple);
});

test('the token leaves the address bar once the page has it', async ({ page }) => {
  await page.goto(e2e.url);
  await expect(page.getByTestId('search-input')).toBeVisible();
  expect(page.url()).not.toContain(e2e.token);
  expect(
    await page.evaluate(() =>
      (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem(
        'callscope.token',
      ),
    ),
  ).toBe(e2e.token);
});
