// #11 item 2: a damaged archive (one page zeroed). Nothing is imported into it (a cheap check first,
// one line saying what to do); `verify` reports the damage as a finding (exit 1) naming what is hit.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/main/import/file-import';
import { importFiles } from '../../src/main/import/run-import';
import { readerOpener } from '../../src/main/import/source';
import { openArchive } from '../../src/main/store/archive';
import { quickDamageCheck } from '../../src/main/store/damage';
import { openDatabase } from '../../src/main/store/native';
import { verifyArchive } from '../../src/main/store/verify';
import { csv, inboundRows, manyCalls, writeFile } from '../archive/fixtures';
import { freshArchive, TZ } from '../archive/helpers';
import { runCli } from '../common/run-cli';
import { bundledWorkerEntry } from '../common/worker-entry';

/** A closed archive of 300 calls (raw_rows spans many pages), and a second export to import. */
async function archiveOnDisk() {
  const s = freshArchive();
  const file = writeFile(s.dir, 'calls.csv', csv(manyCalls(300).flatMap(inboundRows)));
  expect((await importFile(s.archive.db, file, { timeZone: TZ, open: readerOpener })).status).toBe('done');
  s.archive.close();
  const next = writeFile(s.dir, 'next.csv', csv(manyCalls(20, 90_000).flatMap(inboundRows)));
  return { ...s, next };
}

/** Page numbers: the root of a table or index, or (nth) one of its leaf pages (dbstat). */
function pageOf(path: string, name: string, which: 'root' | 'middle-leaf'): number {
  const db = openDatabase(path, { readonly: true });
  try {
    if (which === 'root')
      return db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(name) as number;
    const leaves = db
      .prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path")
      .pluck()
      .all(name) as number[];
    expect(leaves.length).toBeGreaterThan(4);
    return leaves[Math.floor(leaves.length / 2)]!;
  } finally {
    db.close();
  }
}

function zeroPage(path: string, page: number): void {
  const db = openDatabase(path, { readonly: true });
  const size = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(size), 0, size, (page - 1) * size);
  closeSync(fd);
}

describe('a damaged archive', () => {
  it('the cheap check finds a zeroed page of a small table or on a big table`s edge; clean archives pass', async () => {
    const s = await archiveOnDisk();
    const clean = openArchive(s.path, { readonly: true });
    expect(quickDamageCheck(clean.db, s.path)).toEqual([]);
    clean.close();
    zeroPage(s.path, pageOf(s.path, 'raw_rows', 'root'));
    const a = openArchive(s.path, { readonly: true });
    expect(quickDamageCheck(a.db, s.path).join('\n')).toMatch(/table raw_rows: database disk image is malformed/);
    a.close();
  });

  it('import refuses to write into it, in one line with what to do; the file is unchanged', async () => {
    const s = await archiveOnDisk();
    zeroPage(s.path, pageOf(s.path, 'imports', 'root'));
    const before = spawnSync('sha256sum', [s.path], { encoding: 'utf8' }).stdout.split(' ')[0];
    // The worker bundled once (test/common/worker-entry.ts): the import thread's refusal is tested, not tsx.
    await expect(importFiles(s.path, [s.next], { timeZone: TZ, worker: bundledWorkerEntry() })).rejects.toThrow(
      /^the archive .* is damaged \(table imports: .*\); nothing was imported: import the exports into a new archive/,
    );
    expect(spawnSync('sha256sum', [s.path], { encoding: 'utf8' }).stdout.split(' ')[0]).toBe(before);
  });

  it('verify reports a zeroed page in the middle of raw_rows as a finding naming the table, exit 1', async () => {
    const s = await archiveOnDisk();
    zeroPage(s.path, pageOf(s.path, 'raw_rows', 'middle-leaf'));
    const a = openArchive(s.path, { readonly: true });
    const report = verifyArchive(a.db);
    a.close();
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(
      /^the archive file is damaged: .*table raw_rows.*; import the original exports into a new archive \(or restore a backup\)$/,
    );
    const cli = await runCli(['verify', '--db', s.path]);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(/FAIL {2}the archive file is damaged: .*table raw_rows/);
    expect(cli.stdout).toMatch(/ARCHIVE DOES NOT VERIFY/);
    expect(cli.stderr).toBe('');
    // --deep reads the damaged pages: the archive's failure in the store's words, exit 1 (it was 2, raw SQLite text).
    const deep = await runCli(['verify', '--db', s.path, '--deep']);
    expect(deep.stderr).toMatch(
      /^callscope verify: the archive: not a Callscope archive or damaged \(.*malformed.*\)\n$/,
    );
    expect(deep.status).toBe(1);
  });
});
