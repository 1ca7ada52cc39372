// #11 item 12: a token holder's request body that stops arriving is timed out (408, connection closed,
// a partial upload removed); a large upload that keeps sending passes whatever it takes in all.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TOKEN_HEADER, type RunningServer } from '../../src/main/server/server';
import { fakeApi } from './fake-api';

let server: RunningServer;

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'callscope-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Callscope</title>');
  server = await startServer({
    api: fakeApi(),
    rendererDir,
    port: 0,
    log: () => {},
    apiBodyTimeoutMs: 300,
    uploadIdleTimeoutMs: 300,
  });
});
afterAll(async () => server.close());

/** Sends headers, then the body in pieces with pauses between them; resolves with status and body. */
function trickle(
  path: string,
  type: string,
  pieces: string[],
  pauseMs: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: 'POST',
        headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': type, [TOKEN_HEADER]: server.token },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    let i = 0;
    const next = () => {
      if (i < pieces.length) {
        req.write(pieces[i++]);
        setTimeout(next, pauseMs);
      } else req.end();
    };
    next();
  });
}

describe('request body timeouts', () => {
  it('an API body that stalls gets 408 with one line', async () => {
    const r = await trickle('/api/calls.search', 'application/json', ['{"limit":', '5}'], 1000);
    expect(r.status).toBe(408);
    expect(JSON.parse(r.body)).toEqual({
      error: { code: 'timeout', message: '/api/calls.search: the request body did not arrive within 300 ms' },
    });
  });

  it('an upload that stalls gets 408 and leaves no partial file', async () => {
    const r = await trickle('/upload?name=x.csv', 'text/csv', ['call_id,', 'event_type\n'], 1000);
    expect(r.status).toBe(408);
    expect(JSON.parse(r.body).error.message).toBe('upload: no data for 300 ms');
    // This server's own upload folder: another `callscope serve` on the machine may keep an x.csv in its own.
    const leftovers = readdirSync(server.uploadDir).flatMap((sub) => readdirSync(join(server.uploadDir, sub)));
    expect(leftovers).not.toContain('x.csv');
  });

  it('an upload that keeps sending passes although it takes longer than the idle limit in all', async () => {
    const pieces = Array.from({ length: 8 }, (_, i) => `${i},q\n`);
    const r = await trickle('/upload?name=slow.csv', 'text/csv', pieces, 100); // ~800 ms in all, 100 ms gaps
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).path).toMatch(/slow\.csv$/);
  });
});
