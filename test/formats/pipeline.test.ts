// The platform formats through the archive's own import pipeline (importFile
// with the call-events reader first and the platform fallback after it): the
// calls are stored, searchable and verifiable like call-events calls.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { describeRecord } from '../../src/main/cli/commands/import';
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
    // The import report: why this format, and the unknown names kept and counted (stored with the import).
    expect(record.formatWhy).toMatch(/\w+/);
    expect(record.unknownNames!.length).toBeGreaterThan(0);
    const listed = (await new SqliteArchiveApi(archive).imports.list()).find((i) => i.id === record.id)!;
    expect([listed.formatWhy, listed.unknownNames]).toEqual([record.formatWhy, record.unknownNames]);
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
    expect(record.message).toMatch(
      /matches no known format \(tried: call-events CSV, call-events JSON Lines, Asterisk queue_log, Asterisk CDR, Asterisk queues table, Genesys Cloud conversation details, Amazon Connect CTR\)/,
    );
    expect(record.message).not.toContain('\n');
  });

  it('the opener tells why it chose the format and lists the unknown names with counts', async () => {
    for (const [rel, why, unknown] of [
      [
        'asterisk/queue_log',
        /queue_log form epoch\|callid\|queuename\|agent\|EVENT/,
        [{ kind: 'event', name: 'FOOBAR', count: 1 }],
      ],
      [
        'connect/ctr.jsonl',
        /^Amazon Connect contact records \(JSON Lines\): ContactId with/,
        [{ kind: 'field', name: 'NewShinyField', count: 1 }],
      ],
      [
        'genesys/conversations.json',
        /Genesys Cloud analytics conversation fields/,
        [
          { kind: 'field', name: 'segment.fancyNewField', count: 1 },
          { kind: 'event', name: 'segmentType:teleport', count: 1 },
        ],
      ],
    ] as const) {
      const source = await opener(fixturePath(rel), { timeZone: 'UTC', fileLabel: rel });
      expect(source.why, rel).toMatch(why);
      for await (const _ of source.batches) void _;
      expect(source.unknownNames?.(), rel).toEqual(unknown);
    }
  });

  it('the CLI report names the format, why, and the unknown names', () => {
    const text = describeRecord({
      id: 3,
      fileName: 'queue_log',
      fileSize: 1,
      sha256: 'x',
      timeZone: 'UTC',
      format: 'asterisk-queue-log',
      startedAt: '',
      finishedAt: '',
      status: 'done',
      rowsRead: 46,
      rowsUsed: 30,
      rowsKept: 15,
      rowsRejected: 1,
      callsDerived: 12,
      appVersion: '0',
      message: null,
      formatWhy: '46 of 46 sampled lines have the queue_log form',
      unknownNames: [
        { kind: 'event', name: 'FOOBAR', count: 2 },
        { kind: 'field', name: 'x', count: 1 },
      ],
    });
    expect(text.split('\n')).toEqual([
      'imported queue_log as import #3: 46 rows read = 30 used + 15 kept + 1 rejected; 12 calls derived',
      '     format asterisk-queue-log: 46 of 46 sampled lines have the queue_log form',
      '     1 unknown event name kept (FOOBAR ×2); 1 unknown field kept (x ×1) in the raw rows, counted, not drawn',
      '     the rejected rows, each with its line and reason: callscope imports --rejected 3 --db <archive>',
    ]);
  });
});
