// Bench part: generates the 1,000,000 × scale call export with the simulator
// (shared as 'export1M' for the convert / import parts) and prints its speed and memory.
import { join } from 'node:path';
import { writeSimulatedExport } from '../simulator/write-export';
import type { BenchPart } from './part';

export const simulateBench: BenchPart = {
  name: 'simulate',
  async run(ctx) {
    const calls = Math.max(1000, Math.round(1_000_000 * ctx.scale));
    const out = join(ctx.workDir, `simulated-${calls}.csv`);
    const timeZone = 'Europe/Copenhagen';
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const rssBefore = process.memoryUsage().rss;
    const cpuBefore = process.cpuUsage();
    let result;
    try {
      result = await writeSimulatedExport({ calls, seed: 20260105, timeZone, out });
    } finally {
      clearInterval(sampler);
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSec = (cpu.user + cpu.system) / 1e6;
    ctx.report('simulate', 'calls', result.calls);
    ctx.report('simulate', 'rows', result.rows);
    ctx.report('simulate', 'export size', result.bytes / 1e6, 'MB');
    ctx.report('simulate', 'wall time', result.seconds, 's');
    ctx.report('simulate', 'calls/s (wall)', Math.round(result.calls / result.seconds));
    ctx.report('simulate', 'rows/s (wall)', Math.round(result.rows / result.seconds));
    ctx.report('simulate', 'calls per CPU-second (all threads: GC, fs)', Math.round(result.calls / cpuSec));
    ctx.report('simulate', 'peak RSS', Math.round(peakRss / 1e6), 'MB');
    ctx.report('simulate', 'RSS growth during generation', Math.round((peakRss - rssBefore) / 1e6), 'MB');
    ctx.shared.set('export1M', out);
    ctx.shared.set('export1MFiles', result.files);
    ctx.shared.set('callEventsTimeZone', timeZone);
  },
};
