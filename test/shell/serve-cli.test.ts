// `callscope serve` as a user runs it: prints the URL with the token, answers
// the API on 127.0.0.1 over a real SQLite archive (created when missing), and
// stops cleanly on SIGTERM. (It serves out/renderer, built for the sources as they are by
// test/common/app-build.ts, once for the tests that need the built app.)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/api-host/dispatch';
import { openArchiveApi } from '../../src/main/api-host/open';
import { raw } from './http';
import { bundledWorkerEntry } from '../common/worker-entry';
import { runCli } from '../common/run-cli';
import { bundledCliBin } from '../common/cli-bundle';
import { builtApp } from '../common/app-build';
import { appWorkerEntry } from '../../src/main/cli/commands/serve';
import { nodeImportProcess } from '../../src/main/import/import-process-host';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'callscope-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openArchiveApi + handler map over a real archive', () => {
  it('creates an empty archive and answers through dispatch', async () => {
    const opened = openArchiveApi(join(dir, 'direct.sqlite'), { create: true, worker: bundledWorkerEntry() });
    try {
      const info = (await dispatch(opened.api, 'archive.info', null)) as { calls: number; isDemo: boolean };
      expect(info).toMatchObject({ calls: 0, isDemo: false });
      const page = (await dispatch(opened.api, 'calls.search', { text: '4512' })) as { total: number };
      expect(page.total).toBe(0);
      await expect(dispatch(opened.api, 'calls.search', { limit: 0 })).rejects.toMatchObject({
        code: 'invalid_argument',
      });
    } finally {
      opened.close();
    }
  });

  it('refuses a file that is not an archive with one line', () => {
    expect(() => openArchiveApi(join(dir, 'missing.sqlite'))).toThrow(/^no archive at .*missing\.sqlite/);
  });
});

describe('callscope serve', () => {
  it('prints the URL, serves the API with the token and stops on SIGTERM', async () => {
    const db = join(dir, 'served.sqlite');
    // The command bundled (test/common/cli-bundle.ts): the process and its signal are tested here, not tsx's
    // start in it and in the read pool's four lanes; test/archive/cli.test.ts spawns bin/callscope.mjs itself.
    const rendererDir = join(builtApp(), 'renderer');
    const child = spawn(process.execPath, [bundledCliBin(), 'serve', '--db', db, '--port', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((ok, fail) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /Callscope is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43})\n/.exec(out);
        if (m?.[1]) ok(m[1]);
      });
      child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${out}`)));
    });
    const { port, hash } = new URL(url);
    const token = hash.slice('#token='.length);
    const ok = await raw(Number(port), '/api/archive.info', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-callscope-token': token },
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).path).toBe(db);
    expect(existsSync(db)).toBe(true);
    // The page is the built renderer.
    const page = await raw(Number(port), '/');
    expect(page.status).toBe(200);
    expect(page.body).toBe(readFileSync(join(rendererDir, 'index.html'), 'utf8'));
    const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('runs imports in a process of their own, from the worker entry it was given', () => {
    const given = bundledWorkerEntry();
    expect(appWorkerEntry(given)).toEqual({ ...given, importProcess: nodeImportProcess });
    expect(appWorkerEntry().importProcess).toBe(nodeImportProcess);
  });

  it('rejects a bad --port with one line and exit code 2', async () => {
    // In this process (test/common/run-cli.ts): the refusal is the command's, the spawned run above proves the bin.
    const r = await runCli(['serve', '--port', 'abc']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('callscope serve: --port must be an integer 0–65535');
  });
});
