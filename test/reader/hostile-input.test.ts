// #11 items 5-8: hostile or odd input is rejected record by record (file:line and a reason) and the
// rest of the file is read: deep JSON, overlong call ids, mixed line endings, non-decimal numbers,
// implausible years.
import { describe, expect, it } from 'vitest';
import { jsonDepth, MAX_CALL_ID_LENGTH, MAX_JSON_DEPTH } from '../../src/shared/model/limits';
import { callIdSchema } from '../../src/shared/api/schemas';
import { parseDecimal } from '../../src/shared/reader/records';
import { readText, rejected, rows } from './helpers';

const H = 'call_id,event_type,dte_start,duration_tot_sec,duration_speak_sec,ciq,dte_updated';
const ok = (id: string) =>
  `{"call_id":"${id}","event_type":"q","dte_start":"2024-01-01 00:00:00","duration_tot_sec":5}`;

describe('JSON nested 10,000+ levels (item 5)', () => {
  it('jsonDepth counts brackets outside strings only, without recursion', () => {
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(jsonDepth('{"a":"\\"[[["}')).toBe(1);
    expect(jsonDepth('['.repeat(200_000))).toBe(MAX_JSON_DEPTH + 1);
  });

  for (const levels of [10_000, 200_000]) {
    it(`rejects a record nested ${levels} levels deep with its line and reads on`, async () => {
      const deep = `{"call_id":"2","event_type":"q","dte_start":"2024-01-01 00:00:00","duration_tot_sec":${'['.repeat(levels)}${']'.repeat(levels)}}`;
      const { items } = await readText([ok('1'), deep, ok('3')].join('\n') + '\n');
      expect(rejected(items).map((r) => [r.origin.file, r.origin.line, r.reason])).toEqual([
        ['f.csv', 2, `nested more than ${MAX_JSON_DEPTH} levels deep: not a call-events record`],
      ]);
      expect(rows(items).map((r) => r.callId)).toEqual(['1', '3']);
    });
  }

  it('a deep first record is rejected too; the file is read from the next one', async () => {
    const deep = `{"call_id":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const { items } = await readText([deep, ok('3')].join('\n') + '\n');
    expect(rejected(items).map((r) => r.origin.line)).toEqual([1]);
    expect(rows(items).map((r) => r.callId)).toEqual(['3']);
  });
});

describe('one call-id length limit (item 6)', () => {
  it('the reader rejects a longer call id with its line; the API schema has the same limit', async () => {
    const long = 'x'.repeat(MAX_CALL_ID_LENGTH + 1);
    const fits = 'y'.repeat(MAX_CALL_ID_LENGTH);
    const text = [H, `${long},q,2024-01-01 00:00:00,5,,,`, `${fits},q,2024-01-01 00:00:00,5,,,`].join('\n');
    const { items } = await readText(text);
    expect(rejected(items).map((r) => [r.origin.line, r.reason])).toEqual([
      [2, `call_id is ${MAX_CALL_ID_LENGTH + 1} characters long, more than the ${MAX_CALL_ID_LENGTH} allowed`],
    ]);
    expect(rows(items).map((r) => r.callId)).toEqual([fits]);
    expect(callIdSchema.safeParse(fits).success).toBe(true);
    expect(callIdSchema.safeParse(long).success).toBe(false);
  });
});

describe('CRLF and LF mixed in one file (item 7)', () => {
  it('reads every record whichever line ending each has, quoted last fields too', async () => {
    const text =
      `${H}\r\n` +
      `1,q,2024-01-01 00:00:00,5,,,\r\n` +
      `2,q,2024-01-01 00:00:00,6,,,\n` +
      `3,q,2024-01-01 00:00:00,7,,,"2024-01-01 01:00:00"\r\n` +
      `4,q,2024-01-01 00:00:00,8,,a,\n` +
      `\r\n` +
      `5,c,2024-01-01 00:00:00,9,3,,"2024-01-01 01:00:00"\n`;
    const { items } = await readText(text, 'UTC');
    expect(rejected(items)).toEqual([]);
    expect(rows(items).map((r) => [r.origin.line, r.callId, r.durationSec])).toEqual([
      [2, '1', 5],
      [3, '2', 6],
      [4, '3', 7],
      [5, '4', 8],
      [7, '5', 9],
    ]);
    expect(rows(items)[2]!.updated).toBe(Date.UTC(2024, 0, 1, 1));
  });

  it('LF first and CRLF later reads the same', async () => {
    const text = `${H}\n1,q,2024-01-01 00:00:00,5,,,\r\n2,q,2024-01-01 00:00:00,6,,a,\r\n`;
    const { items } = await readText(text, 'UTC');
    expect(rejected(items)).toEqual([]);
    expect(rows(items).map((r) => r.ciq)).toEqual([null, 'a']);
  });
});

describe('numbers and times (item 8)', () => {
  it('only plain decimals are numbers', () => {
    for (const t of ['0x10', '1e3', '0b1', '0o7', 'Infinity', '1_000', '+', '.', '1.2.3', '1,2,3'])
      expect(parseDecimal(t), t).toBeNaN();
    expect([
      parseDecimal('12'),
      parseDecimal('12.5'),
      parseDecimal('12,5'),
      parseDecimal(' 7 '),
      parseDecimal('.5'),
    ]).toEqual([12, 12.5, 12.5, 7, 0.5]);
    expect(parseDecimal('')).toBeNull();
  });

  it('rejects hexadecimal, exponent and binary durations with the raw value kept', async () => {
    const text = [
      H,
      '1,q,2024-01-01 00:00:00,0x10,,,',
      '2,q,2024-01-01 00:00:00,1e3,,,',
      '3,c,2024-01-01 00:00:00,5,0b1,,',
    ].join('\n');
    const { items } = await readText(text, 'UTC');
    expect(rejected(items).map((r) => [r.origin.line, r.reason, r.raw])).toEqual([
      [2, 'unparsable duration_tot_sec "0x10"', '1,q,2024-01-01 00:00:00,0x10,,,'],
      [3, 'unparsable duration_tot_sec "1e3"', '2,q,2024-01-01 00:00:00,1e3,,,'],
      [4, 'unparsable duration_speak_sec "0b1"', '3,c,2024-01-01 00:00:00,5,0b1,,'],
    ]);
  });

  it('rejects years 0000 and 9999 (outside 1990-2099) with the raw value kept', async () => {
    const text = [
      H,
      '1,q,0000-01-01 00:00:00,5,,,',
      '2,q,9999-12-31 23:59:59,5,,,',
      '3,q,2024-01-01 00:00:00,5,,,9999-01-01 00:00:00',
      '4,q,1990-01-01 00:00:00,5,,,2099-12-31 23:59:59',
    ].join('\n');
    const { items } = await readText(text, 'UTC');
    expect(rejected(items).map((r) => [r.origin.line, r.reason, r.raw])).toEqual([
      [
        2,
        'implausible dte_start "0000-01-01 00:00:00" (outside 1990-01-01 to 2099-12-31)',
        '1,q,0000-01-01 00:00:00,5,,,',
      ],
      [
        3,
        'implausible dte_start "9999-12-31 23:59:59" (outside 1990-01-01 to 2099-12-31)',
        '2,q,9999-12-31 23:59:59,5,,,',
      ],
      [
        4,
        'implausible dte_updated "9999-01-01 00:00:00" (outside 1990-01-01 to 2099-12-31)',
        '3,q,2024-01-01 00:00:00,5,,,9999-01-01 00:00:00',
      ],
    ]);
    expect(rows(items).map((r) => r.callId)).toEqual(['4']);
  });
});

describe('other platforms: the same call-id limit', () => {
  it("a platform call whose archive id is too long becomes its records' rejections", async () => {
    const { parseItems } = await import('../../src/main/readers/platforms');
    const origin = { file: 'cdr.csv', line: 7 };
    const call = (callId: string) => ({
      derived: { call: { callId } },
      records: [{ origin, raw: { uniqueid: callId } }],
    });
    const stream = {
      calls: [call(`asterisk:${'9'.repeat(MAX_CALL_ID_LENGTH)}`), call('asterisk:1.2')],
      kept: [],
      rejected: [],
    };
    const items = [...parseItems(stream as never, 'cdr')];
    expect(items.map((i) => i.kind)).toEqual(['rejected', 'call']);
    expect(rejected(items)[0]).toMatchObject({
      origin,
      reason: `call_id is ${MAX_CALL_ID_LENGTH + 9} characters long, more than the ${MAX_CALL_ID_LENGTH} allowed`,
    });
  });
});
