// The export's fast path (pages of arrays read by CallSearcher.searchRaw, without the list's people
// query) against a reference written here: every call of the search read the plain way (the API's
// pages of list rows) and formatted with luxon — no code of the export's. On a simulated archive
// (callbacks, transfers, abandoned calls, a daylight-saving change), for every sort column in both
// directions and for each kind of filter: the files must be byte-identical. The earlier page path
// (a source without export pages: calls.search) and the read pool's path are held to the same text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_COLUMNS, type RawListRow } from '../../src/main/api/call-search';
import { ReadPool } from '../../src/main/api/read-pool';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import { PageBuffer } from '../../src/main/export/csv-sink';
import { exportResult, type ExportSource } from '../../src/main/export/run-export';
import { companionPaths, writeSimulatedExport } from '../../src/main/simulator/write-export';
import { openArchive, type Archive } from '../../src/main/store/archive';
import { SORT_COLUMNS } from '../../src/shared/api/schemas';
import type { CallListRow, CallSearch } from '../../src/shared/api/archive-api';
import { tempDir } from '../archive/fixtures';
import { allRows } from './helpers';
import { bundledWorkerEntry } from '../common/worker-entry';

const ZONE = 'Europe/Copenhagen';
/** Callbacks, transfers and abandoned calls across a daylight-saving change; ties in every sort column. */
const CALLS = 600;
/** Pages of 50 rows: every sort's keyset cursor is crossed a dozen times, ties included. */
const PAGE = 50;
let dir: string;
let path: string;
let archive: Archive;
let api: SqliteArchiveApi;
let sample: CallListRow[];

beforeAll(async () => {
  dir = tempDir('callscope-export-fast-');
  const out = join(dir, 'sim.csv');
  // A week that crosses the spring daylight-saving change (2026-03-29 in Copenhagen).
  await writeSimulatedExport({ calls: CALLS, seed: 13, days: 8, out, startDate: '2026-03-24', timeZone: ZONE });
  const c = companionPaths(out);
  path = join(dir, 'archive.db');
  openArchive(path, { create: true }).close();
  await importFiles(path, [c.agents, c.queues, c.menus, c.enqreg, c.variables, out], {
    timeZone: ZONE,
    inProcess: true,
  });
  archive = openArchive(path);
  api = new SqliteArchiveApi(archive);
  sample = await allRows(api, {});
  expect(sample).toHaveLength(CALLS);
}, 180_000);
afterAll(() => {
  api?.close();
  archive?.close();
});

// ---- the reference: the calls file as docs/export.md describes it, written independently ----

const HEADER = [
  'call_id',
  'type',
  'start',
  'start_local',
  'end',
  'end_local',
  'time_zone',
  'duration_sec',
  'caller_number',
  'access_number',
  'queue',
  'agent',
  'outcome',
  'time_before_answer_sec',
  'wait_time_sec',
  'speak_time_sec',
  'callback_attempts',
];

function referenceCsv(rows: readonly CallListRow[], zone: string, sep: ',' | ';'): string {
  const text = (v: string | null) => {
    if (v === null) return '';
    // A text a spreadsheet would run as a formula gets an apostrophe in front (csv-sink).
    if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
    return v.includes(sep) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const number = (v: number | null) => (v === null ? '' : sep === ';' ? String(v).replace('.', ',') : String(v));
  const iso = (t: string) => DateTime.fromISO(t, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ");
  const local = (t: string) => DateTime.fromISO(t, { zone }).toFormat('yyyy-MM-dd HH:mm:ss');
  const lines = rows.map((r) =>
    [
      text(r.callId),
      text(r.type),
      iso(r.start),
      local(r.start),
      iso(r.end),
      local(r.end),
      text(zone),
      number((Date.parse(r.end) - Date.parse(r.start)) / 1000),
      text(r.callerNumber),
      text(r.accessNumber),
      text(r.queue),
      text(r.agent),
      text(r.outcome),
      number(r.timeBeforeAnswerSec),
      number(r.waitTimeSec),
      number(r.speakTimeSec),
      number(r.callbackAttempts),
    ].join(sep),
  );
  return '\uFEFF' + [HEADER.join(sep), ...lines].map((l) => l + '\r\n').join('');
}

let n = 0;
async function csvOf(source: ExportSource, query: CallSearch, sep: ',' | ';', pageSize?: number): Promise<string> {
  const out = join(dir, `export-${(n += 1)}.csv`);
  await exportResult(source, query, {
    format: 'csv',
    separator: sep,
    timeZone: ZONE,
    callsPath: out,
    ...(pageSize ? { pageSize } : {}),
  });
  return readFileSync(out, 'utf8');
}

/** The earlier path: pages of the API's list rows (with their people), as a source without export pages. */
const pagedSource = (): ExportSource => ({
  calls: { search: (q) => api.calls.search(q), get: (id) => api.calls.get(id) },
  contractJson: (id) => api.contractJson(id),
});

/** Filters of every kind the list offers, with values taken from the archive so each matches some calls. */
function filters(): [string, CallSearch][] {
  const some = <T>(pick: (r: CallListRow) => T | null): T => {
    const found = sample.map(pick).find((v) => v !== null);
    if (found === undefined || found === null) throw new Error('the simulated archive lacks a value');
    return found;
  };
  const queue = some((r) => r.queue);
  const agent = some((r) => r.agent);
  const caller = some((r) => r.callerNumber);
  return [
    ['no filter', {}],
    ['text (a caller number)', { text: caller }],
    ['text (a queue word)', { text: queue.split(/\s+/)[0] }],
    ['short text', { text: caller.slice(0, 2) }],
    ['type', { types: ['callback'] }],
    ['outcome', { outcomes: ['abandoned', 'answered'] }],
    ['queue', { queues: [queue] }],
    ['agent', { agents: [agent] }],
    ['time range (across the DST change)', { from: '2026-03-28T12:00:00Z', to: '2026-03-30T12:00:00Z' }],
    ['duration', { durationSec: { min: 60, max: 600 } }],
    ['wait', { waitTimeSec: { min: 5 } }],
    ['speak', { speakTimeSec: { max: 120 } }],
    ['callback attempts', { callbackAttempts: { min: 1 } }],
    ['silent', { silent: false }],
    ['combined', { types: ['inbound'], outcomes: ['answered'], waitTimeSec: { max: 60 }, sort: 'queue' }],
  ];
}

describe('the export fast path', () => {
  it('reads the list columns in the order RawListRow declares', () => {
    const names = LIST_COLUMNS.split(',').map((c) => c.trim().replace(/^c\./, ''));
    // RawListRow's elements, in order (the tuple's labels).
    const layout = [
      'id',
      'call_id',
      'type',
      'start_ms',
      'end_ms',
      'caller_number',
      'access_number',
      'queue',
      'agent',
      'outcome',
      'time_before_answer_sec',
      'wait_time_sec',
      'speak_time_sec',
      'callback_attempts',
      'sort_value',
    ];
    const probe: RawListRow = [0, 'c', 'inbound', 0, 0, null, null, null, null, 'answered', null, null, 0, null, 0];
    expect(probe).toHaveLength(layout.length);
    expect([...names, 'sort_value']).toEqual(layout);
  });

  it.each(SORT_COLUMNS.flatMap((sort) => (['asc', 'desc'] as const).map((direction) => [sort, direction] as const)))(
    'sorted by %s %s: byte-identical to the reference and to the earlier page path',
    async (sort, direction) => {
      const query: CallSearch = { sort, direction };
      const expected = referenceCsv(await allRows(api, query), ZONE, ',');
      expect(await csvOf(api, query, ',', PAGE)).toBe(expected);
      expect(await csvOf(api, query, ',')).toBe(expected);
      expect(await csvOf(pagedSource(), query, ',')).toBe(expected);
    },
    60_000,
  );

  it('with each kind of filter: byte-identical to the reference (CSV , and ;) and to the earlier page path', async () => {
    for (const [name, query] of filters()) {
      const rows = await allRows(api, query);
      expect(rows.length, name).toBeGreaterThan(0);
      expect(rows.length, name).toBeLessThan(CALLS + 1);
      for (const sep of [',', ';'] as const) {
        const expected = referenceCsv(rows, ZONE, sep);
        expect(await csvOf(api, query, sep, PAGE), `${name} ${sep}`).toBe(expected);
        expect(await csvOf(pagedSource(), query, sep), `${name} ${sep}`).toBe(expected);
      }
    }
  }, 120_000);

  it('through the read pool (the app): byte-identical to the reference', async () => {
    // The worker bundled once (test/common/worker-entry.ts), as the app ships it bundled.
    const pool = new ReadPool(path, { entry: bundledWorkerEntry() });
    const pooled = new SqliteArchiveApi(archive, { readPool: pool });
    try {
      for (const query of [{}, { sort: 'agent', direction: 'asc' }, { outcomes: ['abandoned'] }] as CallSearch[])
        expect(await csvOf(pooled, query, ',', 150)).toBe(referenceCsv(await allRows(api, query), ZONE, ','));
    } finally {
      await pool.close();
    }
  }, 120_000);
});

describe('PageBuffer (a CSV page encoded line by line)', () => {
  it('grows past its first size and keeps multi-byte text exactly', () => {
    const page = new PageBuffer(0);
    const lines = Array.from({ length: 500 }, (_, i) => `${i};Søren Ærø "Østerbro";𝄞 ${'x'.repeat(i % 40)}\r\n`);
    for (const line of lines) page.put(line);
    expect(page.bytes().toString('utf8')).toBe(lines.join(''));
    expect(page.bytes().length).toBe(Buffer.byteLength(lines.join('')));
  });
});
