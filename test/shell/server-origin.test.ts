// Browser mode seen from other origins and other hosts: the token stays in the
// URL fragment (never in a response, never readable cross-origin), foreign
// Origin / Host headers (DNS rebinding) are refused before anything else, and
// uploads are bounded however their size is (or is not) declared.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, TOKEN_HEADER, type RunningServer } from '../../src/main/server/server';
import { fakeApi, type FakeApi } from './fake-api';
import { raw } from './http';

let server: RunningServer;
let api: FakeApi;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'callscope-origin-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><title>Callscope</title><script src="./assets/app.js"></script>',
  );
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(location.hash)');
  api = fakeApi();
  server = await startServer({ api, rendererDir, port: 0, maxUploadBytes: 1000, log: () => {} });
});

afterAll(async () => {
  await server.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

/** A request written by hand on a socket: HTTP/1.0 without Host, or headers without their body. */
function rawSocket(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (c) => {
      out += c.toString();
      if (/\r\n\r\n/.test(out)) {
        socket.destroy();
        resolve(out);
      }
    });
    socket.on('error', reject);
    socket.on('end', () => resolve(out));
  });
}
const statusOf = (response: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(response)?.[1] ?? 0);

describe('the token', () => {
  it('is only in the printed URL’s fragment: no response carries it, none is readable cross-origin', async () => {
    expect(new URL(server.url).hash).toBe(`#token=${server.token}`);
    for (const [path, method] of [
      ['/', 'GET'],
      ['/index.html', 'HEAD'],
      ['/assets/app.js', 'GET'],
      ['/nope', 'GET'],
    ] as const) {
      const res = await raw(server.port, path, { method });
      expect(res.body, path).not.toContain(server.token);
      expect(JSON.stringify(res.headers), path).not.toContain(server.token);
      expect(res.headers['access-control-allow-origin'], path).toBeUndefined();
      expect(res.headers['referrer-policy'], path).toBe('no-referrer');
    }
    const api = await raw(server.port, '/api/archive.info', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: server.token },
    });
    expect(api.status).toBe(200);
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
    expect(api.headers['cache-control']).toBe('no-store');
  });
});

describe('other origins (a web page the user happens to have open)', () => {
  const origins = ['http://evil.example', 'null', `http://127.0.0.1:${1}`, 'https://127.0.0.1'];

  it('are refused on the API even with the right token, on uploads and on the static files', async () => {
    for (const origin of origins) {
      const headers = { 'Content-Type': 'application/json', [TOKEN_HEADER]: server.token, Origin: origin };
      expect(
        (await raw(server.port, '/api/calls.search', { method: 'POST', headers, body: '{}' })).status,
        origin,
      ).toBe(403);
      expect(
        (await raw(server.port, '/upload?name=a.csv', { method: 'POST', headers, body: 'x' })).status,
        origin,
      ).toBe(403);
      expect((await raw(server.port, '/', { headers: { Origin: origin } })).status, origin).toBe(403);
    }
    expect(api.calls_).toEqual([{ method: 'archive.info', arg: undefined }]);
  });

  it('get no CORS preflight approval, so a browser never sends them the token header', async () => {
    const preflight = await raw(server.port, '/api/calls.search', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://evil.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': `${TOKEN_HEADER}, content-type`,
      },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
  });

  it('our own origin, by either loopback name, is accepted', async () => {
    for (const name of ['127.0.0.1', 'localhost', 'LOCALHOST']) {
      const res = await raw(server.port, '/api/archive.info', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          [TOKEN_HEADER]: server.token,
          Host: `${name}:${server.port}`,
          Origin: `http://${name}:${server.port}`,
        },
      });
      expect(res.status, name).toBe(200);
    }
  });
});

describe('Host header (DNS rebinding)', () => {
  it('refuses any name but the loopback ones with our port, and a request without Host', async () => {
    for (const host of [
      `localhost.evil.example:${server.port}`,
      '127.0.0.1',
      `127.0.0.1:${server.port + 1}`,
      `[::1]:${server.port}`,
      `0.0.0.0:${server.port}`,
    ]) {
      expect((await raw(server.port, '/', { headers: { Host: host } })).status, host).toBe(403);
    }
    expect(statusOf(await rawSocket('GET / HTTP/1.0\r\n\r\n'))).toBe(403);
  });
});

describe('upload limits', () => {
  const uploadHead = (extra: string) =>
    `POST /upload?name=big.csv HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${TOKEN_HEADER}: ${server.token}\r\nContent-Type: application/octet-stream\r\n${extra}`;

  it('refuses a declared size over the limit before reading the body', async () => {
    const res = await rawSocket(uploadHead('Content-Length: 10000000000\r\n\r\n'));
    expect(statusOf(res)).toBe(413);
    expect(res).toMatch(/"code":"too_large"|Content-Length/);
  });

  it('stops a chunked upload (no declared size) at the limit and keeps nothing', async () => {
    const before = readdirSync(server.uploadDir).length;
    const chunk = 'x'.repeat(600);
    const body = `${(600).toString(16)}\r\n${chunk}\r\n${(600).toString(16)}\r\n${chunk}\r\n0\r\n\r\n`;
    const res = await rawSocket(uploadHead(`Transfer-Encoding: chunked\r\n\r\n${body}`));
    expect(statusOf(res)).toBe(413);
    // The server removes the partial file after answering: wait for that, however loaded the machine.
    await vi.waitFor(() => expect(readdirSync(server.uploadDir).length).toBe(before), { timeout: 10_000 });
  });

  it('refuses an upload without a name, and a JSON body over 1 MiB on the API', async () => {
    const noName = await raw(server.port, '/upload', {
      method: 'POST',
      headers: { [TOKEN_HEADER]: server.token },
      body: 'x',
    });
    expect(noName.status).toBe(400);
    const head = `POST /api/calls.search HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${TOKEN_HEADER}: ${server.token}\r\nContent-Type: application/json\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`;
    expect(statusOf(await rawSocket(head + '{"text":"' + 'x'.repeat(1024 * 1024 + 10)))).toBe(413);
  });
});

/** Writes a request by hand and resolves with everything answered once the server closes the connection. */
function untilClosed(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (c) => (out += c.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(out));
  });
}

describe('a body where none belongs', () => {
  // Only /api/* and /upload read a body. Any other request declaring one was answered and its body
  // then drained without a time limit: anyone who could reach the port, no token needed, could hold
  // connections open for ever by trickling bytes. It is refused and the connection closed.
  it.each(['/', '/assets/app.js', '/download/evidence', '/download/job/calls', '/nope'])(
    'GET %s with an unsent body: 400 and the connection closed',
    async (path) => {
      const head = `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Length: 1000000\r\n\r\n`;
      const res = await untilClosed(head + 'x');
      expect(statusOf(res)).toBe(400);
      expect(res).toContain('"code":"invalid_argument"');
    },
    5_000,
  );

  it('a chunked GET is refused the same way', async () => {
    const head = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n`;
    expect(statusOf(await untilClosed(head))).toBe(400);
  }, 5_000);

  it('a GET without a body is still served', async () => {
    expect((await raw(server.port, '/', { headers: { 'Content-Length': '0' } })).status).toBe(200);
  });
});
