// The platform formats through the archive's own import pipeline (importFile
// with the call-events reader first and the platform fallback after it): the
// calls are stored, searchable and verifiable like call-events calls.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFile } from '../../src/main/import/file-import';
import { readerOpener } from '../../src/main/import/source';
import { openArchive } from '../../src/main/store/archive';
import { verifyArchive } from '../../src/main/store/verify';
import { fixturePath, golden } from './helpers';

/** The archive's own opener: call-events reader first, the platform formats after it. */
const opener = readerOpener;

const archive = openArchive(join(mkdtempSync(join(tmpdir(), 'callscope-platform-')), 'a.db'), { create: true });
afterAll(() => archive.close());

describe('platform exports through the import pipeline', () => {
  it.each([
    ['asterisk/queue_log', 'asterisk-queue-log', 46, 12, 'asterisk/queue_log.golden.jsonl'],
    ['genesys/conversations.json', 'genesys-cloud-conversations', 26, 4, 'genesys/conversations.golden.jsonl'],
    ['connect/ctr.jsonl', 'amazon-connect-ctr', 9, 4, 'connect/ctr.golden.jsonl'],
  ])('%s imports as %s, every record accounted for', async (rel, format, read, calls, goldenRel) => {
    const record = await importFile(archive.db, fixturePath(rel), { timeZone: 'UTC', open: opener });
    expect(record.status, record.message ?? '').toBe('done');
    expect(record.format).toBe(format);
    expect(record.rowsRead).toBe(read);
    expect(record.rowsRead).toBe(record.rowsUsed + record.rowsKept + record.rowsRejected);
    expect(record.callsDerived).toBe(calls);
    const api = new SqliteArchiveApi(archive);
    const first = golden(goldenRel)[0] as { callId: string };
    const detail = await api.calls.get(first.callId);
    expect(detail?.call).toEqual(first);
    expect(verifyArchive(archive.db).problems).toEqual([]);
  });

  it('a file no reader knows fails with the one-line error naming every format', async () => {
    const record = await importFile(archive.db, join(__dirname, 'helpers.ts'), { timeZone: 'UTC', open: opener });
    expect(record.status).toBe('failed');
    expect(record.message).toMatch(/matches no known format \(tried: call-events CSV, call-events JSON Lines, Asterisk queue_log, Asterisk CDR, Genesys Cloud conversation details, Amazon Connect CTR\)/);
    expect(record.message).not.toContain('\n');
  });
});
