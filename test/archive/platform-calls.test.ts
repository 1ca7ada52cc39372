// Other platforms' calls whose records arrive in several imports (spec section 6:
// exports cut in time): the archive derives such a call again from ALL its stored
// records, so the import order does not matter and the result equals importing
// everything at once. Real fixtures through the archive's own opener.
import { readFileSync } from 'node:fs';
import { callContractJson } from '../../src/main/api/call-doc';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFile } from '../../src/main/import/file-import';
import { readerOpener, type ExportOpener } from '../../src/main/import/source';
import type { ReaderItem } from '../../src/shared/reader/types';
import type { Archive } from '../../src/main/store/archive';
import { verifyArchive } from '../../src/main/store/verify';
import { fixturePath } from '../formats/helpers';
import { golden } from '../formats/helpers';
import { writeFile } from './fixtures';
import { freshArchive } from './helpers';

const opened: Archive[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

type Files = [name: string, content: string | Buffer][];

/** Imports the files in order into a fresh archive; every import must succeed and verify must pass. */
async function archiveOf(
  files: Files,
  timeZone = 'UTC',
): Promise<{ archive: Archive; calls: unknown[]; ids: number[] }> {
  const s = freshArchive();
  opened.push(s.archive);
  const ids: number[] = [];
  for (const [name, content] of files) {
    const r = await importFile(s.archive.db, writeFile(s.dir, name, content), { timeZone, open: readerOpener });
    expect(r.status, r.message ?? '').toBe('done');
    ids.push(r.id);
  }
  expect(verifyArchive(s.archive.db).problems).toEqual([]);
  return { archive: s.archive, calls: callsOf(s.archive), ids };
}

/** Every archive call's contract JSON, by call id. */
function callsOf(a: Archive): unknown[] {
  const ids = a.db.prepare('SELECT call_id FROM calls ORDER BY call_id').pluck().all() as string[];
  const docs = ids.map((id) => callContractJson(a.db, id)!.json);
  return docs.map((d) => JSON.parse(d));
}

const byId = (calls: unknown[]): unknown[] =>
  [...calls].sort((a, b) => ((a as { callId: string }).callId < (b as { callId: string }).callId ? -1 : 1));
const text = (rel: string): string => readFileSync(fixturePath(rel), 'utf8');

/** No raw row is lost: used by an existing call, or kept with a reason. */
function expectAccounted(a: Archive): void {
  const n = (sql: string): number => a.db.prepare(sql).pluck().get() as number;
  expect(
    n(
      "SELECT count(*) FROM raw_rows WHERE status = 'used' AND tbl = 'call' AND call_id NOT IN (SELECT call_id FROM calls)",
    ),
  ).toBe(0);
  expect(n("SELECT count(*) FROM raw_rows WHERE status = 'kept' AND coalesce(reason, '') = ''")).toBe(0);
  expect(n('SELECT sum(rows_read) FROM imports')).toBe(
    n('SELECT count(*) FROM raw_rows') + n('SELECT count(*) FROM rejected_rows'),
  );
}

describe('a platform call split across imports is derived from all of them', () => {
  it('Asterisk queue_log of day 1 and day 2 with calls crossing the cut: either order equals one import', async () => {
    const lines = text('asterisk/queue_log')
      .split('\n')
      .filter((l) => l !== '');
    // Cut inside a call (its lines on both sides).
    const cut = lines.findIndex(
      (l, i) => i > lines.length / 2 && l.split('|')[1] === lines[i - 1]!.split('|')[1] && l.split('|')[1] !== 'NONE',
    );
    expect(cut).toBeGreaterThan(0);
    const day1 = lines.slice(0, cut).join('\n') + '\n';
    const day2 = lines.slice(cut).join('\n') + '\n';
    const whole = await archiveOf([['queue_log', lines.join('\n') + '\n']]);
    const forward = await archiveOf([
      ['queue_log.day1', day1],
      ['queue_log.day2', day2],
    ]);
    const backward = await archiveOf([
      ['queue_log.day2', day2],
      ['queue_log.day1', day1],
    ]);
    expect(forward.calls).toEqual(whole.calls);
    expect(backward.calls).toEqual(whole.calls);
    expect(whole.calls).toEqual(byId(golden('asterisk/queue_log.golden.jsonl')));
    for (const a of [forward, backward]) expectAccounted(a.archive);
    // The split call's events point at rows of both imports.
    const callid = lines[cut]!.split('|')[1];
    const detail = await new SqliteArchiveApi(forward.archive).calls.get(`asterisk:${callid}`);
    expect(new Set(detail!.rawRows.map((r) => r.importId))).toEqual(new Set(forward.ids));
  });

  it('re-importing the same file is a no-op; the same lines under another name count once', async () => {
    const a = await archiveOf([['queue_log', text('asterisk/queue_log')]]);
    const s = a.archive;
    const before = s.db.prepare('SELECT count(*) FROM raw_rows').pluck().get();
    const again = await importFile(s.db, fixturePath('asterisk/queue_log'), { timeZone: 'UTC', open: readerOpener });
    expect(again.status).toBe('duplicate');
    expect(s.db.prepare('SELECT count(*) FROM raw_rows').pluck().get()).toBe(before);
    expect(callsOf(s)).toEqual(a.calls);
    // An overlapping export (same lines, different file bytes): every line of it is kept as a duplicate.
    const copy = await archiveOf([
      ['queue_log', text('asterisk/queue_log')],
      ['queue_log.copy', text('asterisk/queue_log') + '\n'],
    ]);
    expect(copy.calls).toEqual(a.calls);
    const dupes = copy.archive.db
      .prepare("SELECT count(*) FROM raw_rows WHERE import_id = ? AND tbl = 'call' AND status = 'used'")
      .pluck()
      .get(copy.ids[1]);
    expect(dupes).toBe(0);
    // Nothing changed: no call derived again (each stays with the import that derived it).
    expect(copy.archive.db.prepare('SELECT calls_derived FROM imports WHERE id = ?').pluck().get(copy.ids[1])).toBe(0);
    expect(copy.archive.db.prepare('SELECT count(*) FROM calls WHERE import_id = ?').pluck().get(copy.ids[0])).toBe(
      a.calls.length,
    );
    expectAccounted(copy.archive);
  });

  it('Asterisk CDR imported before or after its queue_log: the call shows the IVR time either way', async () => {
    const cdr: Files = [
      ['Master.csv', text('asterisk/Master.csv')],
      ['Master_custom.csv', readFileSync(fixturePath('asterisk/Master_custom.csv'))],
    ];
    const log: Files = [['queue_log', text('asterisk/queue_log')]];
    const expected = byId(golden('asterisk/joined.golden.jsonl'));
    for (const files of [
      [...cdr, ...log],
      [...log, ...cdr],
      [cdr[0]!, ...log, cdr[1]!],
    ]) {
      const a = await archiveOf(files);
      expect(a.calls).toEqual(expected);
      expectAccounted(a.archive);
    }
    // The CDR alone: its queued call waits, kept raw under the queue_log's call id (no archive call of its own).
    const alone = await archiveOf([cdr[0]!]);
    expect(alone.calls.map((c) => (c as { callId: string }).callId)).toEqual(['asterisk:1700000400.20']);
    const waiting = alone.archive.db.prepare('SELECT call_id, status, reason FROM raw_rows WHERE line = 1').get() as {
      call_id: string;
      status: string;
      reason: string;
    };
    expect(waiting).toMatchObject({ call_id: 'asterisk:1700000000.1', status: 'kept' });
    expect(waiting.reason).toMatch(/queue_log is not in the archive yet/);
  });

  it("Amazon Connect: a contact chain and a contact's versions spread over two files, either order", async () => {
    const lines = text('connect/ctr.jsonl')
      .split('\n')
      .filter((l) => l.trim() !== '');
    // File 1: contact A's first version, B (transferred from A), C. File 2: A's newer version, D (callback of C), the rest.
    const f1 = [lines[0], lines[2], lines[3]].join('\n') + '\n';
    const f2 = [lines[1], ...lines.slice(4)].join('\n') + '\n';
    const whole = await archiveOf([['ctr.jsonl', lines.join('\n') + '\n']]);
    for (const files of [
      [
        ['ctr-1.jsonl', f1],
        ['ctr-2.jsonl', f2],
      ],
      [
        ['ctr-2.jsonl', f2],
        ['ctr-1.jsonl', f1],
      ],
    ] as Files[]) {
      const a = await archiveOf(files);
      expect(a.calls).toEqual(whole.calls);
      expectAccounted(a.archive);
      const older = a.archive.db
        .prepare(
          "SELECT r.status, r.reason FROM raw_rows r JOIN imports i ON i.id = r.import_id WHERE i.file_name = 'ctr-1.jsonl' AND r.line = 1",
        )
        .get();
      expect(older).toMatchObject({ status: 'kept', reason: expect.stringMatching(/^older version of contact A/) });
    }
  });

  it('Genesys Cloud: a conversation re-sent with more segments, either order', async () => {
    const full = JSON.parse(text('genesys/conversations.json')) as {
      conversations: { participants?: { sessions?: { segments?: unknown[] }[] }[] }[];
    };
    const partial = structuredClone(full);
    for (const c of partial.conversations) {
      (c.participants ?? [])
        .flatMap((p) => p.sessions ?? [])
        .filter((s) => (s.segments?.length ?? 0) > 1)
        .pop()
        ?.segments?.pop();
      delete (c as Record<string, unknown>)['conversationEnd'];
    }
    const whole = await archiveOf([['conversations.json', JSON.stringify(full) + '\n']]);
    const early = await archiveOf([
      ['early.json', JSON.stringify(partial) + '\n'],
      ['late.json', JSON.stringify(full) + '\n'],
    ]);
    expect(early.calls).toEqual(whole.calls);
    expectAccounted(early.archive);
    const superseded = early.archive.db
      .prepare(
        "SELECT count(*) FROM raw_rows WHERE import_id = ? AND tbl = 'call' AND status = 'kept' AND reason LIKE 'superseded by a newer delivery%'",
      )
      .pluck()
      .get(early.ids[0]) as number;
    expect(superseded).toBeGreaterThan(0);
    const late = await archiveOf([
      ['late.json', JSON.stringify(full) + '\n'],
      ['early.json', JSON.stringify(partial) + '\n'],
    ]);
    expect(late.calls).toEqual(whole.calls);
    expectAccounted(late.archive);
  });
});

describe('any cut, any order', () => {
  it('queue_log and Connect exports cut anywhere into two imports give the calls of one import', async () => {
    for (const [rel, name, margin] of [
      ['asterisk/queue_log', 'queue_log', 5],
      ['connect/ctr.jsonl', 'ctr.jsonl', 1],
    ] as const) {
      // The broken JSON line stays in the second part (a file must hold at least one readable record).
      const lines = text(rel)
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('{broken'));
      const whole = await archiveOf([[name, lines.join('\n') + '\n']]);
      // queue_log: at least 5 lines a part, as detection wants 80 % good lines (a 4-line tail with the garbage line has 75 %).
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: margin, max: lines.length - margin }),
          fc.boolean(),
          async (cut, reversed) => {
            const parts: Files = [
              [`${name}.1`, lines.slice(0, cut).join('\n') + '\n'],
              [`${name}.2`, lines.slice(cut).join('\n') + '\n'],
            ];
            const a = await archiveOf(reversed ? parts.reverse() : parts);
            expect(a.calls).toEqual(whole.calls);
            expectAccounted(a.archive);
            a.archive.close();
            opened.splice(opened.indexOf(a.archive), 1);
          },
        ),
        { numRuns: 12 },
      );
    }
  });
});

describe('a call of no known platform prefix', () => {
  const item = (file: string, speak: number): ReaderItem => ({
    kind: 'call',
    derived: {
      call: {
        callId: 'other:1',
        type: 'inbound',
        dialerMode: null,
        start: '2026-03-02T09:00:00.000Z',
        end: '2026-03-02T09:05:00.000Z',
        callerNumber: '+4511223344',
        accessNumber: null,
        queues: [],
        agents: ['anna'],
        outcome: 'answered',
        timeBeforeAnswerSec: 0,
        waitTimeSec: null,
        speakTimeSec: speak,
        callbackAttempts: null,
        registrations: [],
        events: [
          {
            type: 'conversation',
            start: '2026-03-02T09:00:00.000Z',
            // An event's duration is its end minus its start, as every format builds it (common/build.ts).
            end: new Date(Date.parse('2026-03-02T09:00:00.000Z') + speak * 1000).toISOString(),
            durationSec: speak,
            name: null,
            agent: 'anna',
            label: null,
            labelDa: null,
            result: null,
          },
        ],
      },
      eventSources: [[{ file, line: 1 }]],
      kept: [],
      contactKey: null,
    },
    records: [{ origin: { file, line: 1 }, raw: { x: String(speak) } }],
  });
  const opener =
    (speak: number): ExportOpener =>
    async (_path, options) => ({
      format: 'other',
      batches: (async function* () {
        yield [item(options.fileLabel, speak)];
      })(),
    });

  it('cannot be read again, so a newer delivery replaces it (the older row kept, superseded)', async () => {
    const s = freshArchive();
    opened.push(s.archive);
    await importFile(s.archive.db, writeFile(s.dir, 'a', 'a'), { timeZone: 'UTC', open: opener(280) });
    const r2 = await importFile(s.archive.db, writeFile(s.dir, 'b', 'b'), { timeZone: 'UTC', open: opener(290) });
    expect(r2.status).toBe('done');
    const d = await new SqliteArchiveApi(s.archive).calls.get('other:1');
    expect(d!.call.speakTimeSec).toBe(290);
    expect(d!.rawRows.map((r) => [r.status, r.reason])).toEqual([
      ['kept', 'superseded by a newer record (import #2, line 1)'],
      ['used', null],
    ]);
    expect(verifyArchive(s.archive.db).problems).toEqual([]);
  });
});

describe('schema v2 (import report fields, platform links)', () => {
  it('an archive of schema v1 migrates and keeps its data', async () => {
    const s = freshArchive();
    const path = s.path;
    const r = await importFile(s.archive.db, writeFile(s.dir, 'queue_log', text('asterisk/queue_log')), {
      timeZone: 'UTC',
      open: readerOpener,
    });
    expect(r.status).toBe('done');
    const before = callsOf(s.archive);
    // Back to v1: without the v2 columns and table.
    s.archive.db.exec(
      'ALTER TABLE imports DROP COLUMN format_why; ALTER TABLE imports DROP COLUMN unknown_names; DROP TABLE platform_links',
    );
    s.archive.db.pragma('user_version = 1');
    s.archive.close();
    const { openArchive } = await import('../../src/main/store/archive');
    const again = openArchive(path);
    opened.push(again);
    expect(again.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2);
    expect(callsOf(again)).toEqual(before);
    expect((await new SqliteArchiveApi(again).imports.list()).map((i) => i.rowsRead)).toEqual([r.rowsRead]);
    expect(again.db.prepare('SELECT count(*) FROM platform_links').pluck().get()).toBe(0);
    expect(verifyArchive(again.db).problems).toEqual([]);
  });
});
