// Streams a simulated call-events export and its companion tables to disk:
// call by call, through buffered fs streams that respect backpressure, so a
// million calls take no more memory than ten.
import { createWriteStream, type WriteStream } from 'node:fs';
import {
  agentEventsCsv,
  agentsCsv,
  menusCsv,
  queuesCsv,
  registrationsCsv,
  variablesCsv,
} from '../../shared/simulator/companions';
import { COMPANION_HEADERS } from '../../shared/simulator/companions';
import { Simulator, type SimOptions } from '../../shared/simulator/model';
import { deliveriesOf } from '../../shared/simulator/deliveries';
import { EXPORT_HEADER, callToCsv } from '../../shared/simulator/rows';
import { MS } from '../../shared/simulator/time';
import { SCENARIO_NAMES, type ScenarioName } from '../../shared/simulator/scenarios';
import { writeFile } from 'node:fs/promises';

const CHUNK = 1 << 20;

export interface WriteOptions extends SimOptions {
  /** The call-events file; companions are written beside it as <base>.agents.csv etc. */
  out: string;
  /** One call of each scenario instead of `calls` calls. */
  catalogue?: boolean;
  /** Write the call variable `scenario` for every call (always on for the catalogue). */
  tagScenarios?: boolean;
  /**
   * Split the period into this many consecutive exports, <base>.part1.csv … (instead of <out>):
   * a call still in progress at a cut (a callback awaiting attempts) appears in
   * the earlier part as it stood and again, re-delivered complete, in a later one.
   */
  deliveries?: number;
}

export interface WriteResult {
  calls: number;
  /** Rows written (with --deliveries, a re-delivered call's rows count once per part). */
  rows: number;
  /** Bytes of the call-events file(s). */
  bytes: number;
  seconds: number;
  files: string[];
  /** Calls per scenario written. */
  scenarios: Record<string, number>;
}

export function companionPaths(out: string) {
  const base = out.replace(/\.csv$/i, '');
  return {
    agents: `${base}.agents.csv`,
    queues: `${base}.queues.csv`,
    menus: `${base}.menus.csv`,
    enqreg: `${base}.enqreg.csv`,
    variables: `${base}.call_variables.csv`,
    agentEvents: `${base}.agent_events.csv`,
  };
}

/**
 * A write stream fed from a 1 MB buffer: each call's text is encoded into the
 * buffer at once (short-lived strings stay in the young generation; joining
 * thousands of rope strings made the GC the bottleneck), and `flush` waits for
 * drain when the OS is behind.
 */
class BufferedFile {
  private readonly stream: WriteStream;
  private buf = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  bytes = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { highWaterMark: CHUNK });
  }

  /** Adds text; true when the buffer is full enough that the caller should await flush(). */
  add(text: string): boolean {
    if (this.used + text.length * 3 > this.buf.length) {
      if (text.length * 3 > this.buf.length) {
        this.pushOut(Buffer.from(text, 'utf8'));
        return true;
      }
      this.pushOut(null);
    }
    this.used += this.buf.write(text, this.used, 'utf8');
    return this.pendingWrites > 0;
  }

  private pendingWrites = 0;
  private blocked = false;

  private pushOut(extra: Buffer | null): void {
    if (this.used > 0) {
      this.bytes += this.used;
      if (!this.stream.write(this.buf.subarray(0, this.used))) this.blocked = true;
      this.buf = Buffer.allocUnsafe(CHUNK);
      this.used = 0;
    }
    if (extra) {
      this.bytes += extra.length;
      if (!this.stream.write(extra)) this.blocked = true;
    }
    this.pendingWrites++;
  }

  /** Waits for the stream to drain if a write reported backpressure. */
  async flush(): Promise<void> {
    this.pendingWrites = 0;
    if (!this.blocked) return;
    this.blocked = false;
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.stream.once('error', onError);
      this.stream.once('drain', () => {
        this.stream.off('error', onError);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    this.pushOut(null);
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}

export async function writeSimulatedExport(opts: WriteOptions): Promise<WriteResult> {
  const started = performance.now();
  const catalogue = opts.catalogue === true;
  // The catalogue runs the ordinary model and keeps the first call of each scenario.
  const sim = new Simulator(catalogue ? { ...opts, calls: Math.max(opts.calls, 300_000) } : opts);
  const tag = catalogue || opts.tagScenarios === true;
  const paths = companionPaths(opts.out);
  const parts = catalogue ? 1 : Math.max(1, opts.deliveries ?? 1);
  if (!Number.isInteger(parts) || parts > 100) throw new Error('deliveries must be a whole number from 1 to 100');
  const eventPaths =
    parts === 1
      ? [opts.out]
      : Array.from({ length: parts }, (_, k) => opts.out.replace(/(\.csv)?$/i, `.part${k + 1}.csv`));
  const periodMs = sim.config.days * MS.DAY;
  const cuts = Array.from({ length: parts - 1 }, (_, k) => sim.startUtc + Math.round(((k + 1) * periodMs) / parts));
  const eventFiles = eventPaths.map((p) => new BufferedFile(p));
  const enqreg = new BufferedFile(paths.enqreg);
  const variables = new BufferedFile(paths.variables);
  for (const f of eventFiles) f.add(EXPORT_HEADER);
  enqreg.add(COMPANION_HEADERS.enqreg);
  variables.add(COMPANION_HEADERS.variables);
  const clock = sim.clock;
  const customerKey = sim.config.customerKey;
  const counts: Record<string, number> = {};
  const wanted = new Set<ScenarioName>(SCENARIO_NAMES);
  let recId = 40_000_001;
  let calls = 0;
  let rows = 0;
  let lastEnd = sim.startUtc;
  try {
    for (const call of sim.calls()) {
      if (catalogue) {
        if (!wanted.has(call.scenario as ScenarioName)) continue;
        wanted.delete(call.scenario as ScenarioName);
      }
      let full = false;
      if (parts === 1) {
        full = eventFiles[0]!.add(callToCsv(call, clock, recId, customerKey));
        recId += call.rows.length;
        rows += call.rows.length;
      } else {
        for (const d of deliveriesOf(call, cuts)) {
          full = eventFiles[d.index]!.add(callToCsv(d.call, clock, recId, customerKey)) || full;
          recId += d.call.rows.length;
          rows += d.call.rows.length;
        }
      }
      if (call.updated > lastEnd) lastEnd = call.updated;
      calls++;
      counts[call.scenario] = (counts[call.scenario] ?? 0) + 1;
      if (call.registrations.length > 0) full = enqreg.add(registrationsCsv(call, clock)) || full;
      if (tag || call.variables.length > 0) full = variables.add(variablesCsv(call, tag)) || full;
      if (full) await Promise.all([...eventFiles.map((f) => f.flush()), enqreg.flush(), variables.flush()]);
      if (catalogue && wanted.size === 0) break;
    }
  } finally {
    await Promise.all([...eventFiles.map((f) => f.close()), enqreg.close(), variables.close()]);
  }
  await Promise.all([
    writeFile(paths.agents, agentsCsv(sim.roster)),
    writeFile(paths.queues, queuesCsv(sim.config)),
    writeFile(paths.menus, menusCsv(sim.config)),
    writeFile(paths.agentEvents, agentEventsCsv(sim.roster, clock, lastEnd)),
  ]);
  return {
    calls,
    rows,
    bytes: eventFiles.reduce((a, f) => a + f.bytes, 0),
    seconds: (performance.now() - started) / 1000,
    files: [...eventPaths, paths.agents, paths.queues, paths.menus, paths.enqreg, paths.variables, paths.agentEvents],
    scenarios: counts,
  };
}
