// CSV dialects: separators, quoting, line endings, encodings, headers.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readExportItems } from '../../src/main/readers/index';
import { HEADER, readText, rejected, rows } from './helpers';

const fixtures = join(__dirname, '..', 'fixtures', 'reader');
const MIN = 'call_id,event_type,dte_start,duration_tot_sec';

describe('CSV call-events reader', () => {
  it('reads a comma-separated UTF-8 export into normalised rows with UTC times and source lines', async () => {
    const { description, items } = await readExportItems(join(fixtures, 'basic.csv'), {
      timeZone: 'Europe/Copenhagen',
    });
    expect(description).toMatchObject({
      format: 'call-events-csv',
      table: 'call_events',
      encoding: 'utf-8',
      delimiter: ',',
    });
    const r = rows(items);
    expect(r).toHaveLength(4);
    expect(r.map((x) => x.origin)).toEqual([2, 3, 4, 5].map((line) => ({ file: 'basic.csv', line })));
    expect(r[0]).toMatchObject({
      callId: '1001',
      sessionId: 's1',
      callSequence: 1,
      eventType: 'i',
      start: Date.UTC(2024, 2, 5, 9, 0, 0),
    });
    expect(r[0]).toMatchObject({
      source: '4712345678',
      destination: '4722000000',
      recId: 'r1',
      updated: Date.UTC(2024, 2, 5, 9, 5),
    });
    expect(r[1]).toMatchObject({
      eventType: 'm',
      resultCode: 'k',
      menuName: 'Welcome',
      durationSec: 12,
      speakStart: null,
    });
    expect(r[2]).toMatchObject({ eventType: 'q', queueKey: 'support', durationSec: 30.5 });
    expect(r[3]).toMatchObject({
      eventType: 'c',
      agentId: 'a17',
      speakStart: Date.UTC(2024, 2, 5, 9, 0, 50),
      speakSec: 110,
      start: Date.UTC(2024, 2, 5, 9, 0, 42, 500),
    });
    const first = items[0];
    expect(first?.kind === 'row' && first.raw['dte_start']).toBe('2024-03-05 10:00:00.000');
  });

  it.each([
    ['semicolon', ';'],
    ['tab', '\t'],
    ['comma', ','],
  ])('sniffs the %s separator from the header line', async (_name, sep) => {
    const dec = sep === ',' ? '.' : ','; // a decimal comma only where it is not the separator
    const text = [
      MIN.replaceAll(',', sep),
      ['7', 'q', '2024-01-02 03:04:05', `12${dec}5`].join(sep),
      ['8', 'q', '2024-01-02 03:04:06', `1${dec}5`].join(sep),
    ].join('\n');
    const { description, items } = await readText(text, 'UTC');
    expect(description.delimiter).toBe(sep);
    expect(rows(items).map((r) => [r.callId, r.durationSec, r.origin.line])).toEqual([
      ['7', 12.5, 2],
      ['8', 1.5, 3],
    ]);
  });

  it("honours Excel's sep= first line and leading blank lines", async () => {
    const a = await readText(`sep=;\r\n${MIN.replaceAll(',', ';')}\r\n1;i;2024-01-01 00:00:00;0\r\n`, 'UTC');
    expect(a.description.delimiter).toBe(';');
    expect(rows(a.items).map((r) => r.origin.line)).toEqual([3]);
    const b = await readText(`\n\n${MIN.replaceAll(',', '\t')}\n1\ti\t2024-01-01 00:00:00\t0\n`, 'UTC');
    expect(b.description.delimiter).toBe('\t');
    expect(rows(b.items).map((r) => r.origin.line)).toEqual([4]);
  });

  it('accepts a decimal comma inside a quoted field of a comma-separated file', async () => {
    const { items } = await readText(`${MIN}\n1,q,2024-01-01 00:00:00,"3,25"\n`, 'UTC');
    expect(rows(items)[0]?.durationSec).toBe(3.25);
  });

  it('keeps separators, quotes and newlines inside quoted fields, and reports the line each record starts on', async () => {
    const text =
      `${MIN},note\n` +
      `1,i,2024-01-01 00:00:00,0,"a, b; c"\n` +
      `2,i,2024-01-01 00:00:00,0,"first line\nsecond line\nthird ""quoted"" line"\n` +
      `\n` +
      `3,i,2024-01-01 00:00:00,0,"x\r\ny"\n` +
      `4,i,2024-01-01 00:00:00,0,plain\n`;
    const r = rows((await readText(text, 'UTC')).items);
    expect(r.map((x) => [x.callId, x.origin.line])).toEqual([
      ['1', 2],
      ['2', 3],
      ['3', 7],
      ['4', 9],
    ]);
    expect(r[0]?.extras['note']).toBe('a, b; c');
    expect(r[1]?.extras['note']).toBe('first line\nsecond line\nthird "quoted" line');
    expect(r[2]?.extras['note']).toBe('x\r\ny');
  });

  it('reads CRLF files and old-Mac CR files with the right line numbers', async () => {
    const crlf = `${MIN}\r\n1,i,2024-01-01 00:00:00,0\r\n"2",i,2024-01-01 00:00:00,0\r\n`;
    expect(rows((await readText(crlf, 'UTC')).items).map((r) => [r.callId, r.origin.line])).toEqual([
      ['1', 2],
      ['2', 3],
    ]);
    const cr = `${MIN}\r1,i,2024-01-01 00:00:00,0\r2,i,2024-01-01 00:00:00,0`;
    expect(rows((await readText(cr, 'UTC')).items).map((r) => [r.callId, r.origin.line])).toEqual([
      ['1', 2],
      ['2', 3],
    ]);
  });

  it('strips a UTF-8 byte-order mark', async () => {
    const { description, items } = await readText(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${MIN}\n1,i,2024-01-01 00:00:00,0\n`)]),
    );
    expect(description.encoding).toBe('utf-8');
    expect(description.columns?.[0]).toBe('call_id');
    expect(rows(items)).toHaveLength(1);
  });

  it('reads UTF-16 LE with BOM as SQL Server tools write it (CRLF, tabs, non-ASCII names)', async () => {
    const text = `${MIN}\tmenu_name\r\n1\tm\t2024-01-01 00:00:00\t4\tVelkommen til Kø Ærø\r\n`.replaceAll(',', '\t');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const { description, items } = await readText(bytes, 'UTC');
    expect(description).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(rows(items)[0]).toMatchObject({ callId: '1', menuName: 'Velkommen til Kø Ærø', origin: { line: 2 } });
  });

  it('reads Windows-1252 (ANSI) text when the bytes are not valid UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${MIN},menu_name\n1,m,2024-01-01 00:00:00,4,K`),
      Buffer.from([0xf8]),
      Buffer.from('\n'),
    ]);
    const { description, items } = await readText(bytes, 'UTC');
    expect(description.encoding).toBe('windows-1252');
    expect(rows(items)[0]?.menuName).toBe('Kø');
  });

  it('matches column names case-insensitively, trimmed, bracketed or table-prefixed, in any order, and keeps extra columns', async () => {
    const text =
      ` DTE_START ,[Call_ID],Event_Type,call_events.Duration_Tot_Sec,Module_Name,Customer_Key,Leg_Type,empty_col\n` +
      `2024-01-01 00:00:00,42,M,7,Main menu,C-9,1,\n`;
    const { items } = await readText(text, 'UTC');
    const r = rows(items)[0];
    expect(r).toMatchObject({ callId: '42', eventType: 'm', durationSec: 7, menuName: 'Main menu' });
    expect(r?.extras).toEqual({ Customer_Key: 'C-9', Leg_Type: '1' });
  });

  it('accepts the menu_name aliases menu and module_name, and a menu key column', async () => {
    for (const [col, field] of [
      ['menu', 'menuName'],
      ['module_name', 'menuName'],
      ['module_id', 'menuKey'],
    ] as const) {
      const r = rows((await readText(`${MIN},${col}\n1,m,2024-01-01 00:00:00,1,X1\n`, 'UTC')).items)[0];
      expect(r?.[field]).toBe('X1');
    }
  });

  it('skips blank lines without shifting line numbers, and reads NULL as empty', async () => {
    const text = `${HEADER}\n\n1,NULL,NULL,i,2024-01-01 00:00:00,0,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL\n   \n`;
    const { items } = await readText(text, 'UTC');
    expect(items).toHaveLength(1);
    expect(rows(items)[0]).toMatchObject({
      origin: { line: 3 },
      sessionId: null,
      callSequence: null,
      ciq: null,
      updated: null,
    });
    expect(rejected(items)).toEqual([]);
  });
});
