// Where no worker thread can be started (a sandbox, a runtime without eval workers), the import
// compresses its raw-value blocks itself: the same blocks, no failed import. Its own file, because
// node:worker_threads is replaced here by one whose Worker cannot be constructed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';

vi.mock('node:worker_threads', async (original) => ({
  ...(await original<typeof WorkerThreads>()),
  Worker: class {
    constructor() {
      throw new Error('worker threads are not available here');
    }
  },
}));

const { startBlockCompressor, STARTED_AFTER_BLOCKS } = await import('../../src/main/import/block-compressor');
const { BLOCK_ROWS, RawBlockWriter, storedValuesText } = await import('../../src/main/import/raw-blocks');
const { openArchive } = await import('../../src/main/store/archive');
const { tempDir } = await import('./fixtures');

const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((a) => a.close()));

describe('no worker thread to be had', () => {
  it('startBlockCompressor gives none instead of throwing', () => {
    expect(startBlockCompressor({})).toBeNull();
  });

  it('a writer asked to compress on another core writes every block itself', () => {
    const a = openArchive(join(tempDir(), 'a.db'), { create: true });
    opened.push(a);
    const writer = new RawBlockWriter(a.db, true);
    const n = (STARTED_AFTER_BLOCKS + 3) * BLOCK_ROWS;
    a.db.exec('BEGIN');
    for (let id = 1; id <= n; id++) writer.add(id, `value ${id}\u001fqueue ${id % 4}`);
    writer.flush();
    writer.close();
    a.db.exec('COMMIT');
    expect(a.db.prepare('SELECT count(*) FROM raw_blocks').pluck().get()).toBe(Math.floor(n / BLOCK_ROWS) + 1);
    for (const id of [1, n - 1, n]) expect(storedValuesText(a.db, id, '')).toBe(`value ${id}\u001fqueue ${id % 4}`);
  });
});
