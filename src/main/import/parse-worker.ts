// The parse worker: reads and interprets a plain export file in a thread of its
// own, so the import thread — the one SQLite writer, the pipeline's bottleneck —
// only writes. Call-events rows cross as flat arrays of strings (PackedRows: the
// stored values, their digest JSON and the encoded normalised row), which cost a
// fraction of cloning the reader's objects; other records cross as they are. The
// order of the items is the file's (raw row ids and the rows digest depend on it).
// Started from the import worker's own entry (workerData.role = 'parse').
import { Worker } from 'node:worker_threads';
import type { ImportUnknownName } from '../../shared/api/archive-api';
import type { ReaderItem } from '../../shared/reader/types';
import { firstLine } from '../../shared/text/first-line';
import type { DeriveWorkerEntry } from './derive-worker';
import { encodeNorm, encodeValues } from './row-codec';
import type { ExportSource } from './source';

/** A run of consecutive call-events rows of one file, as the writer stores them. */
export interface PackedRows {
  kind: 'packed-rows';
  /** Row origin's file (the reader's fileLabel). */
  file: string;
  /** Column lists first seen in this run: [local layout index, column names]. */
  newLayouts: [number, string[]][];
  layout: number[];
  line: number[];
  callId: string[];
  agentId: (string | null)[];
  queueKey: (string | null)[];
  menuKey: (string | null)[];
  /** encodeValues of the row's values (raw_rows.fields). */
  values: string[];
  /** JSON.stringify of the values (the rows digest's line). */
  listJson: string[];
  /** encodeNorm of the reader's row. */
  norm: string[];
}

export type SinkItem = ReaderItem | PackedRows;

export interface ParseWorkerData {
  role: 'parse';
}

interface StartMessage {
  type: 'start';
  path: string;
  size: number | null;
  timeZone: string;
  fileLabel: string;
}
type ToParse = StartMessage | { type: 'ack' };
type FromParse =
  | { type: 'opened'; format: string; why?: string; reinterpretable?: boolean }
  /** Not a file of the project's reader (another platform's export): the import thread reads it itself. */
  | { type: 'not-ours' }
  | { type: 'batch'; items: SinkItem[]; bytesRead: number }
  | {
      type: 'end';
      bytesRead: number;
      endsWithNewline: boolean | null;
      unknownNames?: ImportUnknownName[];
      /** The reader's `why` as the file ended (it may have learnt more on the way: an encoding switch). */
      why?: string;
    }
  | { type: 'error'; message: string };

/** Batches the worker may be ahead of the writer (memory: a few reader batches). */
const AHEAD = 4;

/** What the import thread reads from: an ExportSource whose batches come from the parse worker. */
export interface ParsedSource extends Omit<ExportSource, 'batches'> {
  batches: AsyncIterable<SinkItem[]>;
  bytesRead: () => number;
  endsWithNewline: () => boolean | null;
  close: () => void;
}

const HEAP_MB = 96;

/**
 * Opens `path` in a parse worker: null when the project's reader does not read it (the caller
 * opens it itself: another platform's export, or the reader's own error line); rejects when the
 * worker fails.
 */
export function openInParseWorker(
  entry: DeriveWorkerEntry,
  path: string,
  size: number | null,
  options: { timeZone: string; fileLabel: string },
): Promise<ParsedSource | null> {
  const worker = new Worker(entry.path, {
    workerData: { role: 'parse' } satisfies ParseWorkerData,
    execArgv: entry.execArgv,
    // It holds a few batches: a small heap keeps the import's peak RSS down (V8 would grow it lazily).
    // Other platforms' exports, read whole (readers/platforms.ts), are read by the import thread.
    resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: 8 },
  });
  const queue: FromParse[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  const push = (m: FromParse) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  worker.on('message', push);
  worker.on('error', (err) => push({ type: 'error', message: `parse worker failed: ${firstLine(err)}` }));
  worker.on('exit', (code) => {
    if (!closed) push({ type: 'error', message: `parse worker stopped (exit code ${code})` });
  });
  const next = async (): Promise<FromParse> => {
    while (queue.length === 0) await new Promise<void>((r) => (wake = r));
    return queue.shift() as FromParse;
  };
  const close = () => {
    closed = true;
    void worker.terminate();
  };
  worker.postMessage({ type: 'start', path, size, ...options } satisfies ToParse);
  let bytes = 0;
  let endsWithNewline: boolean | null = null;
  let unknown: ImportUnknownName[] | undefined;
  let finalWhy: string | undefined;
  async function* batches(): AsyncGenerator<SinkItem[]> {
    for (;;) {
      const m = await next();
      if (m.type === 'error') throw new Error(m.message);
      if (m.type === 'end') {
        bytes = m.bytesRead;
        endsWithNewline = m.endsWithNewline;
        unknown = m.unknownNames;
        finalWhy = m.why;
        return;
      }
      if (m.type !== 'batch') continue;
      bytes = m.bytesRead;
      worker.postMessage({ type: 'ack' } satisfies ToParse);
      yield m.items;
    }
  }
  return next().then((m) => {
    if (m.type === 'error') {
      close();
      throw new Error(m.message);
    }
    if (m.type === 'not-ours') {
      close();
      return null;
    }
    if (m.type !== 'opened') throw new Error(`parse worker: unexpected ${m.type}`);
    const openedWhy = m.why;
    return {
      format: m.format,
      get why() {
        return finalWhy ?? openedWhy;
      },
      reinterpretable: m.reinterpretable,
      unknownNames: () => unknown ?? [],
      batches: batches(),
      bytesRead: () => bytes,
      endsWithNewline: () => endsWithNewline,
      close,
    };
  });
}

/** Packs a reader batch: runs of call-events rows become PackedRows, other records stay. */
export class RowPacker {
  private readonly layoutIndex = new Map<string, number>();
  private lastKeys: string[] | null = null;
  private lastIndex = -1;

  pack(batch: readonly ReaderItem[]): SinkItem[] {
    const out: SinkItem[] = [];
    let run: PackedRows | null = null;
    for (const item of batch) {
      if (item.kind !== 'row') {
        run = null;
        out.push(item);
        continue;
      }
      if (run === null || run.file !== item.row.origin.file) {
        run = {
          kind: 'packed-rows',
          file: item.row.origin.file,
          newLayouts: [],
          layout: [],
          line: [],
          callId: [],
          agentId: [],
          queueKey: [],
          menuKey: [],
          values: [],
          listJson: [],
          norm: [],
        };
        out.push(run);
      }
      // As Layouts.encode: records of one file share their header, compared in one pass.
      const list: string[] = [];
      const last = this.lastKeys ?? [];
      let same = this.lastKeys !== null;
      for (const [k, v] of Object.entries(item.raw)) {
        if (same && last[list.length] !== k) same = false;
        list.push(v);
      }
      if (!same || list.length !== last.length) this.remember(Object.keys(item.raw), run);
      const r = item.row;
      run.layout.push(this.lastIndex);
      run.line.push(r.origin.line);
      run.callId.push(r.callId);
      run.agentId.push(r.agentId);
      run.queueKey.push(r.queueKey);
      run.menuKey.push(r.menuKey ?? r.menuName);
      run.values.push(encodeValues(list));
      run.listJson.push(JSON.stringify(list));
      run.norm.push(encodeNorm(r));
    }
    return out;
  }

  private remember(keys: string[], run: PackedRows): void {
    const key = keys.join('\u0001');
    let index = this.layoutIndex.get(key);
    if (index === undefined) {
      index = this.layoutIndex.size;
      this.layoutIndex.set(key, index);
    }
    // Each run names the column lists it uses (the writer may not have seen this one in this run's order).
    if (!run.newLayouts.some(([i]) => i === index)) run.newLayouts.push([index, keys]);
    this.lastKeys = keys;
    this.lastIndex = index;
  }
}

/** The worker side: reads the file it is told, batch after batch, at most AHEAD batches ahead of the writer. */
export function serveParse(port: {
  on(event: 'message', f: (m: ToParse) => void): void;
  postMessage(m: FromParse): void;
}): void {
  let credit = AHEAD;
  let resume: (() => void) | null = null;
  port.on('message', (m) => {
    if (m.type === 'ack') {
      credit++;
      resume?.();
      resume = null;
      return;
    }
    void run(m).catch((err: unknown) => port.postMessage({ type: 'error', message: firstLine(err) }));
  });
  async function run(m: StartMessage): Promise<void> {
    const { openProjectExport } = await import('./source');
    const { fileSource } = await import('../readers/byte-source');
    const source = fileSource(m.path, {}, m.size);
    let ex;
    try {
      ex = await openProjectExport(source, { timeZone: m.timeZone, fileLabel: m.fileLabel });
    } catch {
      port.postMessage({ type: 'not-ours' });
      return;
    }
    port.postMessage({ type: 'opened', format: ex.format, why: ex.why, reinterpretable: ex.reinterpretable });
    const packer = new RowPacker();
    for await (const batch of ex.batches) {
      while (credit <= 0) await new Promise<void>((r) => (resume = r));
      credit--;
      port.postMessage({ type: 'batch', items: packer.pack(batch), bytesRead: source.bytesRead() });
    }
    port.postMessage({
      type: 'end',
      bytesRead: source.bytesRead(),
      endsWithNewline: source.endsWithNewline(),
      unknownNames: ex.unknownNames?.(),
      why: ex.why,
    });
  }
}
