// Parquet of a whole archive, for when it outgrows a laptop: calls.parquet and
// events.parquet (the columns of the CSV export, with instants as UTC timestamps)
// that DuckDB, Spark or Trino read as they are. Written through hyparquet-writer's
// incremental ParquetWriter, one row group per 100,000 rows, so memory holds one
// row group at a time, never the archive.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaElement } from 'hyparquet';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import { APP_VERSION } from '../store/version';
import {
  callColumns,
  callIdOf,
  eventColumns,
  type CellValue,
  type EventExportRow,
  type ExportCallRow,
  type ExportColumn,
} from './columns';
import { PartialPath } from './file-out';
import { ExportCancelled, resultPages, type ExportSource } from './run-export';

export const PARQUET_ROW_GROUP = 100_000;

/** The columns Parquet keeps: instants are timestamps there, so the local-time and zone columns are left out. */
export function parquetColumns<R>(columns: readonly ExportColumn<R>[]): ExportColumn<R>[] {
  return columns.filter((c) => c.kind !== 'wallclock' && c.kind !== 'zone');
}

function schemaElement(c: ExportColumn<unknown>): SchemaElement {
  const base = { name: c.name, repetition_type: 'OPTIONAL' } as const;
  switch (c.kind) {
    case 'instant':
      // Milliseconds since the epoch, UTC: DuckDB reads it as TIMESTAMP.
      return { ...base, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' };
    case 'seconds':
      return { ...base, type: 'DOUBLE' };
    case 'integer':
      return { ...base, type: 'INT32' };
    default:
      return { ...base, type: 'BYTE_ARRAY', converted_type: 'UTF8' };
  }
}

/** One Parquet file, filled row group by row group. */
class ParquetTable<R> {
  private readonly file: PartialPath;
  private readonly writer: ParquetWriter;
  private readonly buffers: CellValue[][];
  rows = 0;

  constructor(
    path: string,
    private readonly columns: readonly ExportColumn<R>[],
  ) {
    this.file = new PartialPath(path);
    this.writer = new ParquetWriter({
      writer: fileWriter(this.file.partialPath),
      schema: [{ name: 'root', num_children: columns.length }, ...columns.map((c) => schemaElement(c))],
      createdBy: `callscope ${APP_VERSION}`,
    });
    this.buffers = columns.map(() => []);
  }

  async add(rows: readonly R[]): Promise<void> {
    for (const row of rows) this.columns.forEach((c, i) => this.buffers[i]?.push(c.get(row)));
    this.rows += rows.length;
    if ((this.buffers[0]?.length ?? 0) >= PARQUET_ROW_GROUP) await this.flush();
  }

  private async flush(): Promise<void> {
    const n = this.buffers[0]?.length ?? 0;
    if (n === 0) return;
    const columnData = this.columns.map((c, i) => ({ name: c.name, data: this.buffers[i] ?? [] }));
    await this.writer.write({ columnData, rowGroupSize: n });
    this.buffers.forEach((b) => (b.length = 0));
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.writer.finish();
    this.file.finish();
  }

  abort(): void {
    this.file.abort();
  }
}

export interface ParquetSummary {
  calls: number;
  events: number;
  files: string[];
}

/** Writes `<dir>/calls.parquet` and `<dir>/events.parquet`: every call of the archive, oldest first. */
export async function exportParquet(
  source: ExportSource,
  dir: string,
  opts: { signal?: AbortSignal; onProgress?(calls: number, total: number): void } = {},
): Promise<ParquetSummary> {
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, 'calls.parquet'), join(dir, 'events.parquet')] as const;
  // Instants are UTC in Parquet; the zone only names the (left out) local-time columns.
  const calls = new ParquetTable<ExportCallRow>(files[0], parquetColumns(callColumns('UTC')));
  const events = new ParquetTable<EventExportRow>(files[1], parquetColumns(eventColumns('UTC')));
  try {
    for await (const page of resultPages(source, { sort: 'start', direction: 'asc' })) {
      if (opts.signal?.aborted) throw new ExportCancelled();
      await calls.add(page.rows);
      const rows: EventExportRow[] = [];
      for (const r of page.rows) {
        const callId = callIdOf(r);
        const detail = await source.calls.get(callId);
        detail?.call.events.forEach((event, i) =>
          rows.push({ callId, eventNo: i + 1, event, sources: detail.eventSources[i] ?? [] }),
        );
      }
      await events.add(rows);
      opts.onProgress?.(calls.rows, page.total);
    }
    await calls.finish();
    await events.finish();
    return { calls: calls.rows, events: events.rows, files: [...files] };
  } catch (err) {
    calls.abort();
    events.abort();
    throw err;
  }
}
