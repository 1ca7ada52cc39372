// Erasure: the value is gone from every byte of the database file (after a VACUUM,
// free-text index included), counts / durations / timelines stay, verify passes,
// the action log's chain detects an edited or deleted entry, and importing the
// original records again warns and names the erasure.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import type { Archive } from '../../src/main/store/archive';
import { verifyArchive } from '../../src/main/store/verify';
import { eraseIn, ERASED, targetOf } from '../../src/main/review/erase-match';
import { csv, inboundRows, manyCalls, writeFile } from '../archive/fixtures';
import { editStoredValues, freshArchive, TZ } from '../archive/helpers';

const opened: Archive[] = [];
afterEach(() => {
  for (const a of opened.splice(0)) a.close();
});

const calls = manyCalls(30);
const victim = calls[4]!; // caller +4520100148
// The same person calls again on another day: both calls hold the number.
const again = { ...calls[9]!, caller: victim.caller };
const all = calls.map((c) => (c === calls[9] ? again : c));
const digitsOnly = victim.caller.replace(/\D/g, '');

async function setUp() {
  const s = freshArchive();
  opened.push(s.archive);
  // A rejected record holding the number too (a line with too few columns).
  const text = csv(all.flatMap(inboundRows)) + `broken,${victim.caller}\n`;
  const file = writeFile(s.dir, 'calls.csv', text);
  const [r] = await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
  expect(r!.status).toBe('done');
  const api = new SqliteArchiveApi(s.archive);
  await api.review.addNote({ callId: victim.callId, text: `customer asked to be called on ${victim.caller}` });
  return { ...s, file, text, api };
}

function fileBytesHold(path: string, needle: string): boolean {
  return readFileSync(path).includes(Buffer.from(needle, 'utf8'));
}

function timelines(a: Archive) {
  return a.db
    .prepare(
      'SELECT c.call_id, c.start_ms, c.end_ms, c.duration_sec, c.speak_time_sec, c.outcome, (SELECT json_group_array(json_array(e.type, e.start_ms, e.end_ms)) FROM events e WHERE e.call = c.id) AS events FROM calls c ORDER BY c.call_id',
    )
    .all();
}

describe('erase a phone number', () => {
  it('matches a number in any writing, never another number', () => {
    const t = [targetOf('+45 20 10 01 48')];
    expect(eraseIn('+4520100148', t)).toBe(ERASED);
    expect(eraseIn('tel: 20 10 01 48, ok', t)).toBe(`tel: ${ERASED}, ok`);
    // An area code in brackets is part of the number; a bracket around the whole number stays.
    const n = [targetOf('4791490710')];
    expect(eraseIn('ring (47) 9149 0710 i dag', n)).toBe(`ring ${ERASED} i dag`);
    expect(eraseIn('(+47) 9149 0710', n)).toBe(ERASED);
    expect(eraseIn('(4791490710)', n)).toBe(`(${ERASED})`);
    expect(eraseIn('(other 12345)', n)).toBe('(other 12345)');
    expect(eraseIn('004520100148', t)).toBe(ERASED);
    expect(eraseIn('+4520100149', t)).toBe('+4520100149');
    expect(eraseIn('2026-03-06 09:28:00.000', t)).toBe('2026-03-06 09:28:00.000');
    expect(eraseIn('Mail: Jens@Example.DK', [targetOf('jens@example.dk')])).toBe(`Mail: ${ERASED}`);
    expect(() => targetOf('hello')).toThrow(/neither a phone number/);
  });

  it('previews, then removes the value from every byte of the file, keeping counts and timelines; verify passes', async () => {
    const s = await setUp();
    const before = timelines(s.archive);
    const rawCount = s.archive.db.prepare('SELECT count(*) FROM raw_rows').pluck().get();
    const preview = await s.api.review.erasePreview({ value: victim.caller, reason: 'GDPR request 2026-17' });
    expect(preview).toMatchObject({ calls: 2, rawRows: 2, rejectedRows: 1, notes: 1, imports: 1 });
    expect(fileBytesHold(s.path, digitsOnly)).toBe(true); // the preview wrote nothing

    const result = await s.api.review.erase({ value: victim.caller.slice(3), reason: 'GDPR request 2026-17' });
    expect(result).toMatchObject({ calls: 2, rawRows: 2, rejectedRows: 1, notes: 1 });
    expect(timelines(s.archive)).toEqual(before);
    expect(s.archive.db.prepare('SELECT count(*) FROM raw_rows').pluck().get()).toBe(rawCount);
    const detail = await s.api.calls.get(victim.callId);
    expect(detail!.call.callerNumber).toBe(ERASED);
    expect(Object.values(detail!.rawRows[0]!.fields)).toContain(ERASED);
    expect((await s.api.calls.search({ text: digitsOnly.slice(-6) })).total).toBe(0);
    expect((await s.api.calls.search({ text: 'erased' })).total).toBe(2);
    expect((await s.api.review.get(victim.callId)).notes[0]!.text).toBe(`customer asked to be called on ${ERASED}`);

    const report = verifyArchive(s.archive.db);
    expect(report.problems).toEqual([]);
    expect(report.passed.join('\n')).toMatch(/digests match \(through erasure #1\)/);

    s.archive.db.exec('VACUUM');
    s.archive.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const needle of [digitsOnly, victim.caller, digitsOnly.slice(-8), '20 10 01 48'])
      expect(fileBytesHold(s.path, needle), needle).toBe(false);
    // The control: another caller's number is still in the file.
    expect(fileBytesHold(s.path, calls[5]!.caller.replace(/\D/g, ''))).toBe(true);

    const log = await s.api.review.log({});
    expect(log[0]).toMatchObject({ action: 'erase', calls: 2 });
    expect(log[0]!.summary).toMatch(/reason: GDPR request 2026-17/);
    expect(JSON.stringify(log)).not.toContain(digitsOnly.slice(-6));
  });

  it("erases the value from a note's earlier versions when its current text no longer holds it", async () => {
    const s = await setUp();
    const note = await s.api.review.addNote({ callId: calls[7]!.callId, text: `wrong number? ${victim.caller}` });
    await s.api.review.editNote({ noteId: note.id, text: 'the number was right after all' });
    const preview = await s.api.review.erasePreview({ value: victim.caller, reason: 'GDPR request 2026-17' });
    expect(preview.notes).toBe(2);
    await s.api.review.erase({ value: victim.caller, reason: 'GDPR request 2026-17' });
    const history = (await s.api.review.get(calls[7]!.callId)).notes[0]!.history.map((v) => v.text);
    expect(history).toEqual([`wrong number? ${ERASED}`, 'the number was right after all']);
    s.archive.db.exec('VACUUM');
    s.archive.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fileBytesHold(s.path, digitsOnly)).toBe(false);
  });

  it('erases the value from tag names and from saved and recent searches', async () => {
    const s = await setUp();
    await s.api.review.addTag({ callId: victim.callId, tag: `call back ${digitsOnly}` });
    await s.api.searches.recordRecent({ text: victim.caller });
    await s.api.searches.save({ name: `calls of ${digitsOnly}`, search: { text: digitsOnly.slice(-8) } });
    await s.api.review.erase({ value: victim.caller, reason: 'GDPR request 2026-17' });
    expect((await s.api.review.tags()).map((t) => t.name)).toEqual([`call back ${ERASED}`]);
    const searches = await s.api.searches.list();
    expect(searches.recent.map((r) => r.search.text)).toEqual([ERASED]);
    expect(searches.saved.map((r) => [r.name, r.search.text])).toEqual([[`calls of ${ERASED}`, ERASED]]);
    // Not the file's bytes: the action log's "tag created" entry still names the tag (the chain covers it).
    const rest = s.archive.db.prepare('SELECT count(*) FROM saved_searches WHERE search LIKE ?').pluck();
    expect(rest.get(`%${digitsOnly.slice(-8)}%`)).toBe(0);
  });

  it('refuses a reason that names the value (the reason stays in the action log for good)', async () => {
    const s = await setUp();
    const request = { value: victim.caller, reason: `GDPR request from ${digitsOnly.slice(-8)}` };
    await expect(s.api.review.erasePreview(request)).rejects.toThrow(/the reason names the value to erase/);
    await expect(s.api.review.erase(request)).rejects.toThrow(/the reason names the value to erase/);
    expect(s.archive.db.prepare('SELECT count(*) FROM erasures').pluck().get()).toBe(0);
  });

  it('importing the original records again warns and names the erasure', async () => {
    const s = await setUp();
    await s.api.review.erase({ value: victim.caller, reason: 'GDPR request' });
    // The same file: already imported, and it says its rows were anonymised since.
    const [same] = await importFiles(s.archive, [s.file], { timeZone: TZ, inProcess: true });
    expect(same!.status).toBe('duplicate');
    expect(same!.message).toMatch(/anonymised by erasure #1/);
    // The same records in another file (a new export holding the call again).
    const copy = writeFile(s.dir, 'calls-copy.csv', csv(inboundRows(victim)));
    const [r] = await importFiles(s.archive, [copy], { timeZone: TZ, inProcess: true });
    expect(r!.status).toBe('done');
    expect(r!.message).toMatch(/anonymised by erasure #1 .*GDPR request.*erase it again/);
    const log = await s.api.review.log({});
    expect(log[0]!.summary).toMatch(/WARNING: .*erasure #1/);
    expect(verifyArchive(s.archive.db).ok).toBe(true);
  });

  it('erases the caller numbers of every call before a date, only in those calls', async () => {
    const s = await setUp();
    const cut = '2026-03-04T00:00:00Z';
    const old = s.archive.db
      .prepare('SELECT count(*) FROM calls WHERE start_ms < ?')
      .pluck()
      .get(Date.parse(cut)) as number;
    const preview = await s.api.review.erasePreview({ before: cut, reason: 'retention: 2 days' });
    expect(preview.calls).toBe(old);
    await s.api.review.erase({ before: cut, reason: 'retention: 2 days' });
    const numbers = s.archive.db.prepare('SELECT start_ms, caller_number FROM calls').all() as {
      start_ms: number;
      caller_number: string;
    }[];
    for (const c of numbers)
      if (c.start_ms < Date.parse(cut)) expect(c.caller_number).toBe(ERASED);
      else expect(c.caller_number).not.toBe(ERASED);
    expect(verifyArchive(s.archive.db).ok).toBe(true);
  });
});

describe('the action log', () => {
  it("verify detects an edited entry, a deleted entry and a changed erasure's rows", async () => {
    const s = await setUp();
    await s.api.review.setStatus({ callId: victim.callId, status: 'reviewed' });
    await s.api.review.erase({ value: victim.caller, reason: 'GDPR request' });
    expect(verifyArchive(s.archive.db).ok).toBe(true);
    const db = s.archive.db;
    // The triggers refuse a plain edit; someone who drops them first is caught by the chain.
    expect(() => db.exec("UPDATE action_log SET actor = 'someone else' WHERE id = 2")).toThrow(/append-only/);
    db.exec('DROP TRIGGER action_log_no_update; DROP TRIGGER action_log_no_delete');
    db.exec("UPDATE action_log SET actor = 'someone else' WHERE id = 2");
    expect(verifyArchive(db).problems.join('\n')).toMatch(/entry 2: its content was changed/);
    db.exec('UPDATE action_log SET actor = (SELECT actor FROM action_log WHERE id = 1) WHERE id = 2');
    expect(verifyArchive(db).ok).toBe(true);
    db.exec('DELETE FROM action_log WHERE id = 3');
    expect(verifyArchive(db).problems.join('\n')).toMatch(/entry 3 missing/);
  });

  it('verify detects a raw row changed after an erasure', async () => {
    const s = await setUp();
    await s.api.review.erase({ value: victim.caller, reason: 'GDPR request' });
    const id = s.archive.db.prepare("SELECT max(row_id) FROM erased_rows WHERE kind = 'raw'").pluck().get() as number;
    editStoredValues(s.archive.db, id, '[erased]', '[ERASED]');
    expect(verifyArchive(s.archive.db).problems.join('\n')).toMatch(/raw rows differ/);
  });
});
