// Electron's Save dialog for a finished export (src/main/electron/save-export.ts),
// against the fake electron module: one dialog per file, the file moved where the
// user chose, nothing moved when the first dialog is cancelled.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportFiles } from '../../src/main/export/export-files';
import { state } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { saveExportFiles } = await import('../../src/main/electron/save-export');

function job(withEvents: boolean): { files: ExportFiles; forgotten: string[]; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'callscope-save-'));
  const paths = {
    calls: writeFileSync(join(dir, 'j-calls.csv'), 'calls') ?? join(dir, 'j-calls.csv'),
    events: withEvents ? (writeFileSync(join(dir, 'j-events.csv'), 'events') ?? join(dir, 'j-events.csv')) : null,
  };
  const forgotten: string[] = [];
  return {
    dir,
    forgotten,
    files: {
      file: (_id, kind) => {
        const path = paths[kind];
        return path ? { path, name: `callscope-${kind}-2026-03-29-141507Z.csv` } : null;
      },
      forget: (id) => void forgotten.push(id),
    },
  };
}

beforeEach(() => state.reset(mkdtempSync(join(tmpdir(), 'callscope-ud-'))));

describe('saveExportFiles', () => {
  it('asks where to save the calls and the events file and moves each there', async () => {
    const j = job(true);
    const target = mkdtempSync(join(tmpdir(), 'callscope-target-'));
    state.saveDialogAnswers.push(
      { canceled: false, filePath: join(target, 'mine.csv') },
      { canceled: false, filePath: join(target, 'mine-events.csv') },
    );
    const saved = await saveExportFiles(null, j.files, 'job-1', '/home/me/Downloads');
    expect(saved).toEqual([join(target, 'mine.csv'), join(target, 'mine-events.csv')]);
    expect(readFileSync(join(target, 'mine.csv'), 'utf8')).toBe('calls');
    expect(readFileSync(join(target, 'mine-events.csv'), 'utf8')).toBe('events');
    expect(existsSync(join(j.dir, 'j-calls.csv'))).toBe(false);
    expect(state.saveDialogOptions.map((o) => o.defaultPath)).toEqual([
      '/home/me/Downloads/callscope-calls-2026-03-29-141507Z.csv',
      '/home/me/Downloads/callscope-events-2026-03-29-141507Z.csv',
    ]);
    expect(state.saveDialogOptions[0]!.filters).toEqual([{ name: 'CSV', extensions: ['csv'] }]);
    expect(j.forgotten).toEqual(['job-1']);
  });

  it('a cancelled first dialog moves nothing and keeps the job, to save again', async () => {
    const j = job(false);
    state.saveDialogAnswers.push({ canceled: true });
    expect(await saveExportFiles(null, j.files, 'job-2', '/tmp')).toBeNull();
    expect(existsSync(join(j.dir, 'j-calls.csv'))).toBe(true);
    expect(j.forgotten).toEqual([]);
    expect(state.saveDialogOptions).toHaveLength(1);
  });
});
