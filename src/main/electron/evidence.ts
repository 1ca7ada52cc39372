// The evidence pack from the desktop app (NOT RUN here: Electron's binary cannot
// be installed on the development machine; tested against test/shell's fake
// electron module). A Save dialog, then the HTML as built, or a PDF printed by
// Chromium itself (webContents.printToPDF) from a hidden, script-less window.
import { BrowserWindow, dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ArchiveApi } from '../../shared/api/archive-api';
import { evidenceFileName, type EvidenceRequest } from '../../shared/evidence';
import { ApiError } from '../api-host/dispatch';
import { makeEvidencePack } from '../evidence/make-pack';
import { evidenceEntry } from '../evidence/evidence-entry';
import type { ActionEntry } from '../review/action-log';
import { WEB_PREFERENCES } from './shell';

/** The pack's HTML printed to A4 by a hidden window that runs no script and loads nothing else. */
export async function printHtmlToPdf(html: string): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { ...WEB_PREFERENCES, javascript: false },
  });
  try {
    // data: is allowed by the session's request filter; the pack has no external resource.
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    win.destroy();
  }
}

/**
 * Save dialog → file. Resolves to the written path, or null when the user cancelled. `record` appends
 * the pack's entry to the archive's action log once the file is written (what leaves the archive is
 * logged, as `evidence --out` and browser mode's download are).
 */
export async function saveEvidencePack(
  api: ArchiveApi,
  parent: BrowserWindow | null,
  request: Required<Pick<EvidenceRequest, 'callId' | 'format' | 'locale'>> & Pick<EvidenceRequest, 'timeZone'>,
  record?: (entry: ActionEntry) => void,
): Promise<string | null> {
  let pack;
  try {
    pack = await makeEvidencePack(api, request.callId, request);
  } catch (err) {
    if (err instanceof RangeError) throw new ApiError('invalid_argument', err.message);
    throw err;
  }
  if (!pack) throw new ApiError('not_found', `no call ${request.callId} in this archive`);
  const pdf = request.format === 'pdf';
  const options = {
    defaultPath: evidenceFileName(request.callId, pdf ? 'pdf' : 'html'),
    filters: [pdf ? { name: 'PDF', extensions: ['pdf'] } : { name: 'HTML', extensions: ['html', 'htm'] }],
  };
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return null;
  const bytes = pdf ? await printHtmlToPdf(pack.html) : pack.html;
  await writeFile(choice.filePath, bytes);
  const file = basename(choice.filePath);
  record?.(evidenceEntry({ callId: request.callId, file, format: request.format, contentSha256: pack.sha256, bytes }));
  return choice.filePath;
}
