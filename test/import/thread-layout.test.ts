import { describe, expect, it } from 'vitest';
import { describeLayout, threadLayout } from '../../src/main/import/thread-layout';

describe('threadLayout', () => {
  it('one core: everything in the import thread, whatever pool size is asked for', () => {
    expect(threadLayout(1)).toEqual({ compressor: false, parseWorker: false, deriveWorkers: 0 });
    expect(threadLayout(1, 3)).toEqual({ compressor: false, parseWorker: false, deriveWorkers: 0 });
  });

  it('two cores: the block compressor only (rows handed across cost more than they save)', () => {
    expect(threadLayout(2)).toEqual({ compressor: true, parseWorker: false, deriveWorkers: 0 });
  });

  it('a pool size asked for is honoured from two cores on (tests of the derive workers)', () => {
    expect(threadLayout(2, 2)).toEqual({ compressor: true, parseWorker: false, deriveWorkers: 2 });
  });

  it('three or more cores: a parse worker and one derive worker, however many cores (the writer bounds)', () => {
    for (const cores of [3, 4, 8, 16])
      expect(threadLayout(cores)).toEqual({ compressor: true, parseWorker: true, deriveWorkers: 1 });
  });

  it('describes a layout for the bench', () => {
    expect(describeLayout(threadLayout(1))).toBe('the import thread alone');
    expect(describeLayout(threadLayout(4))).toBe('import thread + parse worker + 1 derive + block compressor');
  });
});
