// Notes, tags and review status: tables of their own keyed by the archive call id,
// so a re-derivation (later rows of the call) and a re-delivery keep them; the
// upgrade of an archive of the previous schema; the action log of every change.
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import { openArchive, type Archive } from '../../src/main/store/archive';
import { REVIEW_VERSION, SCHEMA_VERSION } from '../../src/main/store/schema';
import { verifyArchive } from '../../src/main/store/verify';
import { csv, inboundRows, manyCalls, writeFile, type SimpleCall } from '../archive/fixtures';
import { freshArchive, TZ } from '../archive/helpers';

const opened: Archive[] = [];
afterEach(() => {
  for (const a of opened.splice(0)) a.close();
});

const calls = manyCalls(6);
const target = calls[0]!; // answered (agent a101): rows initiation, menu, queue, conversation

async function setUp(): Promise<{ dir: string; path: string; archive: Archive; api: SqliteArchiveApi }> {
  const s = freshArchive();
  opened.push(s.archive);
  // The target call's conversation row comes in a later file: the call is derived again then.
  const first = calls.flatMap((c) => (c === target ? inboundRows(c).slice(0, 3) : inboundRows(c)));
  const file = writeFile(s.dir, 'day1.csv', csv(first));
  const [r] = await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
  expect(r!.status).toBe('done');
  return { ...s, api: new SqliteArchiveApi(s.archive) };
}

function callRowId(a: Archive, callId: string): number {
  return a.db.prepare('SELECT id FROM calls WHERE call_id = ?').pluck().get(callId) as number;
}

async function annotate(api: SqliteArchiveApi, callId: string): Promise<void> {
  const note = await api.review.addNote({ callId, text: 'callback was late' });
  await api.review.editNote({ noteId: note.id, text: 'callback was 2 hours late' });
  await api.review.addNote({ callId, eventIndex: 1, text: 'menu choice looks wrong' });
  await api.review.addTag({ callId, tag: 'late callback' });
  await api.review.setStatus({ callId, status: 'flagged' });
}

function expectAnnotated(review: Awaited<ReturnType<SqliteArchiveApi['review']['get']>>): void {
  expect(review.status).toBe('flagged');
  expect(review.tags.map((t) => t.name)).toEqual(['late callback']);
  expect(review.notes).toHaveLength(2);
  expect(review.notes[0]!.text).toBe('callback was 2 hours late');
  expect(review.notes[0]!.history.map((h) => h.text)).toEqual(['callback was late', 'callback was 2 hours late']);
  expect(review.notes[1]!.eventIndex).toBe(1);
}

describe('notes, tags and status', () => {
  it('survive a re-derivation of the call (its later rows arriving in another file)', async () => {
    const s = await setUp();
    await annotate(s.api, target.callId);
    const before = await s.api.calls.get(target.callId);
    expect(before!.call.agents).toEqual([]);
    const idBefore = callRowId(s.archive, target.callId);
    const later = writeFile(s.dir, 'day1-late.csv', csv(inboundRows(target).slice(3)));
    const [r] = await importFiles(s.archive, [later], { timeZone: TZ, inProcess: true });
    expect(r!.status).toBe('done');
    const after = await s.api.calls.get(target.callId);
    expect(after!.call.agents.length).toBe(1); // derived again, from all its rows
    // Today the writer updates the calls row in place; were it deleted and re-inserted (a new calls.id),
    // nothing here would change: review tables are keyed by the call id. Simulate exactly that:
    s.archive.db.exec('PRAGMA foreign_keys = OFF');
    s.archive.db
      .prepare('UPDATE calls SET id = (SELECT max(id) + 1 FROM calls) WHERE id = ?')
      .run(callRowId(s.archive, target.callId));
    s.archive.db.exec('PRAGMA foreign_keys = ON');
    expect(callRowId(s.archive, target.callId)).not.toBe(idBefore);
    expectAnnotated(await s.api.review.get(target.callId));
  });

  it('a note on an event follows its event when a later import adds an event before it, and says when it is gone', async () => {
    const s = freshArchive();
    opened.push(s.archive);
    const c = calls[1]!;
    const rows = inboundRows(c); // initiation, menu, queue, conversation
    const first = writeFile(s.dir, 'first.csv', csv(rows.filter((_, i) => i !== 1)));
    await importFiles(s.archive, [first], { timeZone: TZ, inProcess: true });
    const api = new SqliteArchiveApi(s.archive);
    const types = async () => (await api.calls.get(c.callId))!.call.events.map((e) => e.type);
    const before = await types();
    const last = before.length - 1;
    await api.review.addNote({ callId: c.callId, eventIndex: last, text: 'about this event' });
    const later = writeFile(s.dir, 'later.csv', csv([rows[1]!]));
    await importFiles(s.archive, [later], { timeZone: TZ, inProcess: true });
    const after = await types();
    expect(after.length).toBeGreaterThan(before.length); // an event came before the noted one
    const [note] = (await api.review.get(c.callId)).notes;
    expect(after[note!.eventIndex!]).toBe(before[last]);
    expect(note!.eventIndex).toBe(after.lastIndexOf(before[last]!));
    expect(note!.eventMissing).toBeUndefined();
    // The noted event no longer derived (its start changed): the note says so, at its old position.
    s.archive.db.prepare('UPDATE review_notes SET event_start_ms = event_start_ms + 1').run();
    expect((await api.review.get(c.callId)).notes[0]).toMatchObject({ eventIndex: last, eventMissing: true });
  });

  it('survive a re-delivery of the call (a newer export of it imported again)', async () => {
    const s = await setUp();
    await annotate(s.api, calls[1]!.callId);
    const redelivered: SimpleCall = { ...calls[1]!, recBase: 990_000, updated: '2026-03-09 12:00:00.000' };
    const file = writeFile(s.dir, 'day1-again.csv', csv(inboundRows(redelivered)));
    const [r] = await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
    expect(r!.status).toBe('done');
    expectAnnotated(await s.api.review.get(calls[1]!.callId));
    const { total } = await s.api.calls.search({ tags: ['Late Callback'] });
    expect(total).toBe(1);
  });

  it('never change imported rows or derived calls', async () => {
    const s = await setUp();
    const raw = () => s.archive.db.prepare('SELECT * FROM raw_rows ORDER BY id').all();
    const docs = () => s.archive.db.prepare('SELECT * FROM call_docs ORDER BY call').all();
    const [r0, d0] = [raw(), docs()];
    await annotate(s.api, calls[2]!.callId);
    expect(raw()).toEqual(r0);
    expect(docs()).toEqual(d0);
  });

  it('tags: created on first use with a colour, renamed and recoloured; unknown calls refused', async () => {
    const s = await setUp();
    await s.api.review.addTag({ callId: calls[0]!.callId, tag: 'transfer' });
    await s.api.review.addTag({ callId: calls[3]!.callId, tag: 'transfer' });
    const [tag] = await s.api.review.tags();
    expect(tag).toMatchObject({ name: 'transfer', calls: 2 });
    expect(tag!.colour).toMatch(/^#[0-9a-f]{6}$/);
    const renamed = await s.api.review.updateTag({ id: tag!.id, name: 'wrong transfer', colour: '#123456' });
    expect(renamed).toMatchObject({ name: 'wrong transfer', colour: '#123456', calls: 2 });
    expect((await s.api.review.get(calls[3]!.callId)).tags).toEqual([{ name: 'wrong transfer', colour: '#123456' }]);
    await expect(s.api.review.createTag({ name: 'WRONG transfer' })).rejects.toThrow(/exists already/);
    await expect(s.api.review.addNote({ callId: 'nope', text: 'x' })).rejects.toThrow(/no call nope/);
    // A note on an event the call does not have is refused (it was stored and logged as event 99).
    const events = (await s.api.calls.get(calls[0]!.callId))!.call.events.length;
    await expect(s.api.review.addNote({ callId: calls[0]!.callId, eventIndex: events, text: 'x' })).rejects.toThrow(
      new RegExp(`has ${events} events: no event ${events + 1}$`),
    );
    await expect(
      s.api.review.addNote({ callId: calls[0]!.callId, eventIndex: events - 1, text: 'x' }),
    ).resolves.toBeTruthy();
    await s.api.review.removeTag({ callId: calls[0]!.callId, tag: 'wrong transfer' });
    expect((await s.api.review.tags())[0]!.calls).toBe(1);
  });

  it('a tag name differing only by letter case beyond ASCII or by Unicode normalisation is the same tag', async () => {
    const s = await setUp();
    const callId = calls[0]!.callId;
    await s.api.review.addTag({ callId, tag: 'Caf\u00e9' }); // é as one code point (NFC)
    await s.api.review.addTag({ callId, tag: 'Cafe\u0301' }); // e + combining acute (NFD): looks the same
    await s.api.review.addTag({ callId, tag: '\u00c9T\u00c9' });
    await s.api.review.addTag({ callId, tag: '\u00e9t\u00e9' }); // SQLite's NOCASE folds ASCII only
    await s.api.review.addTag({ callId, tag: 'Ste\u0301phane' }); // stored as typed in NFD before
    const names = async (): Promise<string[]> => (await s.api.review.get(callId)).tags.map((t) => t.name).sort();
    expect((await s.api.review.tags()).map((t) => t.name).sort()).toEqual([
      'Caf\u00e9',
      'St\u00e9phane',
      '\u00c9T\u00c9',
    ]);
    expect(await names()).toEqual(['Caf\u00e9', 'St\u00e9phane', '\u00c9T\u00c9']);
    await expect(s.api.review.createTag({ name: 'caf\u00c9' })).rejects.toThrow(/exists already/);
    await s.api.review.removeTag({ callId, tag: 'CAFE\u0301' });
    expect(await names()).toEqual(['St\u00e9phane', '\u00c9T\u00c9']);
  });

  it('every change is in the action log, with the OS user as actor and no note text', async () => {
    const s = await setUp();
    await annotate(s.api, target.callId);
    const log = await s.api.review.log({});
    expect(log.map((e) => e.action)).toEqual(['status', 'tag', 'tags', 'note', 'note', 'note', 'import']);
    expect(log.every((e) => e.actor.length > 0)).toBe(true);
    expect(JSON.stringify(log)).not.toMatch(/callback was|menu choice/);
    expect(log[log.length - 1]!.details).toMatchObject({ importId: 1 });
  });
});

describe('the review schema', () => {
  it('an archive of the previous schema is upgraded to SCHEMA_VERSION, its calls intact, and the upgrade logged', async () => {
    const s = freshArchive();
    const file = writeFile(s.dir, 'calls.csv', csv(manyCalls(12).flatMap(inboundRows)));
    await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
    // Back to the previous version: what the review migration added is dropped.
    s.archive.db.exec(`
      DROP TABLE erased_imports; DROP TABLE erased_rows; DROP TABLE erasures; DROP TABLE action_log;
      DROP TABLE review_status; DROP TABLE review_call_tags; DROP TABLE review_tags;
      DROP TABLE review_note_versions; DROP TABLE review_notes;`);
    // The version before the review tables (later migrations only add tables IF NOT EXISTS).
    s.archive.db.pragma(`user_version = ${REVIEW_VERSION - 1}`);
    const total = (await new SqliteArchiveApi(s.archive).calls.search({})).total;
    s.archive.close();

    const a = openArchive(s.path);
    opened.push(a);
    expect(a.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const api = new SqliteArchiveApi(a);
    expect((await api.calls.search({})).total).toBe(total);
    const log = await api.review.log({});
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'upgrade', details: { from: REVIEW_VERSION - 1, to: SCHEMA_VERSION } });
    await api.review.setStatus({ callId: '1000', status: 'reviewed' });
    expect(verifyArchive(a.db).ok).toBe(true); // the import from before the log is not required in it
  });
});
