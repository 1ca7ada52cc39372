// What to do with files the OS hands the app — on its command line (a second
// start, a file association) or through macOS's open-file event: archives are
// opened, export files go to the import dialog. Pure, so it is tested in Node.
import { existsSync, statSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';

export const ARCHIVE_EXTENSIONS = ['sqlite', 'callscope', 'db'];
export const EXPORT_EXTENSIONS = ['csv', 'txt', 'tsv', 'jsonl', 'ndjson', 'json', 'gz', 'zip'];

export interface OpenRequest {
  archive: string | null;
  exports: string[];
}

const isFile = (p: string) => {
  try {
    return existsSync(p) && statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * Sorts paths into the (last) archive to open and export files to import.
 * Flags, the app folder (`electron .`) and anything that is not an existing
 * file are ignored; relative paths are taken from `cwd` (the second
 * instance's working directory).
 */
export function classifyPaths(
  args: readonly string[],
  cwd: string,
  fileExists: (p: string) => boolean = isFile,
): OpenRequest {
  const request: OpenRequest = { archive: null, exports: [] };
  for (const arg of args) {
    if (!arg || arg.startsWith('-')) continue;
    const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
    const ext = extname(path).slice(1).toLowerCase();
    if (!fileExists(path)) continue;
    if (ARCHIVE_EXTENSIONS.includes(ext)) request.archive = path;
    else if (EXPORT_EXTENSIONS.includes(ext)) request.exports.push(path);
  }
  return request;
}
