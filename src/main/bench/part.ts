// One part of `npm run bench`. Each area (reader, import, search, simulator, UI)
// contributes a part; the bench command runs them in order and prints figures.
import type { ImportWorkerEntry } from '../import/run-import';
export interface BenchContext {
  /** Scratch folder for generated exports and archives (kept between parts of one run). */
  workDir: string;
  /** Scale factor: 1 = the full sizes of the issues (1M calls); smaller for a quick run (`--scale 0.01`). */
  scale: number;
  /** Print one figure line, e.g. report('import', 'rows/s', 212000). */
  report(part: string, figure: string, value: number | string, unit?: string): void;
  /** Shared artefacts between parts, e.g. the path of the generated 1M-call export. */
  shared: Map<string, unknown>;
  /** The worker entry the CLI's threads run (cli/worker-bundle.ts), for parts that start a read pool. */
  worker?: ImportWorkerEntry;
}

export interface BenchPart {
  name: string;
  run(ctx: BenchContext): Promise<void>;
}
