// Turns SQLite and file-system failures into one-line messages a supervisor can
// act on. Everything thrown out of the store / import layers is an ArchiveError.

import { FIRST_LINE_MAX, firstLine as lineOf } from '../../shared/text/first-line';

export class ArchiveError extends Error {
  constructor(
    message: string,
    readonly code: string = 'ARCHIVE',
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}

interface CodedError {
  code?: string;
  message?: string;
}

/** A one-line explanation of a low-level error, prefixed by what we were doing. */
export function explain(err: unknown, doing: string): ArchiveError {
  if (err instanceof ArchiveError) return err;
  const e = (err ?? {}) as CodedError;
  const code = typeof e.code === 'string' ? e.code : '';
  const raw = firstLine(typeof e.message === 'string' ? e.message : String(err));
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new ArchiveError(
      `${doing}: the archive is locked by another process (${raw}); try again when it is done`,
      'LOCKED',
    );
  if (code.startsWith('SQLITE_READONLY'))
    return new ArchiveError(`${doing}: the archive is read-only (${raw})`, 'READONLY');
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC')
    return new ArchiveError(`${doing}: the disk is full (${raw})`, 'FULL');
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT'))
    return new ArchiveError(`${doing}: not a Callscope archive or damaged (${raw})`, 'NOTADB');
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT')
    return new ArchiveError(`${doing}: cannot open (${raw})`, 'CANTOPEN');
  if (code === 'EACCES' || code === 'EPERM') return new ArchiveError(`${doing}: permission denied (${raw})`, 'PERM');
  const fs = fsReason(err);
  if (fs) return new ArchiveError(`${doing}: ${fs}`, code);
  return new ArchiveError(`${doing}: ${raw}`, code || 'ARCHIVE');
}

/** The first line of a store error, cut to FIRST_LINE_MAX characters (SQLite can quote whole statements). */
export const firstLine = (err: unknown): string => lineOf(err, '', FIRST_LINE_MAX);

/** A file-system error (errno code) in words, or undefined when it is not one we name. */
export function fsReason(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'ELOOP':
      return 'a symbolic link loop (the path goes round in circles through symbolic links)';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return undefined;
  }
}
