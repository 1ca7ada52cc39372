// An export whose first 64 KB are plain ASCII and whose later rows hold Windows-1252 bytes (an old
// Excel's "Kø"): each byte is kept as a character, the import's record says from where the file was
// read as Windows-1252, and the parse worker says it as the import thread does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../src/main/import/file-import';
import { readerOpener } from '../../src/main/import/source';
import { HEAD_BYTES } from '../../src/main/readers/index';
import { HEADER, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { freshArchive, TZ } from './helpers';
import { bundledWorkerEntry } from '../common/worker-entry';

let s: ReturnType<typeof freshArchive>;
beforeEach(() => {
  s = freshArchive();
});
afterEach(() => s.archive.close());

/** ASCII rows past the first 64 KB, then one call whose menu is named in Windows-1252. */
function lateAnsiExport(): { path: string; asciiBytes: number } {
  const ascii = `${HEADER}\n${manyCalls(400).flatMap(inboundRows).join('\n')}\n`;
  expect(ascii.length).toBeGreaterThan(HEAD_BYTES);
  const late = manyCalls(1, 9000)
    .flatMap(inboundRows)
    .map((r) => r.replace(',Welcome,', ',K\u00f8 menu,'));
  const bytes = Buffer.concat([Buffer.from(ascii), Buffer.from(`${late.join('\n')}\n`, 'latin1')]);
  return { path: writeFile(tempDir(), 'late-ansi.csv', bytes), asciiBytes: ascii.length };
}

describe('a Windows-1252 byte after a UTF-8 start', () => {
  it.each([
    ['the import thread', {}],
    ['the parse worker', { parseWorker: bundledWorkerEntry(), parseWorkerMinBytes: 0 }],
  ])(
    '%s: the menu name is read as written and the record says the file was read as Windows-1252',
    async (_, threads) => {
      const { path, asciiBytes } = lateAnsiExport();
      const r = await importFile(s.archive.db, path, { timeZone: TZ, open: readerOpener, ...threads });
      expect(r.status).toBe('done');
      expect(r.formatWhy).toMatch(/not valid UTF-8 from about byte [\d,]+ on: read as Windows-1252 from there/);
      const at = Number(/byte ([\d,]+)/.exec(r.formatWhy ?? '')?.[1]?.replaceAll(',', ''));
      expect(at).toBeLessThanOrEqual(asciiBytes + 200);
      const names = s.archive.db.prepare("SELECT DISTINCT name FROM events WHERE name LIKE 'K% menu'").pluck().all();
      expect(names).toEqual(['Kø menu']);
    },
    60_000,
  );
});
