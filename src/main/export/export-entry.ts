// The action-log entry of an export (docs/review.md): the files by name with their SHA-256, the
// format, the counts and the zone — the same entry whether the CLI (`search --out`) or the app
// (an export job) wrote the files. Not the search: its text may be a phone number, and the log
// is never rewritten by an erasure.
import { basename } from 'node:path';
import type { ActionEntry } from '../review/action-log';
import { sha256File } from '../import/hash';
import type { ExportFormat } from './run-export';

export interface ExportedFiles {
  format: ExportFormat | 'parquet';
  timeZone: string;
  calls: number;
  events: number;
  /** The calls file as written, and the name it is known by (the app offers another name than its temp file). */
  callsPath: string;
  callsName?: string;
  eventsPath?: string;
  eventsName?: string;
}

export async function exportEntry(x: ExportedFiles): Promise<ActionEntry> {
  const file = x.callsName ?? basename(x.callsPath);
  const eventsFile = x.eventsPath ? (x.eventsName ?? basename(x.eventsPath)) : null;
  return {
    action: 'export',
    summary:
      `exported ${x.calls.toLocaleString('en-US')} call${x.calls === 1 ? '' : 's'} to ${file} (${x.format.toUpperCase()})` +
      (eventsFile ? ` and their events to ${eventsFile}` : ''),
    calls: x.calls,
    details: {
      file,
      format: x.format,
      sha256: await sha256File(x.callsPath),
      events: eventsFile ? x.events : null,
      ...(eventsFile && x.eventsPath ? { eventsFile, eventsSha256: await sha256File(x.eventsPath) } : {}),
      timeZone: x.timeZone,
    },
  };
}
