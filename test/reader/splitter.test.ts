// The incremental CSV splitter gives the same records and start lines however
// the text is cut into chunks (cuts inside quoted fields, inside CRLF, …), and the
// file reader gets them right across its read-chunk boundary.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvSplitter, MAX_RECORD_CHARS, type Newline, type SplitRecord } from '../../src/shared/reader/splitters';
import { HEAD_BYTES, READ_CHUNK, readExportItems } from '../../src/main/readers/index';
import { writeTemp } from './helpers';

const field = fc.oneof(fc.stringMatching(/^[a-z0-9 ]{0,6}$/), fc.constantFrom('a,b', 'x\ny', 'q"uote', 'p\r\nq', ''));

function encode(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function splitAll(text: string, newline: Newline, cuts: number[]): SplitRecord[] {
  const s = new CsvSplitter(',', newline);
  const out: SplitRecord[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    s.push(text.slice(from, cut), out);
    from = Math.max(from, cut);
  }
  s.push(text.slice(from), out);
  s.finish(out);
  return out;
}

describe('CsvSplitter', () => {
  it('gives the same records and start lines for any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom<Newline>('\n', '\r\n'),
        fc.array(fc.nat(), { maxLength: 8 }),
        (records, newline, rawCuts) => {
          // A record of three empty fields is a line ",,": never blank, so every record comes back.
          const text = records.map((r) => r.map(encode).join(',')).join(newline) + newline;
          const expectedLines: number[] = [];
          let line = 1;
          for (const r of records) {
            expectedLines.push(line);
            line += 1 + r.join('').split('\n').length - 1;
          }
          const whole = splitAll(text, newline, []);
          expect(whole.map((r) => r.fields)).toEqual(records);
          expect(whole.map((r) => r.line)).toEqual(expectedLines);
          const cuts = rawCuts.map((c) => c % (text.length + 1));
          expect(splitAll(text, newline, cuts)).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('parses a long line once, not again with every piece of it (a 10 MB field took 70 s)', () => {
    const s = new CsvSplitter(',', '\n');
    // The splitter's papaparse Parser, watched: how many characters it is given in all.
    const parser = (s as unknown as { parser: { parse: (input: string, ...rest: unknown[]) => unknown } }).parser;
    const parse = parser.parse.bind(parser);
    let parsed = 0;
    parser.parse = (input, ...rest) => {
      parsed += input.length;
      return parse(input, ...rest);
    };
    const out: SplitRecord[] = [];
    s.push('a,b\n1,', out);
    const piece = 'x'.repeat(16 * 1024);
    for (let i = 0; i < 64; i++) s.push(piece, out); // one 1 MB field, read piece by piece
    s.push('\n2,y\n', out);
    s.finish(out);
    expect(out.map((r) => [r.line, r.fields[0], r.fields[1]?.length])).toEqual([
      [1, 'a', 1],
      [2, '1', 64 * piece.length],
      [3, '2', 1],
    ]);
    expect(parsed).toBeLessThan(3 * 64 * piece.length);
  });

  it('a record over the limit is refused; the message blames a quote only when there is one', () => {
    const overLimit = (start: string) => () => {
      const s = new CsvSplitter(',', '\n');
      s.push(`a,b\n${start}`, []);
      const piece = 'x'.repeat(1024 * 1024);
      for (let i = 0; i <= MAX_RECORD_CHARS / piece.length; i++) s.push(piece, []);
    };
    expect(overLimit('1,')).toThrow(/starting on line 2 runs over 32 MB: a single line that long \(no line break\)$/);
    expect(overLimit('1,"')).toThrow(/starting on line 2 runs over 32 MB: an unbalanced quote/);
  });
});

describe('file reader across read chunks', () => {
  it('keeps line numbers right when multi-line quoted fields straddle the read-chunk boundaries', async () => {
    const header = 'call_id,event_type,dte_start,duration_tot_sec,note\n';
    const line = (id: number, note = 'n') => `${id},i,2024-01-01 00:00:00,0,${note}\n`;
    const note = `"${'x'.repeat(30)}\n${'y'.repeat(30)}\n${'z'.repeat(30)}"`;
    let text = header;
    let id = 0;
    const multis: number[] = [];
    for (const boundary of [HEAD_BYTES, HEAD_BYTES + READ_CHUNK]) {
      while (text.length < boundary - 50) text += line(++id);
      multis.push(++id);
      text += line(id, note); // starts before the boundary, ends after it
    }
    while (text.length < HEAD_BYTES + READ_CHUNK * 2) text += line(++id);
    const { items } = await readExportItems(writeTemp(text), { timeZone: 'UTC' });
    const byId = new Map(items.map((i) => (i.kind === 'row' ? [i.row.callId, i.row] : ['', null])));
    expect(items).toHaveLength(id);
    // Line of record n: n + 1 (header) + 2 extra lines per multi-line record before it.
    const expectedLine = (n: number) => n + 1 + 2 * multis.filter((m) => m < n).length;
    for (const m of multis) {
      expect(byId.get(String(m))?.origin.line).toBe(expectedLine(m));
      expect(byId.get(String(m))?.extras['note']).toBe(note.slice(1, -1));
      expect(byId.get(String(m + 1))?.origin.line).toBe(expectedLine(m + 1));
    }
    expect(byId.get(String(id))?.origin.line).toBe(expectedLine(id));
  });
});
