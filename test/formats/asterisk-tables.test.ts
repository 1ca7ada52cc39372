// Asterisk records kept in a database and exported as CSV with a header row: the cdr table
// (cdr_mysql with calldate, cdr_pgsql with start/answer/end, vendor columns, NULL values) and the
// realtime queue_log table (data1..data5, a pipe-joined data column, vendor variants). The goldens
// (test/fixtures/formats/asterisk/*.golden.jsonl) were checked by hand against
// docs/formats/asterisk.md; the same calls written as flat files and as table exports must give
// equal archive calls.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseAsterisk, platformLinkKeys, rederivePlatformCalls } from '../../src/shared/formats';
import { asteriskCdr, asteriskQueueLog, isCdrRaw } from '../../src/shared/formats/asterisk';
import { readCdr } from '../../src/shared/formats/asterisk/cdr';
import {
  CDR_COLUMN_ALIASES,
  canonicalCdr,
  cdrTableHeader,
  isMissingValue,
} from '../../src/shared/formats/asterisk/cdr-table';
import { emptyUnknown } from '../../src/shared/formats/common/types';
import { contract, expectAccounted, fixture, golden } from './helpers';

const cph = { timeZone: 'Europe/Copenhagen' };

describe('CDR table exports (hand-written fixtures, hand-checked goldens)', () => {
  it('a MySQL-style export (calldate, no answer/end columns, NULLs, FreePBX columns) → golden calls', () => {
    const text = fixture('asterisk/cdr_mysql.csv');
    const d = asteriskCdr.detect(text);
    expect(d.match).toBe(true);
    expect(d.why).toMatch(/^CSV header with the CDR table columns calldate, .*comma-separated\)$/);
    const p = asteriskCdr.parse(text, { fileLabel: 'cdr_mysql.csv', ...cph });
    expectAccounted(p);
    expect(contract(p)).toEqual(golden('asterisk/cdr_mysql.golden.jsonl'));
    expect(p.recordCount).toBe(6);
    expect(p.rejected.map((r) => [r.origin.line, r.reason])).toEqual([
      [6, 'CDR table row: unreadable call start "0000-00-00 00:00:00"'],
    ]);
    // Vendor columns known to carry nothing we draw are not "unknown"; others are counted.
    expect(p.unknown.fields).toEqual({ carrier: 1 });
    // The raw row keeps every value exactly as exported, NULL included, under the exported names.
    const out = p.calls[0]!.records[0]!.raw;
    expect(out['accountcode']).toBe('NULL');
    expect(out['recordingfile']).toBe('out-+4587654321-1001-20231115-090000-1700035200.10.wav');
    expect(Object.keys(out)).toHaveLength(27);
  });

  it('calldate + duration + billsec: end = calldate + duration, answer = end − billsec (local time of the export)', () => {
    const p = asteriskCdr.parse(fixture('asterisk/cdr_mysql.csv'), { fileLabel: 'm.csv', ...cph });
    const out = p.calls[0]!.derived.call;
    expect([out.start, out.end, out.timeBeforeAnswerSec, out.speakTimeSec]).toEqual([
      '2023-11-15T08:00:00.000Z', // 09:00 in Copenhagen (CET)
      '2023-11-15T08:01:35.000Z',
      15,
      80,
    ]);
  });

  it('the DID column, where the table has one, is the access number (dst is then an extension)', () => {
    const p = asteriskCdr.parse(fixture('asterisk/cdr_mysql.csv'), { fileLabel: 'm.csv', ...cph });
    const inbound = p.calls.find((c) => c.derived.call.callId === 'asterisk:1700035500.12')!.derived.call;
    expect([inbound.accessNumber, inbound.agents]).toEqual(['4570000000', ['1002']]);
  });

  it('a PostgreSQL-style export (start/answer/end with offsets, semicolons, another column order) → golden calls', () => {
    const text = fixture('asterisk/cdr_pgsql.csv');
    expect(asteriskCdr.detect(text).why).toMatch(/semicolon-separated/);
    const p = asteriskCdr.parse(text, { fileLabel: 'cdr_pgsql.csv', timeZone: 'UTC' });
    expectAccounted(p);
    expect(contract(p)).toEqual(golden('asterisk/cdr_pgsql.golden.jsonl'));
    // A queued call's CDR waits for its queue_log, as with Master.csv.
    expect(p.kept.map((k) => [k.origin.line, k.table, k.callId])).toEqual([[2, 'cdr', 'asterisk:1700037000.20']]);
  });
});

describe('queue_log table exports', () => {
  it('a vendor variant (id, epoch date_time beside a formatted time, queue_name, param1..5, NULLs) → golden calls', () => {
    const text = fixture('asterisk/queue_log_vendor.csv');
    expect(asteriskQueueLog.detect(text).match).toBe(true);
    const p = asteriskQueueLog.parse(text, { fileLabel: 'queue_log_vendor.csv', ...cph });
    expectAccounted(p);
    expect(contract(p)).toEqual(golden('asterisk/queue_log_vendor.golden.jsonl'));
    // NONE call ids and system events are kept, not rejected; the bad time is rejected with its value.
    expect(p.kept.map((k) => [k.raw['event'], k.reason])).toEqual([
      ['QUEUESTART', 'system event: not part of a call'],
      ['CONFIGRELOAD', 'system event: not part of a call'],
    ]);
    expect(p.rejected.map((r) => [r.origin.line, r.reason])).toEqual([[9, 'unreadable time "not a time"']]);
    expect(p.unknown.fields).toEqual({ tenant: 1 });
  });

  it('epoch seconds win over a formatted time of the same row (which may be in another zone)', () => {
    const text =
      'date_time,time,callid,queuename,agent,event,data1,data2,data3\n' +
      '1700000000,2023-11-14 23:13:20,7.1,q,NONE,ENTERQUEUE,,+451,1\n' +
      '1700000030,2023-11-14 23:13:50,7.1,q,NONE,ABANDON,1,1,30\n';
    const p = asteriskQueueLog.parse(text, { fileLabel: 'x.csv', timeZone: 'UTC' });
    expect(p.calls[0]!.derived.call.start).toBe('2023-11-14T22:13:20.000Z');
  });

  it('data5 holding the sixth parameter pipe-joined (as Asterisk realtime writes it) reads like the flat file', () => {
    const flat = '1700000100|8.1|q|Alice|ATTENDEDTRANSFER|LINK|PJSIP/a|PJSIP/b|2|30|1\n';
    const table =
      'time,callid,queuename,agent,event,data1,data2,data3,data4,data5\n' +
      '1700000100,8.1,q,Alice,ATTENDEDTRANSFER,LINK,PJSIP/a,PJSIP/b,2,30|1\n';
    const a = asteriskQueueLog.parse(flat, { fileLabel: 'f', timeZone: 'UTC' });
    const b = asteriskQueueLog.parse(table, { fileLabel: 't', timeZone: 'UTC' });
    expect(contract(b)).toEqual(contract(a));
  });
});

/** Master.csv and the pipe queue_log fixtures as a database would export the same records. */
function asTables(): { cdrMysql: string; cdrPgsql: string; qlRealtime: string; qlVendor: string } {
  const cdr = [
    ...readCdr(fixture('asterisk/Master.csv'), 'Master.csv', 'UTC').records,
    ...readCdr(fixture('asterisk/Master_custom.csv', 'latin1'), 'Master_custom.csv', 'UTC').records,
  ].map((r) => canonicalCdr(r.raw));
  // MySQL: calldate only (answer and end follow from duration and billsec), NULL for empty, tabs, vendor columns.
  const mysqlCols = [
    'id',
    'calldate',
    ...Object.keys(CDR_COLUMN_ALIASES).filter((k) => !/^(start|answer|end|did)$/.test(k)),
  ];
  const cdrMysql = Papa.unparse(
    {
      fields: [...mysqlCols, 'cnam'],
      data: cdr.map((c, i) => [
        String(i + 1),
        c.start,
        ...mysqlCols.slice(2).map((k) => c[k as keyof typeof c] || 'NULL'),
        'NULL',
      ]),
    },
    { delimiter: '\t' },
  );
  // PostgreSQL: start/answer/end, columns in reverse order, semicolons.
  const pgCols = Object.keys(CDR_COLUMN_ALIASES)
    .filter((k) => k !== 'did')
    .reverse();
  const cdrPgsql = Papa.unparse(
    { fields: pgCols, data: cdr.map((c) => pgCols.map((k) => c[k as keyof typeof c])) },
    { delimiter: ';' },
  );
  const lines = fixture('asterisk/queue_log')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const cells = lines.map((l) => l.split('|'));
  const data5 = (c: string[]): string[] => [...c.slice(5, 9), c.slice(9).join('|')];
  const qlRealtime = Papa.unparse({
    fields: ['id', 'time', 'callid', 'queuename', 'agent', 'event', 'data1', 'data2', 'data3', 'data4', 'data5'],
    data: cells.map((c, i) =>
      c.length < 5
        ? [String(i + 1), c.join('|'), '', '', '', '', '', '', '', '', '']
        : [String(i + 1), ...c.slice(0, 5), ...data5(c)],
    ),
  });
  const qlVendor = Papa.unparse(
    {
      fields: ['date_time', 'time', 'call_id', 'queue_name', 'agent', 'event', 'data'],
      data: cells.map((c) =>
        c.length < 5
          ? [c.join('|'), 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL']
          : [
              c[0],
              new Date(Number(c[0]) * 1000).toISOString().replace('T', ' ').slice(0, 19),
              ...c.slice(1, 5),
              c.slice(5).join('|') || 'NULL',
            ],
      ),
    },
    { delimiter: ';' },
  );
  return { cdrMysql, cdrPgsql, qlRealtime, qlVendor };
}

describe('the same calls from flat files and from table exports', () => {
  const flat = parseAsterisk(
    [{ text: fixture('asterisk/queue_log'), file: 'queue_log' }],
    [
      { text: fixture('asterisk/Master.csv'), file: 'Master.csv' },
      { text: fixture('asterisk/Master_custom.csv', 'latin1'), file: 'Master_custom.csv' },
    ],
    'UTC',
  );
  const t = asTables();

  it.each([
    ['realtime queue_log (data1..data5) + MySQL cdr', 'qlRealtime', 'cdrMysql'],
    ['vendor queue_log (date_time, pipe-joined data) + PostgreSQL cdr', 'qlVendor', 'cdrPgsql'],
  ] as const)('%s: equal archive calls, every record accounted for', (_name, ql, cdr) => {
    expect(asteriskQueueLog.detect(t[ql]).match).toBe(true);
    expect(asteriskCdr.detect(t[cdr]).match).toBe(true);
    const tables = parseAsterisk([{ text: t[ql], file: 'ql.csv' }], [{ text: t[cdr], file: 'cdr.csv' }], 'UTC');
    expectAccounted(tables);
    expect(contract(tables)).toEqual(golden('asterisk/joined.golden.jsonl'));
    expect(contract(tables)).toEqual(contract(flat));
    expect(tables.rejected.length).toBe(flat.rejected.length);
    expect(tables.kept.map((k) => k.reason)).toEqual(flat.kept.map((k) => k.reason));
  });

  it('stored table records derive again to the same calls, and are found by their uniqueid / linkedid', () => {
    const tables = parseAsterisk(
      [{ text: t.qlVendor, file: 'ql.csv' }],
      [{ text: t.cdrPgsql, file: 'cdr.csv' }],
      'UTC',
    );
    const records = [...tables.calls.flatMap((c) => c.records), ...tables.kept];
    const again = rederivePlatformCalls('asterisk-queue-log', records, 'UTC')!;
    expect(contract(again)).toEqual(contract(tables));
    const joined = tables.calls.find((c) => c.derived.call.callId === 'asterisk:1700000000.1')!;
    const cdrRow = joined.records.find((r) => isCdrRaw(r.raw))!;
    expect(cdrRow.raw['linkedid']).toBe('1700000000.1');
    expect(platformLinkKeys('asterisk:1700000400.20', cdrRow.raw)).toEqual(['asterisk:1700000000.1']);
    const qlRow = joined.records.find((r) => !isCdrRaw(r.raw))!;
    expect(platformLinkKeys('asterisk:other', qlRow.raw)).toEqual(['asterisk:1700000000.1']);
  });
});

describe('header recognition', () => {
  it('any order, any alias, extra columns; too few CDR columns is not a CDR table', () => {
    expect(cdrTableHeader(['x', 'Disposition', '"CallDate"', 'duration', 'uniqueid'])).not.toBeNull();
    expect(cdrTableHeader(['start_time', 'end_time', 'disposition', 'channel', 'tenant_id'])).not.toBeNull();
    expect(cdrTableHeader(['calldate', 'src', 'dst'])).toBeNull(); // no disposition, no duration
    expect(cdrTableHeader(['time', 'callid', 'queuename', 'agent', 'event'])).toBeNull();
    expect([
      isMissingValue('NULL'),
      isMissingValue('null'),
      isMissingValue('\\N'),
      isMissingValue(' '),
      isMissingValue('0'),
    ]).toEqual([true, true, true, true, false]);
  });

  it('fuzzed headers and rows never crash detection or parsing, and every row is accounted for', () => {
    const names = [...Object.values(CDR_COLUMN_ALIASES).flat(), 'id', 'tenant', 'x', 'time', 'event', 'callid', ''];
    const cell = fc.oneof(
      fc.constantFrom(
        '',
        'NULL',
        '\\N',
        'ANSWERED',
        'NO ANSWER',
        '2023-11-15 09:00:00',
        '1700000000',
        '0000-00-00 00:00:00',
      ),
      fc.constantFrom('PJSIP/1001-0001', 'Queue', '1700000000.1', '12', '-5', 'a"b', 'x|y'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 14 }),
        fc.constantFrom(',', ';', '\t'),
        fc.array(fc.array(cell, { maxLength: 16 }), { maxLength: 8 }),
        (header, delimiter, rows) => {
          const text = Papa.unparse({ fields: header, data: rows }, { delimiter });
          for (const format of [asteriskCdr, asteriskQueueLog]) {
            format.detect(text);
            const p = format.parse(text, { fileLabel: 'f.csv', timeZone: 'Europe/Copenhagen' });
            expectAccounted(p);
            for (const r of p.rejected) expect(r.reason).not.toContain('\n');
          }
          readCdr(text, 'f.csv', 'UTC', emptyUnknown());
        },
      ),
      { numRuns: 400 },
    );
  });
});
