import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TOKEN_HEADER, type RunningServer } from '../../src/main/server/server';
import { fakeApi, type FakeApi } from './fake-api';
import { raw } from './http';

let server: RunningServer;
let api: FakeApi;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'callscope-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Callscope</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dirname(rendererDir), 'callscope-secret.txt'), 'secret');
  api = fakeApi();
  server = await startServer({ api, rendererDir, port: 0, maxUploadBytes: 1000, log: () => {} });
});

afterAll(async () => {
  await server.close();
  rmSync(rendererDir, { recursive: true, force: true });
  rmSync(join(dirname(rendererDir), 'callscope-secret.txt'), { force: true });
});

const json = (token?: string) => ({
  'Content-Type': 'application/json',
  ...(token ? { [TOKEN_HEADER]: token } : {}),
});

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 only and prints a URL with a random token in the fragment', async () => {
    expect(server.address).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await startServer({ api, rendererDir, log: () => {} });
    expect(other.token).not.toBe(server.token);
    await other.close();
  });

  it('is not reachable on a non-loopback interface', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) return; // no external interface on this machine: nothing to reach
    await expect(raw(server.port, '/', { host: external.address })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('serves the renderer with the CSP and hardening headers', async () => {
    const res = await raw(server.port, '/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Callscope</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw(server.port, '/assets/app.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const p of [
      '/../callscope-secret.txt',
      '/%2e%2e/callscope-secret.txt',
      '/assets/..%2f..%2fcallscope-secret.txt',
    ]) {
      const res = await raw(server.port, p);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('secret');
    }
  });

  it('answers an API call without token with 401, and with a wrong token with 401', async () => {
    const none = await raw(server.port, '/api/archive.info', { method: 'POST', headers: json(), body: '{}' });
    expect(none.status).toBe(401);
    const wrong = await raw(server.port, '/api/archive.info', { method: 'POST', headers: json('x'.repeat(43)) });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body).error.code).toBe('unauthorized');
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin with 403, even with the token', async () => {
    const host = await raw(server.port, '/api/archive.info', {
      method: 'POST',
      headers: { ...json(server.token), Host: `evil.example:${server.port}` },
    });
    expect(host.status).toBe(403);
    const page = await raw(server.port, '/', { headers: { Host: `evil.example:${server.port}` } });
    expect(page.status).toBe(403);
    const origin = await raw(server.port, '/api/archive.info', {
      method: 'POST',
      headers: { ...json(server.token), Origin: 'http://evil.example' },
    });
    expect(origin.status).toBe(403);
    const ok = await raw(server.port, '/api/archive.info', {
      method: 'POST',
      headers: { ...json(server.token), Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` },
    });
    expect(ok.status).toBe(200);
  });

  it('routes a valid call through the handler map and returns its JSON', async () => {
    const res = await raw(server.port, '/api/calls.search', {
      method: 'POST',
      headers: json(server.token),
      body: JSON.stringify({ text: '4512' }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ rows: [], total: 0, nextCursor: null });
    expect(api.calls_.at(-1)).toEqual({
      method: 'calls.search',
      arg: { text: '4512', sort: 'start', direction: 'desc', limit: 100 },
    });
  });

  it('returns 400 with a clear message for an invalid argument, and no stack', async () => {
    const res = await raw(server.port, '/api/calls.search', {
      method: 'POST',
      headers: json(server.token),
      body: JSON.stringify({ limit: 'all' }),
    });
    expect(res.status).toBe(400);
    const { error } = JSON.parse(res.body);
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toMatch(/^invalid argument to calls\.search: limit: /);
    const bad = await raw(server.port, '/api/calls.search', { method: 'POST', headers: json(server.token), body: '{' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toBe('request body is not valid JSON');
  });

  it('returns 500 with one line for an implementation failure', async () => {
    const res = await raw(server.port, '/api/calls.get', {
      method: 'POST',
      headers: json(server.token),
      body: JSON.stringify('explode'),
    });
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body).error.message).toBe(
      'calls.get failed: SQLITE_CORRUPT: database disk image is malformed',
    );
  });

  it('returns 400, not 500, for a malformed percent-encoded API path', async () => {
    const res = await raw(server.port, '/api/calls.%E0%A4%A', {
      method: 'POST',
      headers: json(server.token),
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      error: { code: 'invalid_argument', message: 'malformed percent-encoding in the API path' },
    });
  });

  it('returns 404 for unknown methods, 405 for GET, 415 for non-JSON, 413 for huge bodies', async () => {
    const h = json(server.token);
    expect((await raw(server.port, '/api/calls.drop', { method: 'POST', headers: h })).status).toBe(404);
    expect((await raw(server.port, '/api/calls.search', { headers: h })).status).toBe(405);
    const form = { ...h, 'Content-Type': 'text/plain' };
    expect((await raw(server.port, '/api/calls.search', { method: 'POST', headers: form, body: '{}' })).status).toBe(
      415,
    );
    const huge = JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) });
    expect((await raw(server.port, '/api/calls.search', { method: 'POST', headers: h, body: huge })).status).toBe(413);
  });

  it('stores an upload under a sanitised name in its temp folder; only uploads can be imported', async () => {
    const noToken = await raw(server.port, '/upload?name=a.csv', { method: 'POST', body: 'x' });
    expect(noToken.status).toBe(401);
    const res = await raw(server.port, `/upload?name=${encodeURIComponent('../../etc/pass wd;rm.csv')}`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: server.token, 'Content-Type': 'application/octet-stream' },
      body: 'call_id\n1\n',
    });
    expect(res.status).toBe(200);
    const { path } = JSON.parse(res.body) as { path: string };
    expect(dirname(dirname(path))).toBe(server.uploadDir);
    expect(path).toMatch(/\/[0-9a-f]{16}\/pass wd_rm\.csv$/);
    expect(readFileSync(path, 'utf8')).toBe('call_id\n1\n');

    const start = (files: string[]) =>
      raw(server.port, '/api/imports.start', {
        method: 'POST',
        headers: json(server.token),
        body: JSON.stringify({ files, timeZone: 'Europe/Copenhagen' }),
      });
    expect((await start([path])).status).toBe(200);
    expect((await start(['/etc/passwd'])).status).toBe(403);
    expect((await start([join(server.uploadDir, '..', 'x.csv')])).status).toBe(403);
  });

  it('refuses an upload over the size limit and keeps nothing of it', async () => {
    const before = readdirSync(server.uploadDir).length;
    const res = await raw(server.port, '/upload?name=big.csv', {
      method: 'POST',
      headers: { [TOKEN_HEADER]: server.token, 'Content-Type': 'application/octet-stream' },
      body: Buffer.alloc(5000),
    });
    expect(res.status).toBe(413);
    expect(readdirSync(server.uploadDir).length).toBe(before);
  });

  it('removes its upload folder on close', async () => {
    const s = await startServer({ api, rendererDir, log: () => {} });
    expect(existsSync(s.uploadDir)).toBe(true);
    await s.close();
    expect(existsSync(s.uploadDir)).toBe(false);
  });
});
