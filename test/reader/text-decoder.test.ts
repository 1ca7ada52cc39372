// A file read as UTF-8 (its first 64 KB were) whose later bytes are not: the rest is read as
// Windows-1252, every byte kept as a character, and the switch is said; a plain UTF-8 decoder
// turned each such byte into U+FFFD and the archive lost the original without a word.
import { describe, expect, it } from 'vitest';
import { ExportTextDecoder, unfinishedUtf8Tail } from '../../src/main/readers/text-decoder';
import { HEAD_BYTES } from '../../src/main/readers/index';
import { readText, rows } from './helpers';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('unfinishedUtf8Tail', () => {
  it('is the start of a character the chunk does not finish, else empty', () => {
    expect([...unfinishedUtf8Tail(bytes('ab'))]).toEqual([]);
    expect([...unfinishedUtf8Tail(bytes('a', [0xc3]))]).toEqual([0xc3]);
    expect([...unfinishedUtf8Tail(bytes('a', [0xc3, 0xb8]))]).toEqual([]); // ø, whole
    expect([...unfinishedUtf8Tail(bytes('a', [0xe2, 0x82]))]).toEqual([0xe2, 0x82]); // € cut after two bytes
    expect([...unfinishedUtf8Tail(bytes([0xf0, 0x9f, 0x98]))]).toEqual([0xf0, 0x9f, 0x98]);
    expect([...unfinishedUtf8Tail(bytes([0xf0, 0x9f, 0x98, 0x80]))]).toEqual([]);
  });
});

describe('ExportTextDecoder', () => {
  it('reads UTF-8 as UTF-8 and says nothing', () => {
    const d = new ExportTextDecoder('utf-8');
    const text = d.decode(bytes('K', [0xc3]), { stream: true }) + d.decode(bytes([0xb8], 'r')) + d.decode();
    expect(text).toBe('Kør');
    expect(d.note()).toBeNull();
  });

  it('switches to Windows-1252 at the first byte that is not UTF-8, and says from where', () => {
    const d = new ExportTextDecoder('utf-8');
    const text =
      d.decode(bytes('Agent A\n'), { stream: true }) + d.decode(bytes('S', [0xf8], 'ren\n'), { stream: true });
    expect(text).toBe('Agent A\nSøren\n');
    expect(d.switchedAt).toBe(8);
    expect(d.note()).toMatch(/^not valid UTF-8 from about byte 8 on: read as Windows-1252/);
    expect(d.decode(bytes('Kl', [0xe6], 'r'))).toBe('Klær'); // and stays there
  });

  it('keeps the bytes of a character cut between chunks when the next chunk switches', () => {
    const d = new ExportTextDecoder('utf-8');
    const first = d.decode(bytes('a', [0xc3]), { stream: true }); // ø's first byte, held back
    const second = d.decode(bytes([0xb8], 'x', [0xf8]), { stream: true });
    expect(first + second).toBe('aÃ¸xø'); // four bytes, four characters: none lost
  });

  it('keeps the bytes of a character the content ends inside', () => {
    const d = new ExportTextDecoder('utf-8');
    const text = d.decode(bytes('a', [0xe2, 0x82]), { stream: true }) + d.decode();
    // As this runtime's windows-1252 decoder reads them (Node 20's is ISO-8859-1 for 0x80–0x9F).
    expect(text).toBe(`a${new TextDecoder('windows-1252').decode(Uint8Array.of(0xe2, 0x82))}`);
    expect(text).not.toContain('\ufffd');
  });

  it('maps every byte to one character once switched (nothing becomes U+FFFD)', () => {
    const d = new ExportTextDecoder('utf-8');
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = d.decode(bytes([0xff]), { stream: true }) + d.decode(all);
    expect(text).toHaveLength(257);
    expect(text).not.toContain('\ufffd');
  });
});

describe('reader: a Windows-1252 name after a UTF-8 (ASCII) start', () => {
  it('reads the name as written and records the switch in the file description', async () => {
    const header = 'call_id,event_type,dte_start,duration_tot_sec,menu_name\n';
    const filler = '1,m,2024-01-01 00:00:00,4,Menu\n'.repeat(Math.ceil(HEAD_BYTES / 30) + 10);
    const { description, items } = await readText(
      bytes(header, filler, '2,m,2024-01-01 00:00:00,4,K', [0xf8], '\n'),
      'UTC',
    );
    expect(rows(items).at(-1)?.menuName).toBe('Kø');
    expect(description.encoding).toBe('utf-8');
    expect(description.encodingNote).toMatch(/read as Windows-1252 from there/);
    expect(description.why).toContain(description.encodingNote);
  });
});
