// Read-only media for the fault tests: a read-only bind mount where mounting is permitted (root in a
// container), else a chmod-based read-only folder (works for an ordinary user), else a reason to skip.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface ReadOnlyCopy {
  path: string;
  /** 'read-only bind mount' or 'read-only folder (chmod 555)'. */
  how: string;
  cleanup(): void;
}

/** Copies `file` into a folder that is then made read-only; null (with why) when that cannot be done here. */
export function readOnlyCopy(file: string): ReadOnlyCopy | { skip: string } {
  const base = mkdtempSync(join(tmpdir(), 'callscope-ro-'));
  const src = join(base, 'src');
  const mnt = join(base, 'media');
  mkdirSync(src);
  mkdirSync(mnt);
  copyFileSync(file, join(src, basename(file)));
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    const bind = spawnSync('mount', ['--bind', src, mnt]);
    if (bind.status === 0) {
      const ro = spawnSync('mount', ['-o', 'remount,bind,ro', mnt]);
      if (ro.status === 0 && !canWrite(mnt))
        return {
          path: join(mnt, basename(file)),
          how: 'read-only bind mount',
          cleanup: () => void spawnSync('umount', [mnt]),
        };
      spawnSync('umount', [mnt]);
    }
    return { skip: 'running as root where mounting is not permitted: a chmod-based folder does not stop root' };
  }
  chmodSync(join(src, basename(file)), 0o444);
  chmodSync(src, 0o555);
  return { path: join(src, basename(file)), how: 'read-only folder (chmod 555)', cleanup: () => chmodSync(src, 0o755) };
}

function canWrite(dir: string): boolean {
  try {
    writeFileSync(join(dir, 'probe'), '');
    return true;
  } catch {
    return false;
  }
}
