// #11 test/faults: kill -9 in the middle of an import and of `verify --deep`. The archive is left as
// it was before the import (WAL: the uncommitted transaction is gone), verifies, and a re-run of the
// import gives exactly what a one-shot import gives. verify --deep only reads: killing it changes nothing.
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/main/import/file-import';
import { importFiles } from '../../src/main/import/run-import';
import { readerOpener } from '../../src/main/import/source';
import { openArchive } from '../../src/main/store/archive';
import { openDatabase } from '../../src/main/store/native';
import { verifyArchive } from '../../src/main/store/verify';
import { csv, inboundRows, manyCalls, writeFile } from '../archive/fixtures';
import { counts, freshArchive, TZ } from '../archive/helpers';
import { runCli } from '../common/run-cli';
import { bundledCliBin } from '../common/cli-bundle';

/**
 * Starts the CLI (bundled, test/common/cli-bundle.ts: what is tested is the archive a killed process
 * leaves, not tsx's start in it and in its import thread) and kills it with SIGKILL once `ready(stdout so far)` holds (polled every 20 ms);
 * resolves when it is gone.
 */
function killWhen(args: string[], ready: (stdout: string) => boolean, limitMs = 60_000): Promise<{ killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundledCliBin(), ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const started = Date.now();
    let killed = false;
    const timer = setInterval(() => {
      if (!killed && (ready(stdout) || Date.now() - started > limitMs)) {
        killed = child.kill('SIGKILL');
      }
    }, 20);
    child.on('exit', () => {
      clearInterval(timer);
      resolve({ killed });
    });
  });
}

describe('kill -9', () => {
  it(
    'during an import: the archive is as before, verifies, and a re-run completes to the one-shot result',
    { timeout: 240_000 },
    async () => {
      const s = freshArchive();
      const seed = writeFile(s.dir, 'seed.csv', csv(manyCalls(20).flatMap(inboundRows)));
      expect((await importFile(s.archive.db, seed, { timeZone: TZ, open: readerOpener })).status).toBe('done');
      const before = counts(s.archive);
      s.archive.close();
      const big = writeFile(s.dir, 'big.csv', csv(manyCalls(2000, 50_000).flatMap(inboundRows)));
      // Killed while the import holds its write transaction: our own BEGIN IMMEDIATE finds the archive busy.
      const probe = openDatabase(s.path, { busyTimeoutMs: 0 });
      const importing = () => {
        try {
          probe.exec('BEGIN IMMEDIATE');
          probe.exec('ROLLBACK');
          return false;
        } catch {
          return true;
        }
      };
      const { killed } = await killWhen(['import', big, '--db', s.path], importing);
      probe.close();
      expect(killed).toBe(true);

      const after = openArchive(s.path, { readonly: true });
      expect(counts(after)).toEqual(before);
      expect(verifyArchive(after.db).ok).toBe(true);
      after.close();

      // The re-run need not be a process of its own, nor the CLI (whose import thread and derive workers start
      // through tsx): what is tested is the archive the killed one left. The same import code, in this thread.
      const [rerun] = await importFiles(s.path, [big], { timeZone: TZ, inProcess: true });
      expect(rerun?.status, rerun?.message ?? '').toBe('done');
      const oneShot = freshArchive();
      await importFile(oneShot.archive.db, seed, { timeZone: TZ, open: readerOpener });
      await importFile(oneShot.archive.db, big, { timeZone: TZ, open: readerOpener });
      const done = openArchive(s.path, { readonly: true });
      expect(counts(done)).toEqual(counts(oneShot.archive));
      expect(verifyArchive(done.db).ok).toBe(true);
      done.close();
      oneShot.archive.close();
    },
  );

  it(
    'during verify --deep: nothing changes (it only reads) and the next verify --deep passes',
    { timeout: 240_000 },
    async () => {
      const s = freshArchive();
      const file = writeFile(s.dir, 'calls.csv', csv(manyCalls(1000).flatMap(inboundRows)));
      expect((await importFile(s.archive.db, file, { timeZone: TZ, open: readerOpener })).status).toBe('done');
      s.archive.close();
      const hash = () => spawnSync('sha256sum', [s.path], { encoding: 'utf8' }).stdout.split(' ')[0];
      const before = hash();
      // Killed as it starts deriving: its first lines (the quick checks) are out, the derivation of every call
      // follows (it opens the archive read-only: no WAL of its own to wait for).
      const { killed } = await killWhen(['verify', '--db', s.path, '--deep'], (out) => /^ok {4}/m.test(out));
      expect(killed).toBe(true);
      expect(hash()).toBe(before);
      const again = await runCli(['verify', '--db', s.path, '--deep']);
      expect(again.status).toBe(0);
      expect(again.stdout).toMatch(
        /ok {4}every call derived again from its stored rows: 1,000 calls compared .*: no difference/,
      );
    },
  );
});
