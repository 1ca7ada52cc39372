// Compresses raw-value blocks (raw-blocks.ts) on another core while the import thread goes on reading
// and writing rows: brotli was about a tenth of the import thread's CPU, and on a two-core machine the
// second core idled during an import. The worker is a few lines of plain JavaScript started from a
// string (no module to load, no TypeScript loader, the same in the CLI and the Electron bundle),
// started only once a file has filled STARTED_AFTER_BLOCKS blocks, so small files never pay for it.
//
// Synchronous on purpose: the import thread asks for finished blocks with receiveMessageOnPort (no
// event-loop turn needed, the import's loop is mostly synchronous) and waits for the last ones on an
// Atomics counter the worker raises after each reply. It keeps every input until its bytes are back,
// so a worker that fails or never answers costs time, never a block: after WAIT_LIMIT_MS without an
// answer the import thread compresses what is left itself.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { columnsText } from './block-text';

/**
 * What the worker runs: each request is one block's slots, each reply the compressed bytes of their
 * text (or the error). The text is built by columnsText's own source (block-text.ts says why it can be).
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { brotliCompressSync } = require('node:zlib');
const { port, signal, params } = workerData;
const answered = new Int32Array(signal);
const columnsText = (${columnsText.toString()});
port.on('message', ({ seq, slots }) => {
  let reply;
  try {
    reply = { seq, data: brotliCompressSync(Buffer.from(columnsText(slots), 'utf8'), { params }) };
  } catch (err) {
    reply = { seq, error: String(err && err.message || err) };
  }
  port.postMessage(reply);
  Atomics.add(answered, 0, 1);
  Atomics.notify(answered, 0);
});
`;

/** Blocks a file fills before the worker is started (64 rows each: 16 blocks ≈ 1,000 rows). */
export const STARTED_AFTER_BLOCKS = 16;
/** How long the import thread waits for an answer before it compresses the rest itself. */
const WAIT_LIMIT_MS = 5_000;

interface Reply {
  seq: number;
  data?: Uint8Array;
  error?: string;
}

/** A compressor, or null where no worker can be started (the blocks are then compressed in this thread). */
export function startBlockCompressor(params: Record<number, number>): BlockCompressor | null {
  try {
    return new BlockCompressor(params);
  } catch {
    return null;
  }
}

export class BlockCompressor {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly answered: Int32Array;
  private readonly waiting = new Set<number>();
  private gaveUp = false;

  private readonly waitLimitMs: number;

  /**
   * `params`: brotli's parameters. `options` are for tests: another worker source (one that never
   * answers) and a shorter wait.
   */
  constructor(params: Record<number, number>, options: { source?: string; waitLimitMs?: number } = {}) {
    this.waitLimitMs = options.waitLimitMs ?? WAIT_LIMIT_MS;
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    this.port = port1;
    this.answered = new Int32Array(signal);
    this.worker = new Worker(options.source ?? WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, signal, params },
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    });
    // Never holds the process open, and a failure shows as a block not answered (compressed here).
    this.worker.unref();
    this.worker.on('error', () => undefined);
  }

  /** Blocks sent and not yet answered. */
  get inFlight(): number {
    return this.waiting.size;
  }

  /** False once a wait for an answer ran out: send nothing more to this worker. */
  get usable(): boolean {
    return !this.gaveUp;
  }

  /** Sends a block's slots (raw-blocks.ts) to be compressed as their column text (block-text.ts). */
  send(seq: number, slots: readonly (string | null)[]): void {
    this.waiting.add(seq);
    this.port.postMessage({ seq, slots });
  }

  /** The answers that have come, without waiting; `onBytes` gets each (null: compress it yourself). */
  take(onBytes: (seq: number, data: Buffer | null) => void): void {
    for (let m = receiveMessageOnPort(this.port); m !== undefined; m = receiveMessageOnPort(this.port)) {
      const reply = m.message as Reply;
      if (!this.waiting.delete(reply.seq)) continue;
      onBytes(
        reply.seq,
        reply.data === undefined ? null : Buffer.from(reply.data.buffer, reply.data.byteOffset, reply.data.byteLength),
      );
    }
  }

  /**
   * Waits until every block sent is answered; after WAIT_LIMIT_MS without an answer the rest are
   * given to `onBytes` as null (compressed by the caller), and nothing more is sent to this worker.
   */
  takeAll(onBytes: (seq: number, data: Buffer | null) => void): void {
    while (this.waiting.size > 0) {
      const seen = Atomics.load(this.answered, 0);
      this.take(onBytes);
      if (this.waiting.size === 0) return;
      if (Atomics.wait(this.answered, 0, seen, this.waitLimitMs) === 'timed-out') {
        this.gaveUp = true;
        for (const seq of this.waiting) onBytes(seq, null);
        this.waiting.clear();
      }
    }
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}
