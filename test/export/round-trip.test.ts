// Export round trips: the CSV, XLSX and JSON Lines files of a search, read back,
// hold exactly the search result — every call, in the list's order, every field.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallListRow, CallSearch } from '../../src/shared/api/archive-api';
import { exportResult, ExportCancelled } from '../../src/main/export/run-export';
import { ZoneClock } from '../../src/main/export/zone-clock';
import { TZ } from '../archive/helpers';
import { spreadsheetText } from '../../src/shared/text/spreadsheet-text';
import { allRows, exportArchive, readCsv, readXlsx } from './helpers';

let fx: Awaited<ReturnType<typeof exportArchive>>;
/** Calls in the archive: pages of 100 below cross five page boundaries, the XLSX sheet of 400 a second sheet. */
const CALLS = 600;
const QUERY: CallSearch = { sort: 'waitTimeSec', direction: 'asc' };
let expected: CallListRow[];

beforeAll(async () => {
  fx = await exportArchive(CALLS);
  expected = await allRows(fx.api, QUERY);
  expect(expected).toHaveLength(CALLS);
}, 120_000);
afterAll(() => fx.close());

const clock = new ZoneClock(TZ);
const num = (v: string) => (v === '' ? null : Number(v.replace(',', '.')));

/** A CSV record compared field by field with the call the search listed. */
function expectCsvRow(rec: Record<string, string>, r: CallListRow): void {
  expect(rec.call_id).toBe(r.callId);
  expect(rec.type).toBe(r.type);
  expect(Date.parse(rec.start!)).toBe(Date.parse(r.start));
  expect(rec.start).toBe(clock.iso(Date.parse(r.start)));
  expect(rec.start_local).toBe(clock.local(Date.parse(r.start)));
  expect(Date.parse(rec.end!)).toBe(Date.parse(r.end));
  expect(rec.time_zone).toBe(TZ);
  // A number written `+45…` would be a formula to a spreadsheet: the CSV has it as text, `'+45…`.
  expect(rec.caller_number).toBe(spreadsheetText(r.callerNumber ?? ''));
  expect(rec.access_number).toBe(r.accessNumber ?? '');
  expect(rec.queue).toBe(r.queue ?? '');
  expect(rec.agent).toBe(r.agent ?? '');
  expect(rec.outcome).toBe(r.outcome);
  expect(num(rec.time_before_answer_sec!)).toBe(r.timeBeforeAnswerSec);
  expect(num(rec.wait_time_sec!)).toBe(r.waitTimeSec);
  expect(num(rec.speak_time_sec!)).toBe(r.speakTimeSec);
  expect(num(rec.callback_attempts!)).toBe(r.callbackAttempts);
  expect(num(rec.duration_sec!)).toBe((Date.parse(r.end) - Date.parse(r.start)) / 1000);
}

describe('CSV', () => {
  it('reads back equal to the search result, in its order, with a BOM and CRLF', async () => {
    const out = join(fx.dir, 'calls.csv');
    const summary = await exportResult(fx.api, QUERY, { format: 'csv', timeZone: TZ, callsPath: out, pageSize: 100 });
    expect(summary.calls).toBe(expected.length);
    expect(summary.total).toBe(expected.length);
    const recs = readCsv(out, ',');
    expect(recs.map((r) => r.call_id)).toEqual(expected.map((r) => r.callId));
    recs.forEach((rec, i) => expectCsvRow(rec, expected[i]!));
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toMatch(/^\uFEFFcall_id,type,start,start_local,/);
    // The quoted queue name survived.
    expect(recs.some((r) => r.queue === 'Support, "DK"')).toBe(true);
  });

  it("the ';' variant reads back equal too, decimals with a comma", async () => {
    const out = join(fx.dir, 'calls-da.csv');
    await exportResult(fx.api, QUERY, { format: 'csv', separator: ';', timeZone: TZ, callsPath: out });
    const recs = readCsv(out, ';');
    recs.forEach((rec, i) => expectCsvRow(rec, expected[i]!));
    expect(readFileSync(out, 'utf8')).toContain(';start_local;');
  });

  it('a filtered search exports only its calls', async () => {
    const q: CallSearch = { queues: ['sales'], sort: 'start', direction: 'desc' };
    const want = await allRows(fx.api, q);
    const out = join(fx.dir, 'sales.csv');
    await exportResult(fx.api, { ...q, limit: 5, cursor: null }, { format: 'csv', timeZone: TZ, callsPath: out });
    expect(readCsv(out, ',').map((r) => r.call_id)).toEqual(want.map((r) => r.callId));
  });

  it('the events file has one row per archive event, with the file:line of its raw rows', async () => {
    const q: CallSearch = { queues: ['billing'] };
    const calls = await allRows(fx.api, q);
    const out = join(fx.dir, 'b-calls.csv');
    const ev = join(fx.dir, 'b-events.csv');
    const summary = await exportResult(fx.api, q, { format: 'csv', timeZone: TZ, callsPath: out, eventsPath: ev });
    const recs = readCsv(ev, ',');
    const want: string[][] = [];
    for (const c of calls) {
      const d = (await fx.api.calls.get(c.callId))!;
      d.call.events.forEach((e, i) =>
        want.push([
          c.callId,
          String(i + 1),
          e.type,
          clock.iso(Date.parse(e.start)),
          (d.eventSources[i] ?? []).map((o) => `${o.file}:${o.line}`).join(' '),
        ]),
      );
    }
    expect(recs.map((r) => [r.call_id, r.event_no, r.event_type, r.start, r.raw_rows])).toEqual(want);
    expect(summary.events).toBe(want.length);
    expect(recs[0]!.raw_rows).toMatch(/^calls\.csv:\d+/);
  });
});

describe('XLSX', () => {
  it('reads back equal, with dates as dates and durations as numbers', async () => {
    const out = join(fx.dir, 'calls.xlsx');
    await exportResult(fx.api, QUERY, {
      format: 'xlsx',
      timeZone: TZ,
      callsPath: out,
      eventsPath: join(fx.dir, 'e.xlsx'),
    });
    const [sheet] = await readXlsx(out);
    expect(sheet!.name).toBe('calls');
    const h = (name: string) => sheet!.header.indexOf(name);
    expect(sheet!.rows).toHaveLength(expected.length);
    sheet!.rows.forEach((row, i) => {
      const r = expected[i]!;
      expect(row[h('call_id')]).toBe(r.callId);
      expect(row[h('start')]).toBe(clock.iso(Date.parse(r.start)));
      const local = row[h('start_local')];
      expect(local).toBeInstanceOf(Date);
      expect((local as Date).getTime()).toBe(clock.wallMs(Date.parse(r.start)) - (Date.parse(r.start) % 1000));
      expect(row[h('wait_time_sec')] ?? null).toBe(r.waitTimeSec);
      expect(row[h('speak_time_sec')]).toBe(r.speakTimeSec);
      expect(typeof row[h('speak_time_sec')]).toBe('number');
      expect(row[h('queue')] ?? null).toBe(r.queue);
      expect(row[h('caller_number')] ?? null).toBe(r.callerNumber);
      expect(row[h('callback_attempts')] ?? null).toBe(r.callbackAttempts);
    });
    const [events] = await readXlsx(join(fx.dir, 'e.xlsx'));
    expect(events!.name).toBe('events');
    expect(events!.rows.length).toBeGreaterThan(expected.length);
  });

  it('continues on a second sheet past the sheet size', async () => {
    const { XlsxSink } = await import('../../src/main/export/xlsx-sink');
    const { callColumns, exportRowOf } = await import('../../src/main/export/columns');
    const out = join(fx.dir, 'split.xlsx');
    const sink = new XlsxSink(out, 'calls', callColumns(TZ), clock, 400);
    await sink.add(expected.map(exportRowOf));
    await sink.finish();
    const sheets = await readXlsx(out);
    expect(sheets.map((s) => [s.name, s.rows.length])).toEqual([
      ['calls', 400],
      ['calls 2', CALLS - 400],
    ]);
    expect(sheets.flatMap((s) => s.rows.map((r) => r[0]))).toEqual(expected.map((r) => r.callId));
  });
});

describe('JSON Lines', () => {
  it('each line is byte-equal to `show --json` of its call, in the list order', async () => {
    const out = join(fx.dir, 'calls.jsonl');
    const ev = join(fx.dir, 'events.jsonl');
    await exportResult(fx.api, QUERY, { format: 'jsonl', timeZone: TZ, callsPath: out, eventsPath: ev });
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => expect(line).toBe(fx.api.contractJson(expected[i]!.callId)));
    const first = JSON.parse(readFileSync(ev, 'utf8').split('\n')[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ callId: expected[0]!.callId, eventNo: 1 });
    expect(first.rawRows).toEqual((await fx.api.calls.get(expected[0]!.callId))!.eventSources[0]);
  });
});

describe('cancel and failure', () => {
  it('a cancelled export leaves no file behind, not even a partial one', async () => {
    const dir = join(fx.dir, 'cancelled');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    const ctl = new AbortController();
    const run = exportResult(fx.api, QUERY, {
      format: 'xlsx',
      timeZone: TZ,
      callsPath: join(dir, 'c.xlsx'),
      eventsPath: join(dir, 'e.xlsx'),
      pageSize: 100,
      onProgress: (p) => {
        if (p.calls >= 300) ctl.abort();
      },
      signal: ctl.signal,
    });
    await expect(run).rejects.toBeInstanceOf(ExportCancelled);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an unknown zone is refused before any file is made', async () => {
    const out = join(fx.dir, 'never.csv');
    await expect(
      exportResult(fx.api, QUERY, { format: 'csv', timeZone: 'Mars/Olympus', callsPath: out }),
    ).rejects.toThrow(/unknown time zone "Mars\/Olympus"/);
    expect(existsSync(out)).toBe(false);
  });
});
