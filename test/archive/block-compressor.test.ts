// Raw-value blocks compressed on another core (src/main/import/block-compressor.ts): the blocks the
// import writes are the bytes it would have compressed itself, readable before and after they are
// written, and a worker that never answers costs a wait, never a block.
import { afterEach, describe, expect, it } from 'vitest';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { join } from 'node:path';
import { BlockCompressor, STARTED_AFTER_BLOCKS, startBlockCompressor } from '../../src/main/import/block-compressor';
import { BLOCK_ROWS, BLOCKS_IN_FLIGHT, RawBlockWriter, storedValuesText } from '../../src/main/import/raw-blocks';
import { columnsText } from '../../src/main/import/block-text';
import { openArchive, type Archive } from '../../src/main/store/archive';
import { tempDir } from './fixtures';

const opened: Archive[] = [];
afterEach(() => opened.splice(0).forEach((a) => a.close()));

const PARAMS = { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_LGWIN]: 16 };

/** Row values like an export's: dates, queues and agents that repeat, ids that count up. */
const rowText = (id: number): string =>
  ['2026-11-0' + (1 + (id % 7)), `7310000${id}`, `queue ${id % 5}`, id % 3 ? `agent ${id % 11}` : '', 'm'].join(
    '\u001f',
  );

/** Writes rows 1..n through a writer, in or out of this thread; every block's (id, data, format). */
function writeBlocks(otherCore: boolean, n: number) {
  const a = openArchive(join(tempDir(), 'a.db'), { create: true });
  opened.push(a);
  const writer = new RawBlockWriter(a.db, otherCore);
  a.db.exec('BEGIN');
  for (let id = 1; id <= n; id++) writer.add(id, rowText(id));
  // Rows whose block is not written yet are read from the writer.
  expect(storedValuesText(a.db, n, '')).toBe(rowText(n));
  writer.flush();
  writer.close();
  a.db.exec('COMMIT');
  for (const id of [1, BLOCK_ROWS, n]) expect(storedValuesText(a.db, id, '')).toBe(rowText(id));
  return a.db.prepare('SELECT id, data, format FROM raw_blocks ORDER BY id').raw().all();
}

describe('raw blocks compressed on another core', () => {
  it('writes the same blocks as compressing them in the import thread, every row readable', () => {
    // More blocks than the worker takes at once: part of them are compressed in this thread.
    const n = (STARTED_AFTER_BLOCKS + BLOCKS_IN_FLIGHT + 40) * BLOCK_ROWS + 7;
    const here = writeBlocks(false, n);
    expect(here.length).toBe(Math.floor(n / BLOCK_ROWS) + 1);
    expect(writeBlocks(true, n)).toEqual(here);
  });

  it("a worker's answer is brotli's bytes of the block's column text, built there by the same code", () => {
    const c = new BlockCompressor(PARAMS);
    // Empty slots, empty values, non-ASCII and a record stored as JSON: the text the worker builds is
    // the one this thread builds (whose layout lean-tables.test.ts pins byte for byte).
    const slots: (string | null)[] = Array.from({ length: BLOCK_ROWS }, (_, i) => (i % 9 === 4 ? null : rowText(i)));
    slots[1] = 'æøå € 😀\u001f\u001f';
    slots[2] = '["a\\u001fb","c"]';
    const got: [number, Buffer | null][] = [];
    c.send(3, slots);
    c.takeAll((seq, data) => got.push([seq, data]));
    c.close();
    expect(got).toEqual([[3, brotliCompressSync(Buffer.from(columnsText(slots), 'utf8'), { params: PARAMS })]]);
  });

  it('a worker that cannot be started is none, not an error: the blocks are then compressed here', () => {
    // Its data cannot be sent to a new thread (a function is not cloneable): new Worker throws at once, as
    // it would where worker threads are not to be had. (No vi.mock: this folder shares one module graph.)
    const notCloneable = { [zlibConstants.BROTLI_PARAM_QUALITY]: (() => 5) as unknown as number };
    expect(startBlockCompressor(notCloneable)).toBeNull();
  });

  it('a worker that never answers: its blocks come back to be compressed here, and it gets no more', () => {
    const c = new BlockCompressor(PARAMS, { source: '/* answers nothing */', waitLimitMs: 0 });
    c.send(0, ['a']);
    c.send(1, ['b']);
    const got: [number, Buffer | null][] = [];
    c.takeAll((seq, data) => got.push([seq, data]));
    c.close();
    expect(got).toEqual([
      [0, null],
      [1, null],
    ]);
    expect([c.usable, c.inFlight]).toEqual([false, 0]);
  });
});
