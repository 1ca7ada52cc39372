// Messages held back while `convert` tries the conversion without the staging file
// (src/main/cli/held-text.ts): released whole and in order, through a file past the memory limit
// (a character cut by a read is put back together), or dropped.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HeldText } from '../../src/main/cli/held-text';

const sink = () => {
  const pieces: string[] = [];
  return { pieces, write: async (t: string) => void pieces.push(t) };
};

describe('HeldText', () => {
  it('releases what it holds in order, through its file past the limit, multi-byte characters whole', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'held-')), 'held.txt');
    const held = new HeldText(path, 7);
    const lines = ['æøå: første\n', 'b\n', '€ ✓ 𝄞\n', 'last'];
    for (const l of lines) await held.write(l);
    expect(existsSync(path)).toBe(true); // past 7 characters: written to the file
    const out = sink();
    await held.release(out);
    expect(out.pieces.join('')).toBe(lines.join(''));
    expect(out.pieces.length).toBeGreaterThan(2); // read back in pieces of 7 bytes
    const again = sink();
    await held.release(again);
    expect(again.pieces.join('')).toBe(''); // released once
  });

  it('drops what it holds when discarded', async () => {
    const held = new HeldText(join(mkdtempSync(join(tmpdir(), 'held-')), 'held.txt'), 4);
    await held.write('one\ntwo\n');
    await held.write('x');
    held.discard();
    const out = sink();
    await held.release(out);
    expect(out.pieces.join('')).toBe('');
  });
});
