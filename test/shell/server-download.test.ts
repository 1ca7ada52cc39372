// Browser mode's download of a finished export: GET /download/<job>/<kind>?token=…,
// checked against the per-start token; only finished jobs' files, never a path.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/main/server/server';
import { fakeApi } from './fake-api';

let server: RunningServer;
const dir = mkdtempSync(join(tmpdir(), 'callscope-dl-'));
const callsFile = join(dir, 'job-calls.csv');
writeFileSync(callsFile, '\uFEFFcall_id\r\n1\r\n');
const goneFile = join(dir, 'job-gone.csv');

beforeAll(async () => {
  server = await startServer({
    api: fakeApi(),
    rendererDir: dir,
    log: () => {},
    exportFiles: {
      file: (jobId, kind) =>
        jobId === 'job-1' && kind === 'calls'
          ? { path: callsFile, name: 'callscope-calls-2026-03-29-141507Z.csv' }
          : jobId === 'job-gone'
            ? { path: goneFile, name: 'callscope-calls-gone.csv' }
            : null,
      forget: () => {},
    },
  });
});
afterAll(() => server.close());

const get = (path: string) => fetch(`http://127.0.0.1:${server.port}${path}`);

describe('GET /download', () => {
  it('serves a finished export as an attachment with the token', async () => {
    const res = await get(`/download/job-1/calls?token=${server.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="callscope-calls-2026-03-29-141507Z.csv"',
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Byte for byte, BOM included (Response.text() would drop it).
    expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe('\uFEFFcall_id\r\n1\r\n');
  });

  it('refuses without or with a wrong token, and for unknown jobs or kinds', async () => {
    expect((await get('/download/job-1/calls')).status).toBe(401);
    expect((await get('/download/job-1/calls?token=nope')).status).toBe(401);
    expect((await get(`/download/job-2/calls?token=${server.token}`)).status).toBe(404);
    expect((await get(`/download/job-1/events?token=${server.token}`)).status).toBe(404);
    expect((await get(`/download/..%2F..%2Fetc/calls?token=${server.token}`)).status).toBe(404);
  });

  it('says the file is gone (410, not a 500) when a finished export was removed meanwhile', async () => {
    writeFileSync(goneFile, 'x');
    rmSync(goneFile);
    const res = await get(`/download/job-gone/calls?token=${server.token}`);
    expect(res.status).toBe(410);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/no longer there/);
  });
});
