// A new archive holds callers' numbers and agents' names: its file and SQLite's side files are
// readable by their owner alone, whatever the umask; an existing file keeps the mode it has.
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../src/main/store/archive';

const dirs: string[] = [];
const newDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'callscope-mode-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('archive file mode', () => {
  it('creates a new archive and its -wal file readable by the owner alone (0600), under umask 022', () => {
    const path = join(newDir(), 'new.sqlite');
    const old = process.umask(0o022);
    try {
      const archive = openArchive(path, { create: true });
      archive.db.exec('CREATE TABLE IF NOT EXISTS mode_probe (x)'); // a write: the -wal file exists now
      expect(modeOf(path)).toBe(0o600);
      expect(modeOf(`${path}-wal`)).toBe(0o600);
      archive.close();
    } finally {
      process.umask(old);
    }
  });

  it('leaves the mode of an existing file as its owner set it', () => {
    const path = join(newDir(), 'shared.sqlite');
    writeFileSync(path, '');
    chmodSync(path, 0o640);
    openArchive(path, { create: true }).close();
    expect(modeOf(path)).toBe(0o640);
  });
});
