// #11 item 1: an auditor's copy on read-only media is searched, shown, listed and verified, in the CLI
// and the app (opened with SQLite's immutable=1: no -wal / -shm side files); the app says read-only
// and refuses imports with one line.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchiveApi } from '../../src/main/api-host/open';
import { importFile } from '../../src/main/import/file-import';
import { readerOpener } from '../../src/main/import/source';
import { openArchive } from '../../src/main/store/archive';
import { verifyArchive } from '../../src/main/store/verify';
import { csv, inboundRows, manyCalls, writeFile } from '../archive/fixtures';
import { freshArchive, TZ } from '../archive/helpers';
import { runCli } from '../common/run-cli';
import { readOnlyCopy, type ReadOnlyCopy } from './media';

let media: ReadOnlyCopy | { skip: string };

beforeAll(async () => {
  const s = freshArchive();
  const file = writeFile(s.dir, 'calls.csv', csv(manyCalls(12).flatMap(inboundRows)));
  const r = await importFile(s.archive.db, file, { timeZone: TZ, open: readerOpener });
  expect(r.status).toBe('done');
  s.archive.close(); // checkpoints the WAL: the copy is one file, as an auditor gets it
  media = readOnlyCopy(s.path);
  if ('skip' in media) console.warn(`read-only media tests skipped: ${media.skip}`);
});
afterAll(() => {
  if (media && 'cleanup' in media) media.cleanup();
});

describe('an archive on read-only media', () => {
  it('opens read-only without side files, and everything reads', async (ctx) => {
    if ('skip' in media) return ctx.skip();
    const a = openArchive(media.path, { readonly: true });
    expect(a.immutable).toBe(true);
    expect(a.db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(12);
    expect(verifyArchive(a.db).ok).toBe(true);
    a.close();
    expect(existsSync(`${media.path}-wal`)).toBe(false);
    expect(existsSync(`${media.path}-shm`)).toBe(false);
  });

  it('the app opens it read-only: info says so, search works, imports are refused in one line', async (ctx) => {
    if ('skip' in media) return ctx.skip();
    const opened = openArchiveApi(media.path);
    try {
      const info = await opened.api.archive.info();
      expect(info.readOnly).toBe(true);
      expect(info.calls).toBe(12);
      expect((await opened.api.calls.search({ limit: 5 })).rows).toHaveLength(5);
      await expect(opened.api.imports.start({ files: ['/x.csv'], timeZone: TZ })).rejects.toThrow(
        /is open read-only \(read-only media or folder\): import into a writable copy/,
      );
    } finally {
      opened.close();
    }
  });

  it('the CLI searches and verifies it (was: "cannot open (unable to open database file)")', async (ctx) => {
    if ('skip' in media) return ctx.skip();
    const search = await runCli(['search', '--db', media.path, '--json', '--limit', '3']);
    expect(search.stderr).toBe('');
    expect(search.status).toBe(0);
    expect(JSON.parse(search.stdout).rows).toHaveLength(3);
    const verify = await runCli(['verify', '--db', media.path]);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/archive verified/);
  });
});
