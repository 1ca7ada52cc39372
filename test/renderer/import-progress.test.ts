// #14 items 14, 15: what the import dialog says, as pure functions of the job's progress.
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../src/shared/api/archive-api';
import { fileNumber, headline, isFinishing, phaseKey, tallyResults } from '../../src/renderer/src/import-progress';

const base: ImportProgress = {
  jobId: 'j',
  state: 'running',
  fileIndex: 0,
  fileCount: 6,
  bytesRead: 0,
  bytesTotal: 10,
  rows: 0,
  calls: 0,
  etaSec: null,
  results: [],
  error: null,
};
const rec = (status: 'done' | 'failed' | 'duplicate' | 'cancelled') =>
  ({ status }) as unknown as ImportProgress['results'][number];

describe('fileNumber', () => {
  it('advances with the files done, whatever the request index of the file running', () => {
    expect(fileNumber({ ...base, fileIndex: 5, filesDone: 0 })).toBe(1);
    expect(fileNumber({ ...base, fileIndex: 0, filesDone: 3 })).toBe(4);
    expect(fileNumber({ ...base, filesDone: 6 })).toBe(6);
  });
  it('falls back to the file index from an older server', () => {
    expect(fileNumber({ ...base, fileIndex: 2 })).toBe(3);
  });
});

describe('phaseKey', () => {
  it('names the finishing phases while running', () => {
    expect(phaseKey({ state: 'running', phase: 'indexing' })).toBe('chartImport.phase.indexing');
    expect(phaseKey({ state: 'running', phase: 'deriving' })).toBe('chartImport.phase.deriving');
    expect(phaseKey({ state: 'running', phase: 'checking' })).toBe('chartImport.phase.checking');
  });
  it('says nothing while reading (the bar and time left do) or when finished', () => {
    expect(phaseKey({ state: 'running', phase: 'reading' })).toBeNull();
    expect(phaseKey({ state: 'done', phase: 'indexing' })).toBeNull();
    expect(phaseKey({ state: 'running' })).toBeNull();
  });
  it('isFinishing: no time left is shown while deriving or indexing', () => {
    expect(isFinishing({ phase: 'indexing' })).toBe(true);
    expect(isFinishing({ phase: 'reading' })).toBe(false);
  });
});

describe('headline', () => {
  it('one good and one broken file: imported 1 of 2, 1 failed (not "The import failed")', () => {
    const h = headline({ state: 'done', results: [rec('done'), rec('failed')] });
    expect(h).toEqual({ key: 'chartImport.donePartial', values: { ok: 1, n: 2, failed: 1 }, tone: 'partial' });
  });
  it('all good: Done; nothing got in: Failed; running: Importing', () => {
    expect(headline({ state: 'done', results: [rec('done'), rec('duplicate')] })).toMatchObject({
      key: 'import.state.done',
      tone: 'ok',
    });
    expect(headline({ state: 'failed', results: [rec('failed')] })).toMatchObject({
      key: 'import.state.failed',
      tone: 'bad',
    });
    expect(headline({ state: 'running', results: [] }).tone).toBe('running');
  });
  it('tallyResults counts each status', () => {
    expect(tallyResults([rec('done'), rec('failed'), rec('failed'), rec('duplicate')])).toEqual({
      imported: 1,
      duplicates: 1,
      failed: 2,
      cancelled: 0,
      files: 4,
    });
  });
});
