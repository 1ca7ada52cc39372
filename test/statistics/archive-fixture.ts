// Writes archive calls (e.g. the hand-written archive) into a fresh SQLite
// archive through the import's own CallWriter, for the SQL statistics tests.
import { CallWriter } from '../../src/main/import/call-writer';
import type { Archive } from '../../src/main/store/archive';
import type { ArchiveCall } from '../../src/shared/model/archive-call';
import { freshArchive } from '../archive/helpers';

export function archiveOf(calls: readonly (ArchiveCall & { contactKey: string | null })[], timeZone: string): Archive {
  const { archive } = freshArchive();
  return fill(archive, calls, timeZone);
}

function fill(
  archive: Archive,
  calls: readonly (ArchiveCall & { contactKey: string | null })[],
  timeZone: string,
): Archive {
  const db = archive.db;
  const importId = Number(
    db
      .prepare(
        `INSERT INTO imports (file_name, file_label, file_path, file_size, sha256, time_zone, format, started_at, status, app_version)
         VALUES ('hand.csv', 'hand.csv', '/hand.csv', 0, 'hand', ?, 'call-events', '2026-04-01T00:00:00Z', 'done', 'test')`,
      )
      .run(timeZone).lastInsertRowid,
  );
  const writer = new CallWriter(db, importId);
  db.transaction(() => {
    for (const { contactKey, ...call } of calls)
      writer.write({ call, eventSources: call.events.map(() => []), kept: [], contactKey }, [], true);
  })();
  return archive;
}

/** The same, closed, as a file path (for the CLI). */
export function archiveFileOf(
  calls: readonly (ArchiveCall & { contactKey: string | null })[],
  timeZone: string,
): string {
  const { archive, path } = freshArchive();
  fill(archive, calls, timeZone).close();
  return path;
}
