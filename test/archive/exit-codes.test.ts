// #11 item 10: one table of exit codes, used by every command, printed by help and the README,
// and clear one-line messages for archive paths that can never be archives.
import { chmodSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, EXIT_CODE_TABLE } from '../../src/main/cli/exit-codes';
import { csv, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { runCli } from '../common/run-cli';

const run = (...args: string[]) => runCli(args);

describe('exit codes (one table)', () => {
  it('the README lists exactly the table the program uses', async () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    for (const e of EXIT_CODE_TABLE) expect(readme).toContain(`| ${e.code} | ${e.meaning} |`);
    expect(EXIT_CODE_TABLE.map((e) => e.code)).toEqual([EXIT.ok, EXIT.failed, EXIT.usage]);
  });

  it('`help` and every command`s --help print the same table and exit 0', async () => {
    for (const args of [['help'], ['import', '--help'], ['verify', '-h'], ['search', '--help']]) {
      const r = await run(...args);
      expect(r.status).toBe(EXIT.ok);
      for (const e of EXIT_CODE_TABLE) expect(r.stdout).toContain(`  ${e.code}  ${e.meaning}`);
    }
  });

  it('an unreadable import file is a usage error (2), found before anything is imported', async () => {
    const dir = tempDir();
    const db = join(dir, 'a.db');
    const good = writeFile(dir, 'good.csv', csv(manyCalls(2).flatMap(inboundRows)));
    const missing = await run('import', good, join(dir, 'nope.csv'), '--db', db);
    expect(missing.status).toBe(EXIT.usage);
    expect(missing.stderr.trim()).toBe(
      `callscope import: cannot read ${join(dir, 'nope.csv')}: no such file; nothing was imported`,
    );
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    const loop = await run('import', join(dir, 'loop-a'), '--db', db);
    expect(loop.status).toBe(EXIT.usage);
    expect(loop.stderr).toMatch(/cannot read .*loop-a: a symbolic link loop/);
    expect(loop.stderr).not.toMatch(/ELOOP/);
    expect((await run('convert', join(dir, 'loop-a'))).stderr).toMatch(
      /^callscope convert: cannot read .*: a symbolic link loop/,
    );
    mkdirSync(join(dir, 'sub'));
    expect((await run('import', join(dir, 'sub'), '--db', db)).status).toBe(EXIT.usage);
    if (process.getuid?.() !== 0) {
      const locked = writeFile(dir, 'locked.csv', 'x\n');
      chmodSync(locked, 0o000);
      const r = await run('import', locked, '--db', db);
      expect(r.status).toBe(EXIT.usage);
      expect(r.stderr).toMatch(/permission denied/);
    }
    // a file that is read but refused is a failed import (1)
    const bad = writeFile(dir, 'bad.csv', 'hello\nworld\n');
    expect((await run('import', bad, '--db', db)).status).toBe(EXIT.failed);
  });

  it('an empty file, /dev/null, a directory or a symlink loop as --db: one clear line, exit 1', async () => {
    const dir = tempDir();
    const empty = writeFile(dir, 'empty.db', '');
    const e = await run('search', '--db', empty);
    expect(e.status).toBe(EXIT.failed);
    expect(e.stderr).toMatch(/empty\.db is an empty file \(0 bytes\), not a Callscope archive/);
    expect(e.stderr).not.toMatch(/schema 0/);
    const n = await run('verify', '--db', '/dev/null');
    expect(n.status).toBe(EXIT.failed);
    expect(n.stderr).toMatch(/\/dev\/null is not a regular file/);
    expect((await run('imports', '--db', dir)).stderr).toMatch(/is a directory, not a Callscope archive/);
    symlinkSync(join(dir, 'b.db'), join(dir, 'a.db'));
    symlinkSync(join(dir, 'a.db'), join(dir, 'b.db'));
    const loop = await run('show', 'x', '--db', join(dir, 'a.db'));
    expect(loop.status).toBe(EXIT.failed);
    expect(loop.stderr).toMatch(/a symbolic link loop/);
  });
});
