// Bench part "import-day": what a supervisor does every morning, import the latest export into an
// archive that already holds months of calls. The simulator writes 1,000,000 × scale calls as up to
// 100 deliveries (one call-events file per period; a call across a cut is re-delivered in the next
// file); every delivery but the last and the companion tables are imported into a new archive, then
// the last delivery is imported into it, alone and timed (in a child process: its own CPU and peak
// RSS), with the same day's companion tables again (already imported: a no-op each). Its ceiling is
// design-independent: the bare load of the same file, in the same run.
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { writeSimulatedExport } from '../simulator/write-export';
import { defaultDays } from '../../shared/simulator/config';
import { openDatabase } from '../store/native';
import { sql, value } from '../store/sql';
import { bareLoad } from './bare-load';
import { mb, removeDb, runChild } from './import';
import type { BenchContext, BenchPart } from './part';

const PART = 'import-day';
/** The simulator's limit on deliveries. */
const MAX_DELIVERIES = 100;

function hoursWithCalls(db: string): number {
  const d = openDatabase(db, { readonly: true });
  try {
    return value(d, sql<number>("SELECT count(*) FROM facet_hours WHERE facet = '_total'")) ?? 0;
  } finally {
    d.close();
  }
}

export const importDayBench: BenchPart = {
  name: PART,
  async run(ctx: BenchContext) {
    const calls = Math.max(1000, Math.round(1_000_000 * ctx.scale));
    const days = defaultDays(calls);
    const deliveries = Math.min(MAX_DELIVERIES, days);
    const timeZone = 'Europe/Copenhagen';
    const out = join(ctx.workDir, `deliveries-${calls}.csv`);
    const sim = await writeSimulatedExport({ calls, seed: 20260105, timeZone, out, deliveries });
    const parts = sim.files.filter((f) => /\.part\d+\.csv$/.test(f));
    const companions = sim.files.filter((f) => !parts.includes(f));
    const last = parts[parts.length - 1] as string;
    ctx.report(PART, 'export', `simulator, ${calls} calls over ${days} days, ${deliveries} deliveries`);
    ctx.report(
      PART,
      'the last delivery',
      `${mb(statSync(last).size)} MB, about ${(days / deliveries).toFixed(1)} day(s)`,
    );

    const db = join(ctx.workDir, 'import-day.db');
    removeDb(db);
    const before = await runChild(db, [...companions, ...parts.slice(0, -1)], timeZone);
    const beforeCalls = before.records.reduce((a, r) => a + r.callsDerived, 0);
    ctx.report(PART, 'archive before: calls', beforeCalls);
    ctx.report(PART, 'archive before: import wall time (every earlier delivery)', before.seconds, 's');
    ctx.report(PART, 'archive before: hours with calls', hoursWithCalls(db));

    const day = await runChild(db, [last, ...companions], timeZone);
    const failed = day.records.find((r) => r.status !== 'done' && r.status !== 'duplicate');
    if (failed) {
      ctx.report(PART, 'import FAILED', failed.message ?? `${failed.fileName}: ${failed.status}`);
      return;
    }
    const dayRecord = day.records.find((r) => r.fileName === last.split('/').pop());
    const rows = dayRecord?.rowsRead ?? 0;
    ctx.report(PART, 'the day: rows read', rows);
    ctx.report(PART, 'the day: calls derived (new and re-delivered)', dayRecord?.callsDerived ?? 0);
    ctx.report(PART, 'the day: files already imported (companion tables)', day.records.length - 1);
    ctx.report(PART, 'the day: import wall time', day.seconds, 's');
    ctx.report(PART, 'the day: import CPU time (user + system)', day.cpuSeconds.toFixed(1), 's');
    ctx.report(PART, 'the day: peak RSS', Math.round(day.maxRssMb), 'MB');
    const bare = await bareLoad([last], join(ctx.workDir, 'import-day-bare.db'));
    ctx.report(PART, 'bare load of the day (papaparse → one all-TEXT table, one transaction)', bare.seconds, 's');
    ctx.report(PART, 'ratio bare load / the day', (bare.seconds / day.seconds).toFixed(3));
    removeDb(db);
  },
};
