// Asterisk queue names from a queues table export (#16 item 3): the realtime queue_log holds the
// queue's number (FreePBX: `600`); a FreePBX `queues_config` (or Wazo `queuefeatures`, or a realtime
// queue table with a description) says its name. The fixture queues_config.csv is hand-written; the
// golden queue_log_vendor_named.golden.jsonl is queue_log_vendor.golden.jsonl (hand-checked) with
// the queue key 600 drawn under the name its last queues_config record gives it, "Support Denmark"
// (docs/formats/asterisk.md, "Queue names"): the Queue and Conversation events' names and the call's
// queue list, nothing else.
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertFiles } from '../../src/main/cli/commands/convert';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFile } from '../../src/main/import/file-import';
import { importFiles } from '../../src/main/import/run-import';
import { readerOpener } from '../../src/main/import/source';
import { openArchive } from '../../src/main/store/archive';
import type { Db } from '../../src/main/store/native';
import { verifyArchive } from '../../src/main/store/verify';
import { detectPlatform, PLATFORM_FORMATS } from '../../src/shared/formats';
import { PLATFORM_NAMES } from '../../src/renderer/src/import-text';
import { asteriskQueues, nameQueues, queuesTableHeader } from '../../src/shared/formats/asterisk/queues-table';
import { recogniseHeader } from '../../src/shared/reader/columns';
import type { ArchiveCall } from '../../src/shared/model/archive-call';
import { fixture, fixturePath, golden } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'callscope-ast-queues-'));
const queueLog = fixturePath('asterisk/queue_log_vendor.csv');
const queuesConfig = fixturePath('asterisk/queues_config.csv');
const named = golden('asterisk/queue_log_vendor_named.golden.jsonl') as ArchiveCall[];
const unnamed = golden('asterisk/queue_log_vendor.golden.jsonl') as ArchiveCall[];

const header = (line: string) => queuesTableHeader(line.split(','));

describe('queues table header: named heuristics', () => {
  it('FreePBX / Issabel queues_config: extension → descr', () => {
    expect(header('extension,descr,grppre,maxwait')).toMatchObject({
      key: 0,
      display: 1,
      kind: 'freepbx-queues-config',
    });
  });
  it('Wazo / XiVO queuefeatures: name (what queue_log writes) → displayname, not the number', () => {
    expect(header('id,tenant_uuid,name,displayname,number,context')).toMatchObject({
      key: 2,
      display: 3,
      kind: 'wazo-queuefeatures',
    });
  });
  it("a mapping keyed by queue_log's own column name: queuename → description", () => {
    expect(header('queuename,description')).toMatchObject({ key: 0, display: 1, kind: 'queuename-mapping' });
  });
  it('a realtime queue table with app_queue settings and a description column: name → description', () => {
    expect(header('name,musiconhold,strategy,description')).toMatchObject({ key: 0, display: 3, kind: 'queue-table' });
  });
  it('a queue table with a number and a name (no description): the name is the display name', () => {
    expect(header('extension,name,strategy,timeout')).toMatchObject({ key: 0, display: 1, kind: 'queue-table' });
  });
  it.each([
    [
      'a realtime queue table without a display column (its name is what queue_log writes already)',
      'name,musiconhold,strategy',
    ],
    ['any id/name/description table without queue settings', 'id,name,description'],
    ['FreePBX users (extension and name, no queue settings)', 'extension,password,name,voicemail'],
    [
      'FreePBX legacy dialplan table (extension, descr, priority, application)',
      'context,extension,priority,application,args,descr',
    ],
  ])('not a queues table: %s', (_name, line) => {
    expect(header(line)).toBeNull();
  });
  it('the call-events reader leaves every accepted header to the Asterisk readers (none is a call-events table)', () => {
    for (const line of [
      fixture('asterisk/queues_config.csv').split('\n')[0]!.replace(/"/g, ''),
      'id,tenant_uuid,name,displayname,number,context',
      'queuename,description',
      'name,musiconhold,strategy,description',
    ])
      expect(recogniseHeader(line.split(',')).ok).toBe(false);
  });
});

it('fuzzed headers and records never crash the queues table reader', () => {
  const names = fc.constantFrom('extension', 'descr', 'name', 'displayname', 'strategy', 'queuename', 'id', '"x"', '');
  fc.assert(
    fc.property(
      fc.array(fc.oneof(names, fc.string()), { maxLength: 8 }),
      fc.array(fc.string(), { maxLength: 6 }),
      (h, cells) => {
        const text = `${h.join(',')}\n${cells.join(',')}\n`;
        asteriskQueues.detect(text);
        const p = asteriskQueues.parse(text, { fileLabel: 'f.csv', timeZone: 'UTC' });
        expect((p.names?.length ?? 0) + p.kept.length + p.rejected.length).toBe(p.recordCount);
      },
    ),
    { numRuns: 300 },
  );
});

describe('queues table export (hand-written fixture)', () => {
  const text = fixture('asterisk/queues_config.csv');

  it('is detected with a reason, as the asterisk-queues format', () => {
    const { found } = detectPlatform(text);
    expect(found?.format.id).toBe('asterisk-queues');
    expect(found?.why).toBe(
      'CSV header with the queues table columns extension → descr (FreePBX / Issabel queues_config: queue names for the queue_log, comma-separated)',
    );
  });

  it('every record is a name, kept (no name) or rejected with its line and reason; unknown columns counted', () => {
    const p = asteriskQueues.parse(text, { fileLabel: 'queues_config.csv', timeZone: 'UTC' });
    expect(p.recordCount).toBe(6);
    expect(p.calls).toEqual([]);
    expect(p.names?.map((n) => [n.origin.line, n.key, n.name])).toEqual([
      [2, '600', 'Support DK'],
      [3, '601', 'Sales'],
      [7, '600', 'Support Denmark'],
    ]);
    expect(p.kept.map((k) => [k.origin.line, k.table, k.reason])).toEqual([
      [4, 'queues', 'queue 602 has no descr: its calls show the queue as queue_log writes it'],
    ]);
    expect(p.rejected.map((r) => [r.origin.file, r.origin.line, r.reason])).toEqual([
      ['queues_config.csv', 5, 'missing queue extension'],
      ['queues_config.csv', 6, 'record has 3 fields, the header has 19'],
    ]);
    expect((p.names?.length ?? 0) + p.kept.length + p.rejected.length).toBe(p.recordCount);
    expect(p.unknown.fields).toEqual({ site: 1 });
    // The raw record keeps every value as exported, under the exported names.
    expect(p.names?.[0]?.raw).toMatchObject({ extension: '600', descr: 'Support DK', dest: 'app-blackhole,hangup,1' });
  });
});

it("the app's import report names every platform format the way the readers do (the queues table included)", () => {
  for (const f of PLATFORM_FORMATS) expect([f.id, PLATFORM_NAMES[f.id]]).toEqual([f.id, f.name]);
});

describe('nameQueues', () => {
  const call = unnamed[0] as ArchiveCall;
  it('names Queue and Conversation events and the queue list; keys without a name stay as written', () => {
    expect(nameQueues(call, (k) => (k === '600' ? 'Support Denmark' : null))).toEqual(named[0]);
    expect(nameQueues(call, () => null)).toBe(call);
  });
  it('leaves menus alone and lists a name once when two keys share it', () => {
    const c: ArchiveCall = {
      ...call,
      queues: ['600', '601'],
      events: [{ ...call.events[0]!, type: 'menu', name: '600' }, ...call.events],
    };
    const out = nameQueues(c, (k) => (k === '600' || k === '601' ? 'Support' : null));
    expect(out.queues).toEqual(['Support']);
    expect(out.events.map((e) => [e.type, e.name])).toEqual([
      ['menu', '600'],
      ['queue', 'Support'],
      ['conversation', 'Support'],
    ]);
  });
});

function collecting(): { text: () => string; write: (t: string) => Promise<void> } {
  let text = '';
  return { text: () => text, write: async (t) => void (text += t) };
}

describe('callscope convert: the queues table names the calls, given before or after the queue_log', () => {
  it.each([
    ['queues table first', [queuesConfig, queueLog]],
    ['queue_log first', [queueLog, queuesConfig]],
  ])('%s', async (_name, files) => {
    const out = collecting();
    const err = collecting();
    await convertFiles(files, 'Europe/Copenhagen', out, err);
    const calls = out
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ArchiveCall);
    expect(calls).toEqual(named);
    expect(err.text()).toContain('queues_config.csv:5: missing queue extension');
  });
});

async function archiveOf(files: string[]): Promise<{ api: SqliteArchiveApi; db: Db }> {
  const archive = openArchive(join(dir, `${Math.random()}.db`), { create: true });
  for (const path of files) {
    const record = await importFile(archive.db, path, { timeZone: 'Europe/Copenhagen', open: readerOpener });
    expect(record.status, record.message ?? '').toBe('done');
    expect(record.rowsRead).toBe(record.rowsUsed + record.rowsKept + record.rowsRejected);
  }
  expect(verifyArchive(archive.db).problems).toEqual([]);
  return { api: new SqliteArchiveApi(archive), db: archive.db };
}

async function archiveCalls(api: SqliteArchiveApi): Promise<ArchiveCall[]> {
  const page = await api.calls.search({ sort: 'start', direction: 'asc', limit: 10 });
  const calls: ArchiveCall[] = [];
  for (const row of page.rows) calls.push((await api.calls.get(row.callId))!.call);
  return calls;
}

describe('the archive: a queues table import names the calls across imports, in either order', () => {
  it.each([
    ['queues table first', [queuesConfig, queueLog]],
    ['queue_log first (its calls are derived again with the names)', [queueLog, queuesConfig]],
  ])('%s', async (_name, files) => {
    const { api } = await archiveOf(files);
    expect(await archiveCalls(api)).toEqual(named);
    // The queue facet and search show the name.
    const facets = await api.calls.facets({ sort: 'start', direction: 'asc', limit: 10 });
    expect(facets.queue.map((f) => f.value)).toEqual(['Support Denmark']);
  });

  it('the import record: format, the reason, counts, unknown columns, rejected rows with line and reason', async () => {
    const { api } = await archiveOf([queueLog, queuesConfig]);
    const record = (await api.imports.list()).find((r) => r.fileName === 'queues_config.csv')!;
    expect(record).toMatchObject({
      format: 'asterisk-queues',
      rowsRead: 6,
      rowsUsed: 2, // 601, and 600 as its last record names it
      rowsKept: 2, // 602 without a name; line 2 superseded by line 7
      rowsRejected: 2,
      callsDerived: 2,
      unknownNames: [{ kind: 'field', name: 'site', count: 1 }],
    });
    expect(record.formatWhy).toMatch(/^CSV header with the queues table columns extension → descr/);
    const rejected = await api.imports.rejected({ importId: record.id });
    expect(rejected.map((r) => [r.origin.file, r.origin.line, r.reason])).toEqual([
      ['queues_config.csv', 5, 'missing queue extension'],
      ['queues_config.csv', 6, 'record has 3 fields, the header has 19'],
    ]);
  });

  it('a later queues table renames the calls; a name for no stored call changes nothing', async () => {
    const { api, db } = await archiveOf([queueLog, queuesConfig]);
    const renamed = join(dir, 'queues_config_2.csv');
    writeFileSync(renamed, 'extension,descr,grppre\n600,Support,SUP:\n699,Nobody,\n');
    await importInto(db, renamed);
    expect((await archiveCalls(api)).map((c) => c.queues)).toEqual([['Support'], ['Support']]);
    expect(verifyArchive(db).problems).toEqual([]);
  });

  it('calls whose rows were stored without their queue key (before it was recorded) are found by their queue list', async () => {
    const { api, db } = await archiveOf([queueLog]);
    db.prepare("UPDATE raw_rows SET queue_key = NULL WHERE tbl = 'call'").run();
    await importInto(db, queuesConfig);
    expect(await archiveCalls(api)).toEqual(named);
  });

  it('both files in one import request (the CLI and the import dialog): the queues table is imported first', async () => {
    const path = join(dir, `${Math.random()}.db`);
    openArchive(path, { create: true }).close();
    const records = await importFiles(path, [queueLog, queuesConfig], {
      timeZone: 'Europe/Copenhagen',
      inProcess: true,
    });
    expect(records.map((r) => [r.fileName, r.format, r.status])).toEqual([
      ['queue_log_vendor.csv', 'asterisk-queue-log', 'done'],
      ['queues_config.csv', 'asterisk-queues', 'done'],
    ]);
    // Named when first derived: the queue_log import derived its calls with the names.
    expect(records[0]!.id).toBeGreaterThan(records[1]!.id);
    const archive = openArchive(path);
    expect(await archiveCalls(new SqliteArchiveApi(archive))).toEqual(named);
    archive.close();
  });
});

async function importInto(db: Db, file: string): Promise<void> {
  const record = await importFile(db, file, { timeZone: 'Europe/Copenhagen', open: readerOpener });
  expect(record.status, record.message ?? '').toBe('done');
}
