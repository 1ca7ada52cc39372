// What the reader rejects (with file, line and reason), keeps, and refuses outright.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openExport, readExportItems, ReaderError } from '../../src/main/readers/index';
import { readText, rejected, rows, writeTemp } from './helpers';

const H = 'call_id,event_type,dte_start,duration_tot_sec,duration_speak_sec,ciq,dte_updated';

describe('rejected and kept records', () => {
  it('a record joined from two lines by a bare CR line break says so', async () => {
    const text = `${H}\n1,q,2024-01-01 00:00:00,5,,,\r2,q,2024-01-01 00:00:00,5,,,\n3,q,2024-01-01 00:00:00,5,,,\n`;
    const { items } = await readText(text, 'UTC');
    expect(rejected(items).map((r) => r.reason)).toEqual([
      'record has 13 fields, the header has 7 (a line break that is a bare CR joined two lines?)',
    ]);
    expect(rows(items).map((r) => r.callId)).toEqual(['3']);
  });

  it('rejects each bad record with its line and a reason, and reads the good ones around it', async () => {
    const text = [
      H,
      ',q,2024-01-01 00:00:00,5,,,', // 2 missing call_id
      '1,,2024-01-01 00:00:00,5,,,', // 3 missing event_type
      '1,q,01/01/2024 00:00,5,,,', // 4 unparsable date
      '1,q,2024-01-01 00:00:00,-3,,,', // 5 negative duration
      '1,q,2024-01-01 00:00:00,abc,,,', // 6 unparsable duration
      '1,q,2024-01-01 00:00:00,900000,,,', // 7 absurd duration
      '1,c,2024-01-01 00:00:00,5,-1,,', // 8 negative speak
      '1,c,2024-01-01 00:00:00,5,1,x,', // 9 unknown ciq
      '1,q,2024-01-01 00:00:00,,,,', // 10 missing duration (not an initiation)
      '1,q,2024-01-01 00:00:00,5,,,not a date', // 11 bad dte_updated
      '1,q,2024-01-01 00:00:00,5', // 12 too few fields
      '1,q,2024-01-01 00:00:00,5,,,,surplus', // 13 too many fields
      '1,i,2024-01-01 00:00:00,,,,', // 14 ok: an initiation without duration is 0 s
      '1,X,2024-01-01 00:00:00,5,,,', // 15 unknown event type: kept
      '1,Q,2024-01-01 00:00:01,5,,A,', // 16 ok (upper case)
    ].join('\n');
    const { items } = await readText(text, 'UTC');
    expect(rejected(items).map((r) => [r.origin.line, r.reason])).toEqual([
      [2, 'missing call_id'],
      [3, 'missing event_type'],
      [4, 'unparsable dte_start "01/01/2024 00:00" (expected YYYY-MM-DD hh:mm:ss[.nnn])'],
      [5, 'negative duration_tot_sec -3'],
      [6, 'unparsable duration_tot_sec "abc"'],
      [7, 'absurd duration_tot_sec 900000 (over 7 days)'],
      [8, 'negative duration_speak_sec -1'],
      [9, 'unknown ciq "x" (not a or c)'],
      [10, 'missing duration_tot_sec'],
      [11, 'unparsable dte_updated "not a date" (expected YYYY-MM-DD hh:mm:ss[.nnn])'],
      [12, "record has 4 of the header's 7 fields (truncated or cut record)"],
      [13, 'record has 8 fields, the header has 7'],
    ]);
    expect(rejected(items)[0]).toMatchObject({ origin: { file: 'f.csv' }, raw: ',q,2024-01-01 00:00:00,5,,,' });
    expect(rows(items).map((r) => [r.origin.line, r.eventType, r.durationSec, r.ciq])).toEqual([
      [14, 'i', 0, null],
      [16, 'q', 5, 'a'],
    ]);
    expect(items.filter((i) => i.kind === 'kept')).toMatchObject([
      {
        origin: { line: 15 },
        table: 'call_events',
        reason: 'unknown event_type "X" (not i, m, q or c)',
        raw: { event_type: 'X' },
      },
    ]);
    expect(items).toHaveLength(15); // every record accounted for
  });

  it('accepts records without the trailing separator that the header line has', async () => {
    const { items } = await readText(
      'call_id,event_type,dte_start,duration_tot_sec,\n1,i,2024-01-01 00:00:00,0\n2,i,2024-01-01 00:00:00,0,\n',
      'UTC',
    );
    expect(rows(items).map((r) => r.callId)).toEqual(['1', '2']);
  });

  it('reports a file cut inside a quoted field as a rejected last record, not a crash', async () => {
    const { items } = await readText(
      `${H},note\n1,i,2024-01-01 00:00:00,0,,,,ok\n2,i,2024-01-01 00:00:00,0,,,,"cut in the mid`,
      'UTC',
    );
    expect(rows(items).map((r) => r.callId)).toEqual(['1']);
    expect(rejected(items)).toMatchObject([
      { origin: { line: 3 }, reason: expect.stringMatching(/cut inside a quoted field/) },
    ]);
  });

  it('rejects a record with a stray quote, naming the lines it swallowed', async () => {
    const text = `${H},note\n1,i,2024-01-01 00:00:00,0,,,,"bad"x\n2,i,2024-01-01 00:00:00,0,,,,ok\n3,i,2024-01-01 00:00:00,0,,,,"fine"\n`;
    const { items } = await readText(text, 'UTC');
    expect(rejected(items)).toMatchObject([
      { origin: { line: 2 }, reason: expect.stringMatching(/^malformed quotes .*\(spans lines 2–4\)$/) },
    ]);
    expect(items).toHaveLength(1);
  });

  it("keeps a rejected record's raw text whole: the rows a stray quote swallowed, a long record", async () => {
    // The raw text was cut at 300 characters: the rows swallowed by one stray quote (an import that
    // exits 0) were in the archive only as their count, their values lost to an auditor.
    const swallowed = Array.from({ length: 20 }, (_, i) => `${i + 10},i,2024-01-01 00:00:00,0,,,,row ${i + 10}`);
    const long = `2,q,2024-01-01 00:00:00,5,,,,${'n'.repeat(400)},surplus`;
    const text = `${H},note\n${long}\n1,i,2024-01-01 00:00:00,0,,,,"bad"x\n${swallowed.join('\n')}\n`;
    const { items } = await readText(text, 'UTC');
    const [tooMany, stray] = rejected(items);
    expect(tooMany).toMatchObject({ origin: { line: 2 }, raw: long });
    expect(stray?.reason).toMatch(/\(spans lines 3–\d+\)$/);
    for (const row of swallowed) expect(stray?.raw).toContain(row);
  });

  it('a stray quote running to the end of the file spans to its last line, not the empty one after it', async () => {
    const text = `${H},note\n1,i,2024-01-01 00:00:00,0,,,,"bad"x\n2,i,2024-01-01 00:00:00,0,,,,ok\n3,i,2024-01-01 00:00:00,0,,,,ok\n`;
    const { items } = await readText(text, 'UTC');
    expect(rejected(items).map((r) => r.reason)).toEqual([
      'record cut inside a quoted field (unterminated quote: truncated file?) (spans lines 2–4)',
    ]);
  });

  it('reports a file cut in the middle of a record as a rejected last record', async () => {
    const { items } = await readText(`${H}\n1,i,2024-01-01 00:00:00,0,,,\n2,i,2024-01-01 0`, 'UTC');
    expect(rejected(items)).toMatchObject([
      { origin: { line: 3 }, reason: expect.stringMatching(/fields \(truncated/) },
    ]);
  });

  it('JSON Lines: same columns as keys; a broken line is rejected with its line', async () => {
    const text =
      '{"call_id":"5","event_type":"q","dte_start":"2024-01-01 00:00:00","duration_tot_sec":12.5,"queue_key":"support","custom":"x"}\n' +
      '\n' +
      '{"call_id":"5","event_type":"c","dte_start":"2024-01-01 00:00:13",\n' +
      '{"duration_tot_sec":3,"dte_start":"2024-01-01 00:00:20","event_type":"c","call_id":6,"queue_key":null}\n' +
      '{"call_id":"7","event_type":"c","dte_start":"2024-01-01 00:00:20","duration_tot_sec":1,"surprise":1}\n' +
      '{"agent_id":"a1","name":"Ann"}\n';
    const { description, items } = await readText(text, 'UTC');
    expect(description).toMatchObject({ format: 'call-events-jsonl', table: 'call_events', delimiter: null });
    expect(rows(items).map((r) => [r.callId, r.eventType, r.durationSec, r.queueKey, r.origin.line])).toEqual([
      ['5', 'q', 12.5, 'support', 1],
      ['6', 'c', 3, null, 4],
      ['7', 'c', 1, null, 5],
    ]);
    expect(rows(items)[0]?.extras).toEqual({ custom: 'x' });
    expect(rows(items)[2]?.extras).toEqual({ surprise: '1' });
    expect(rejected(items).map((r) => [r.origin.line, r.reason])).toEqual([
      [3, 'not valid JSON (truncated line?)'],
      [6, 'its keys are not those of the call_events table (agents)'],
    ]);
  });
});

describe('files the reader refuses (one-line ReaderError)', () => {
  const refuse = async (content: string | Buffer, pattern: RegExp) => {
    const p = writeTemp(content);
    const err = await readExportItems(p, { timeZone: 'UTC' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ReaderError);
    expect((err as Error).message).toMatch(pattern);
    expect((err as Error).message).not.toContain('\n');
  };

  it('an empty file', () => refuse('', /empty file/));
  it('a file of blanks', () => refuse('\n\n  \n', /empty file/));
  it('binary garbage', () => refuse(randomBytes(4096), /binary file/));
  it('binary without NUL bytes', () =>
    refuse(Buffer.from(Array.from({ length: 2000 }, (_, i) => 1 + (i % 8))), /binary file/));
  it('a gzip file', () => refuse(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]), /gzip/));
  it('a header that is no known table, naming the expected tables', () =>
    refuse(
      'name,street,city\nA,B,C\n',
      /not a known export table \(name, street, city\); expected a call_events header \(call_id, event_type, dte_start, duration_tot_sec/,
    ));
  it('a JSON array instead of JSON Lines', () => refuse('[{"call_id":1}]', /JSON Lines/));
  it('a missing file', async () => {
    await expect(openExport('/nonexistent/x.csv', { timeZone: 'UTC' })).rejects.toThrow(
      'cannot read /nonexistent/x.csv: no such file',
    );
  });
  it('a directory', async () => {
    await expect(openExport(mkdtempSync(`${tmpdir()}/d-`), { timeZone: 'UTC' })).rejects.toThrow(/it is a directory/);
  });
});
