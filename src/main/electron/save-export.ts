// Electron's half of an export: when the job is done, a Save dialog per file (calls,
// then events) and the finished file moved there. Thin on purpose: the export itself
// is src/main/export, tested without Electron; this is tested against the fake
// electron module (test/shell/save-export.test.ts).
import { dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ExportFileKind, ExportFiles } from '../export/export-files';

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.csv': { name: 'CSV', extensions: ['csv'] },
  '.xlsx': { name: 'Excel workbook', extensions: ['xlsx'] },
  '.jsonl': { name: 'JSON Lines', extensions: ['jsonl'] },
};

/** Moves a finished file; across file systems (temp folder on another disk) it is copied, then removed. */
export function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as { code?: string }).code !== 'EXDEV') throw err;
    copyFileSync(from, to);
    rmSync(from, { force: true });
  }
}

/**
 * Asks where to save each file of a done export job and moves it there. Returns the saved
 * paths, or null when the first dialog was cancelled (the files stay, to save again).
 */
export async function saveExportFiles(
  win: BrowserWindow | null,
  files: ExportFiles,
  jobId: string,
  defaultFolder: string,
): Promise<string[] | null> {
  const saved: string[] = [];
  for (const kind of ['calls', 'events'] as ExportFileKind[]) {
    const file = files.file(jobId, kind);
    if (!file) continue;
    const filter = FILTERS[extname(file.name)];
    const options: SaveDialogOptions = {
      title: kind === 'calls' ? 'Save exported calls' : 'Save exported events',
      defaultPath: join(defaultFolder, file.name),
      filters: filter ? [filter] : [],
    };
    const answer = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (answer.canceled || !answer.filePath) {
      if (saved.length === 0) return null;
      break;
    }
    moveFile(file.path, answer.filePath);
    saved.push(answer.filePath);
  }
  files.forget(jobId);
  return saved;
}
