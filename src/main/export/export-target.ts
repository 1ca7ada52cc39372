// Where an export file really goes, checked before anything is written. An export is written to
// `<path>.partial` and renamed over `<path>` (file-out.ts): done blindly, that rename replaces
// whatever `<path>` was — a symbolic link became a plain file (the file it pointed to untouched),
// and run as root it replaced a device (`--out /dev/full`). So: a link is followed to the file
// it names, which is then the one replaced; anything that is not a plain file is refused; and a
// missing or unwritable folder is said in words, not as `ENOENT … 'x.csv.partial'`.
import { accessSync, constants, lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A destination that cannot be written: the message says why, in words, naming the path given. */
export class ExportTargetError extends Error {}

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

/** The file to write for `path` (its link target when it is a symbolic link); throws ExportTargetError. */
export function exportTarget(path: string): string {
  let target = resolve(path);
  try {
    if (lstatSync(target).isSymbolicLink()) target = realpathSync(target);
  } catch (err) {
    // A link to nothing: written where it points (realpath fails), as `>` in a shell would.
    if (errnoCode(err) !== 'ENOENT') throw new ExportTargetError(`cannot write ${path}: ${errnoCode(err) ?? err}`);
  }
  let exists = true;
  try {
    const st = statSync(target);
    if (st.isDirectory()) throw new ExportTargetError(`cannot write ${path}: it is a folder; give a file name`);
    if (!st.isFile()) throw new ExportTargetError(`cannot write ${path}: it is not a plain file (a device or a pipe?)`);
  } catch (err) {
    if (err instanceof ExportTargetError) throw err;
    if (errnoCode(err) !== 'ENOENT') throw new ExportTargetError(`cannot write ${path}: ${errnoCode(err) ?? err}`);
    exists = false;
  }
  const folder = dirname(target);
  let folderIsDir: boolean;
  try {
    folderIsDir = statSync(folder).isDirectory();
  } catch {
    folderIsDir = false;
  }
  if (!folderIsDir) throw new ExportTargetError(`cannot write ${path}: the folder ${dirname(path)} does not exist`);
  try {
    accessSync(folder, constants.W_OK);
    if (exists) accessSync(target, constants.W_OK);
  } catch {
    throw new ExportTargetError(
      `cannot write ${path}: no permission to write ${exists ? 'it' : `in ${dirname(path)}`}`,
    );
  }
  return target;
}
