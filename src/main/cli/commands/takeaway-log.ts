// What leaves the archive goes into its action log (docs/review.md): an export of a search
// (`search --out`) or an evidence pack (`evidence --out`), with the file's name, format and
// SHA-256, so an auditor can list what was taken away and check a file against its entry. The
// commands read the archive read-only; the entry is appended afterwards through a connection of
// its own. An archive that cannot take the entry (read-only file or medium, locked, an older format
// that a writable open would upgrade) keeps the
// file written, and the command says that the export is not in the log — never silently.
import { appendAction, type ActionEntry } from '../../review/action-log';
import { openArchive } from '../../store/archive';
import { schemaVersionOf, SCHEMA_VERSION } from '../../store/schema';
import { firstLine } from '../../../shared/text/first-line';

/**
 * Appends the entry to the archive at `archivePath`; when that fails, writes one line saying so on
 * `warn` and returns null (the file is already written: the entry's absence is what is reported).
 */
export function recordTakeaway(
  archivePath: string,
  entry: ActionEntry,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): number | null {
  try {
    // An archive of an older format would be upgraded by a writable open: an export must not do that.
    const reader = openArchive(archivePath, { readonly: true });
    const version = schemaVersionOf(reader.db);
    reader.close();
    if (version < SCHEMA_VERSION)
      throw new Error(
        `the archive has an older format (schema ${version}): open it in the app or import into it to upgrade it`,
      );
    const archive = openArchive(archivePath);
    try {
      return archive.db.transaction(() => appendAction(archive.db, entry))();
    } finally {
      archive.close();
    }
  } catch (err) {
    warn(`not recorded in the action log of ${archivePath}: ${firstLine(err, 'the archive cannot be written')}`);
    return null;
  }
}
