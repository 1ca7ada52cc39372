// Calls already derived by another platform's importer (kind 'call') are stored
// as they are, with their source records as raw rows; a newer delivery of the
// same call replaces it and the older records are kept with a reason.
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFile } from '../../src/main/import/file-import';
import type { ExportOpener } from '../../src/main/import/source';
import type { Archive } from '../../src/main/store/archive';
import { verifyArchive } from '../../src/main/store/verify';
import type { DerivedCall } from '../../src/shared/model/archive-call';
import type { ReaderItem } from '../../src/shared/reader/types';
import { writeFile } from './fixtures';
import { freshArchive, TZ } from './helpers';

const opened: Archive[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

function platformCall(file: string, speak: number): ReaderItem {
  const derived: DerivedCall = {
    call: {
      callId: 'asterisk:1700000000.12', type: 'inbound', dialerMode: null,
      start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T09:05:00.000Z', callerNumber: '+4511223344', accessNumber: '70100000',
      queues: ['support'], agents: ['SIP/anna'], outcome: 'answered', timeBeforeAnswerSec: 20, waitTimeSec: 20,
      speakTimeSec: speak, callbackAttempts: null, registrations: [],
      events: [
        { type: 'queue', start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T09:00:20.000Z', durationSec: 20, name: 'support', agent: null, label: null, labelDa: null, result: 'k' },
        { type: 'conversation', start: '2026-03-02T09:00:20.000Z', end: '2026-03-02T09:05:00.000Z', durationSec: speak, name: null, agent: 'SIP/anna', label: null, labelDa: null, result: 'k' },
      ],
    },
    eventSources: [[{ file, line: 1 }], [{ file, line: 2 }]],
    kept: [{ origin: { file, line: 3 }, reason: 'queue_log line not used (AGENTDUMP)' }],
    contactKey: null,
  };
  return {
    kind: 'call',
    derived,
    records: [1, 2, 3].map((line) => ({ origin: { file, line }, raw: { line: `1700000000.12|support|EVENT${line}` } })),
  };
}

/** An opener that yields one platform call (instead of reading the file's bytes). */
const opener = (speak: number): ExportOpener => async (_path, options) => ({
  format: 'asterisk-queue-log',
  batches: (async function* () {
    yield [platformCall(options.fileLabel, speak)];
  })(),
});

describe("other platforms' calls", () => {
  it('are stored as they are, and a newer delivery replaces the older one', async () => {
    const s = freshArchive();
    opened.push(s.archive);
    const f1 = writeFile(s.dir, 'queue_log.1', 'a');
    const f2 = writeFile(s.dir, 'queue_log.2', 'b');
    const r1 = await importFile(s.archive.db, f1, { timeZone: TZ, open: opener(280) });
    expect(r1.status).toBe('done');
    expect(r1.callsDerived).toBe(1);
    expect(r1.rowsKept).toBe(1);
    const api = new SqliteArchiveApi(s.archive);
    const d1 = await api.calls.get('asterisk:1700000000.12');
    expect(d1!.call.speakTimeSec).toBe(280);
    expect(d1!.eventSources).toEqual([[{ file: 'queue_log.1', line: 1 }], [{ file: 'queue_log.1', line: 2 }]]);

    const r2 = await importFile(s.archive.db, f2, { timeZone: TZ, open: opener(290) });
    expect(r2.status).toBe('done');
    const d2 = await api.calls.get('asterisk:1700000000.12');
    expect(d2!.call.speakTimeSec).toBe(290);
    expect(d2!.eventSources[0]).toEqual([{ file: 'queue_log.2', line: 1 }]);
    const old = d2!.rawRows.filter((r) => r.importId === r1.id);
    expect(old).toHaveLength(3);
    for (const r of old) {
      expect(r.status).toBe('kept');
      expect(r.reason).toMatch(/superseded/);
    }
    expect((await api.calls.search({ text: '11223344' })).total).toBe(1);
    expect(verifyArchive(s.archive.db).problems).toEqual([]);
  });
});
