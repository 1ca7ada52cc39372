// The export commands as a user runs them: `search … --out` writes the whole
// result (every page), `export --parquet` the whole archive; Parquet reads back
// with hyparquet; bad usage is one line and exit code 2.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallListRow } from '../../src/shared/api/archive-api';
import { TZ } from '../archive/helpers';
import { allRows, exportArchive, readCsv, readXlsx } from './helpers';
import { runCli } from '../common/run-cli';

const run = (...args: string[]) => runCli(args);

let fx: Awaited<ReturnType<typeof exportArchive>>;
let byStart: CallListRow[];
beforeAll(async () => {
  fx = await exportArchive(1200);
  byStart = await allRows(fx.api, { sort: 'start', direction: 'asc' });
}, 120_000);
afterAll(() => fx.close());

describe('callscope search --out', { timeout: 180_000 }, () => {
  it("writes every matching call (not one page) as CSV ';' with events, times in the archive's zone", async () => {
    const out = join(fx.dir, 'cli.csv');
    const ev = join(fx.dir, 'cli-events.csv');
    const r = await run(
      'search',
      '--db',
      fx.path,
      '--queue',
      'sales',
      '--limit',
      '5',
      '--out',
      out,
      '--events',
      ev,
      '--sep',
      ';',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^wrote 320 calls to cli\.csv, [\d,]+ events to cli-events\.csv \(.* MB; times in Europe\/Copenhagen\) in [\d.]+ s \(CPU [\d.]+ s\), peak RSS \d+ MB\n$/,
    );
    const recs = readCsv(out, ';');
    expect(recs).toHaveLength(320);
    expect(recs[0]!.start).toMatch(/\+0[12]:00$/);
    expect(readCsv(ev, ';')[0]!.raw_rows).toMatch(/^calls\.csv:\d+/);
  });

  it('takes the format from the file name, or --format; xlsx and jsonl', async () => {
    const x = join(fx.dir, 'cli.xlsx');
    expect((await run('search', '--db', fx.path, '--asc', '--out', x, '--tz', 'UTC')).status).toBe(0);
    const [sheet] = await readXlsx(x);
    expect(sheet!.rows.map((row) => row[0])).toEqual(byStart.map((c) => c.callId));
    const j = join(fx.dir, 'cli.out');
    expect((await run('search', '--db', fx.path, '--asc', '--out', j, '--format', 'jsonl')).status).toBe(0);
    const lines = readFileSync(j, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe((await run('show', byStart[0]!.callId, '--db', fx.path, '--json')).stdout.trimEnd());
  });

  it('refuses bad usage in one line, exit code 2, leaving no file', async () => {
    const out = join(fx.dir, 'bad.txt');
    for (const args of [
      ['--out', out],
      ['--out', join(fx.dir, 'b.xlsx'), '--sep', ';'],
      ['--out', join(fx.dir, 'b.csv'), '--tz', 'Mars/Base'],
    ]) {
      const r = await run('search', '--db', fx.path, ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(fx.dir, 'b.csv'))).toBe(false);
  });
});

describe('callscope export --parquet', { timeout: 180_000 }, () => {
  it('writes calls and events that read back equal to the archive', async () => {
    const dir = join(fx.dir, 'parquet');
    const r = await run('export', '--db', fx.path, '--parquet', dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^wrote 1,200 calls and [\d,]+ events to /);
    const file = (name: string) => {
      const b = readFileSync(join(dir, name));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    };
    const calls = await parquetReadObjects({ file: file('calls.parquet') });
    expect(calls.map((c) => c.call_id)).toEqual(byStart.map((c) => c.callId));
    const first = calls[0]!;
    const want = byStart[0]!;
    expect(first.start).toEqual(new Date(want.start));
    expect(first.wait_time_sec).toBe(want.waitTimeSec);
    expect(first.queue).toBe(want.queue);
    expect(first).not.toHaveProperty('start_local');
    const events = await parquetReadObjects({ file: file('events.parquet') });
    const detail = (await fx.api.calls.get(want.callId))!;
    const mine = events.filter((e) => e.call_id === want.callId);
    expect(mine.map((e) => [e.event_no, e.event_type, (e.start as Date).toISOString()])).toEqual(
      detail.call.events.map((e, i) => [i + 1, e.type, e.start]),
    );
    expect(mine[0]!.raw_rows).toBe(detail.eventSources[0]!.map((o) => `${o.file}:${o.line}`).join(' '));
    expect((await run('export', '--db', fx.path)).status).toBe(2);
  });
});

void TZ;
