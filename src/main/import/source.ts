// How the import pipeline gets records from a file: an ExportOpener yields
// batches of ReaderItem. The default one is the project's reader
// (src/main/readers); tests may pass their own.
import type { ImportUnknownName } from '../../shared/api/archive-api';
import type { ReaderItem, ReaderOptions } from '../../shared/reader/types';
import type { ByteSource } from '../readers/byte-source';

export interface ExportSource {
  /** Format name for the import record, e.g. "call-events-csv". */
  format: string;
  /** Why the reader chose that format, one sentence (import record: formatWhy). */
  why?: string;
  /** Unknown event / field names with counts, complete once the batches are consumed (import record: unknownNames). */
  unknownNames?: () => ImportUnknownName[];
  batches: AsyncIterable<ReaderItem[]>;
  /** Bytes consumed so far, when the reader can tell (progress / ETA). */
  bytesRead?: () => number;
  /**
   * The call-events rows are what the shared reader's record interpreter makes of their `raw`
   * values (the project's reader, a header without a repeated column name): the archive stores
   * the values only and computes the normalised row again from them (row-codec.ts).
   */
  reinterpretable?: boolean;
}

/** `source`: where the bytes come from (gzip, a ZIP member, standard input, a pipe); absent, the file at `path`. */
export type ExportOpener = (path: string, options: ReaderOptions, source?: ByteSource) => Promise<ExportSource>;

/** The project's own reader only (call-events CSV / JSONL, companion tables); throws for any other file. */
export async function openProjectExport(source: ByteSource, options: ReaderOptions): Promise<ExportSource> {
  const { openExportSource } = await import('../readers/index');
  const ex = await openExportSource(source, options);
  const columns = ex.description.columns;
  const unused = ex.description.unusedColumns ?? [];
  // Header names no field reads: listed with the import's unknown names, each with the records that carry it.
  let records = 0;
  const batches = unused.length
    ? (async function* () {
        for await (const batch of ex.batches) {
          records += batch.length;
          yield batch;
        }
      })()
    : ex.batches;
  const description = ex.description;
  return {
    format: description.format,
    // Read when the file is done: the reader adds to it what it learns on the way (an encoding switch).
    get why() {
      return description.why;
    },
    batches,
    bytesRead: ex.bytesRead,
    reinterpretable: columns !== undefined && new Set(columns).size === columns.length,
    ...(unused.length
      ? { unknownNames: () => unused.map((name) => ({ kind: 'field' as const, name, count: records })) }
      : {}),
  };
}

/**
 * The project's reader (src/main/readers): call-events CSV / JSONL and companion tables; a file it
 * refuses is tried as another platform's export (Asterisk, Genesys Cloud, Amazon Connect: readers/platforms.ts).
 */
export const readerOpener: ExportOpener = async (path, options, given) => {
  const { fileSource } = await import('../readers/byte-source');
  const source = given ?? fileSource(path);
  try {
    return await openProjectExport(source, options);
  } catch (err) {
    const { openPlatformFallback } = await import('../readers/platforms');
    const { unknownNameList } = await import('../../shared/formats');
    // pendingCalls: records waiting for the rest of their call (in another import) reach PlatformCallSink.
    const ex = await openPlatformFallback(path, { ...options, pendingCalls: true, source }, err);
    return {
      format: ex.description.format,
      why: ex.description.why,
      batches: ex.batches,
      bytesRead: ex.bytesRead,
      unknownNames: () => unknownNameList(ex.unknown),
    };
  }
};
