// A cut export: its last record rejected and no line break at its end (an export that was
// copied or downloaded only in part). `import` refuses such a file whole; `convert` refuses it
// in the same words, where it used to derive the calls without the cut record and exit 0 (a
// call answered in the missing rows came out unanswered).
import type { ReaderItem } from '../../shared/reader';

/** The refusal of a cut file, or null when `last` (its last record) and its end say it is whole. */
export function truncatedFile(
  fileName: string,
  last: ReaderItem | { kind: string } | undefined,
  endsWithNewline: boolean | null,
): string | null {
  if (last === undefined || !('rejected' in last) || last.kind !== 'rejected' || endsWithNewline !== false) return null;
  return `${fileName}: the file is truncated (its last record, line ${last.rejected.origin.line}, is cut: ${last.rejected.reason})`;
}
