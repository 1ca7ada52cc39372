// Which threads an import runs, decided in one place from the machine's cores. Only the import
// thread touches SQLite (the one writer); the others get work that costs more than handing it over.
//
// Each rule is measured (docs/archive.md "Session 15 in sum"), per thread, from /proc's CPU time of
// every thread of the 200,000-call import (bench part `import`, its 4-core layout): the import thread
// is the busiest thread in every layout, so it bounds the import's wall time on any number of cores.
import { availableParallelism } from 'node:os';

export interface ThreadLayout {
  /** Raw-value blocks compressed by their own small worker (block-compressor.ts). */
  compressor: boolean;
  /** CSV parsed and interpreted in a parse worker (parse-worker.ts). */
  parseWorker: boolean;
  /** Derive workers (derive-worker.ts); 0: the import thread derives its calls itself. */
  deriveWorkers: number;
}

/** Cores from which the compressor pays: its input and output are small (a block's slots, its bytes). */
export const COMPRESSOR_MIN_CORES = 2;

/**
 * Cores from which the parse and derive workers pay: on two cores the writer and these workers share
 * them, and handing rows and results across costs more CPU and memory than it saves (docs/archive.md,
 * sessions 6 and 13: 46–51 s wall and 73–79 CPU-s with a parse worker against 39–52 s and 50–51 CPU-s
 * without; 42–49 s, 63–75 CPU-s and 404–425 MB with one derive worker against 36–38 s, 45–47, 326–328 MB).
 */
export const WORKERS_MIN_CORES = 3;

/**
 * Derive workers on a machine with cores to spare: one. The writer bounds the import: at 200,000 calls
 * in the 4-core layout (the app's bundled worker) it spends 27–31 CPU-s, one derive worker 13–15, the
 * parse worker 14–17. Three derive workers (the earlier default on four cores) left the writer no less
 * busy and cost 78–87 MB more peak RSS: 364–373 → 451 MB bundled, 407–437 → 522–550 MB from the
 * TypeScript sources (the CLI), against issue #10's 400 MB. More pays only once the writer is about
 * twice as fast as now.
 */
export const DEFAULT_DERIVE_WORKERS = 1;

/**
 * The threads of an import on a machine of `cores` cores. `deriveWorkers` asked for (tests, a pool
 * size chosen by the caller) is honoured from two cores on; one core runs everything in the import thread.
 */
export function threadLayout(cores: number = availableParallelism(), deriveWorkers?: number): ThreadLayout {
  if (cores < COMPRESSOR_MIN_CORES) return { compressor: false, parseWorker: false, deriveWorkers: 0 };
  const spare = cores >= WORKERS_MIN_CORES;
  return {
    compressor: true,
    parseWorker: spare,
    deriveWorkers: deriveWorkers ?? (spare ? DEFAULT_DERIVE_WORKERS : 0),
  };
}

/** The layout in words, for the bench's report: "import thread + parse worker + 1 derive + block compressor". */
export function describeLayout(layout: ThreadLayout): string {
  const parts = [
    layout.parseWorker ? 'parse worker' : null,
    layout.deriveWorkers > 0 ? `${layout.deriveWorkers} derive` : null,
    layout.compressor ? 'block compressor' : null,
  ].filter((p) => p !== null);
  return parts.length === 0 ? 'the import thread alone' : `import thread + ${parts.join(' + ')}`;
}
