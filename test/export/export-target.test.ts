// Where an export file goes: a link is followed (the link stays a link), anything but a plain file
// is refused, and a missing folder is said in words. The rename of `<path>.partial` over the path
// used to replace a link with a file and, run as root, a device (`--out /dev/full`).
import { mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportTarget, ExportTargetError } from '../../src/main/export/export-target';
import { FileOut } from '../../src/main/export/file-out';
import { tempDir } from '../archive/fixtures';

describe('export target', () => {
  it('a symbolic link: the file it names is written, and the link stays a link', async () => {
    const dir = tempDir();
    const real = join(dir, 'real.csv');
    writeFileSync(real, 'old');
    const link = join(dir, 'link.csv');
    symlinkSync(real, link);
    expect(exportTarget(link)).toBe(real);
    const out = new FileOut(link);
    await out.write('new');
    await out.finish();
    expect(readlinkSync(link)).toBe(real);
    expect(readFileSync(real, 'utf8')).toBe('new');
  });

  it('a device or a folder is refused with a message that names what was given', () => {
    expect(() => exportTarget('/dev/null')).toThrow(
      new ExportTargetError('cannot write /dev/null: it is not a plain file (a device or a pipe?)'),
    );
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    expect(() => exportTarget(join(dir, 'sub'))).toThrow(/it is a folder; give a file name$/);
  });

  it('a folder that does not exist is said in words (it was "ENOENT … x.csv.partial")', () => {
    expect(() => exportTarget('nodir/o.csv')).toThrow(
      new ExportTargetError('cannot write nodir/o.csv: the folder nodir does not exist'),
    );
  });

  it('a new file in an existing folder, and an existing plain file, are fine', () => {
    const dir = tempDir();
    expect(exportTarget(join(dir, 'new.csv'))).toBe(join(dir, 'new.csv'));
    writeFileSync(join(dir, 'old.csv'), 'x');
    expect(exportTarget(join(dir, 'old.csv'))).toBe(join(dir, 'old.csv'));
  });
});
