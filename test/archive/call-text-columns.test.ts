// The text columns (src/main/api/call-text-columns.ts) against the reference's meaning of a text
// (test/archive/search-reference.ts: the call's ftsText, lower-cased, contains the word): words
// cut from every part of many calls' text — call ids, numbers as written and as digits, agents,
// queues, registrations, event names — each match exactly the calls the reference says, over
// every call of a simulated archive (with companion tables: registrations and names).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCallColumns, type CallColumns } from '../../src/main/api/call-columns';
import {
  entriesContaining,
  labelMightMatch,
  numberEntry,
  stringTable,
  textMatchMask,
} from '../../src/main/api/call-text-columns';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import { writeSimulatedExport } from '../../src/main/simulator/write-export';
import type { Archive } from '../../src/main/store/archive';
import { Rng } from '../../src/shared/simulator/prng';
import { TextNameWriter } from '../../src/main/store/text-names';
import { freshArchive } from './helpers';
import { refCall, type RefCall } from './search-reference';

let archive: Archive;
let cols: CallColumns;
let calls: RefCall[];

beforeAll(async () => {
  const s = freshArchive();
  archive = s.archive;
  const written = await writeSimulatedExport({ calls: 300, days: 2, seed: 9, out: join(s.dir, 'sim.csv') });
  const results = await importFiles(archive, written.files, { timeZone: 'Europe/Copenhagen', inProcess: true });
  expect(results.every((r) => r.status === 'done')).toBe(true);
  const api = new SqliteArchiveApi(archive);
  calls = [];
  for (const { id, call_id } of archive.db.prepare('SELECT id, call_id FROM calls ORDER BY id').all() as {
    id: number;
    call_id: string;
  }[]) {
    const detail = await api.calls.get(call_id);
    if (detail) calls.push(refCall(id, detail.call));
  }
  cols = buildCallColumns(archive.db) as CallColumns;
}, 60_000);
afterAll(() => archive.close());

/** Words of 3–8 characters cut at random from each part of a call's text (no whitespace inside). */
function wordsOf(c: RefCall, rng: Rng): string[] {
  const parts = c.text
    .split('\n')
    .flatMap((p) => p.split(/\s+/))
    .filter((p) => [...p].length >= 3);
  return parts.map((p) => {
    const len = Math.min(p.length, rng.int(3, 8));
    const at = rng.int(0, p.length - len);
    return p.slice(at, at + len);
  });
}

describe('text columns', () => {
  it('hold what the reference searches: the companion names and registrations are there to be found', () => {
    const c = calls.find((x) => x.call.registrations.length > 0);
    expect(c, 'the simulated archive has registrations').toBeDefined();
    expect(cols.text?.terms.ends.length).toBeGreaterThan(5);
  });

  it('match exactly the calls the reference matches, for words cut from every part of the calls', () => {
    const rng = new Rng(3);
    const words = new Set<string>();
    for (const c of calls.filter((_, i) => i % 3 === 0)) for (const w of wordsOf(c, rng)) words.add(w);
    expect(words.size).toBeGreaterThan(300);
    let checked = 0;
    let labelWords = 0;
    for (const word of words) {
      const mask = textMatchMask(cols, word);
      // Label words too: the terms are read from the calls' name sets, which hold the labels.
      if (labelMightMatch(word.toLowerCase())) labelWords++;
      const want = calls.filter((c) => c.text.includes(word.toLowerCase())).map((c) => c.id);
      const got = calls.filter((c) => mask?.[c.id] === 1).map((c) => c.id);
      expect(got, word).toEqual(want);
      checked++;
    }
    expect(checked).toBeGreaterThan(250);
    expect(labelWords).toBeGreaterThan(5);
  });

  it('every word must match (two words from different calls match only calls with both)', () => {
    const [a, b] = [calls[0], calls[1]] as [RefCall, RefCall];
    const text = `${a.call.callId} ${b.call.callId}`;
    const mask = textMatchMask(cols, text);
    const want = calls.filter((c) => c.text.includes(a.call.callId) && c.text.includes(b.call.callId)).map((c) => c.id);
    expect(calls.filter((c) => mask?.[c.id] === 1).map((c) => c.id)).toEqual(want);
  });

  it('find the event labels (English and Danish) in the name sets; without them leave label words to SQL', () => {
    for (const w of ['unanswered', 'nanswe', 'calls', 'finished', 'ubesvarede', 'opkald', 'færdige', '123'])
      expect(labelMightMatch(w), w).toBe(true);
    for (const w of ['velkomst', 'support', 'queue', '12a']) expect(labelMightMatch(w), w).toBe(false);
    expect(cols.text?.labels).toBe(true);
    for (const word of ['Unanswered', 'UBESVARE', 'færdig', 'unanswered finished']) {
      const mask = textMatchMask(cols, word);
      const want = calls.filter((c) => word.split(' ').every((w) => c.text.includes(w.toLowerCase()))).map((c) => c.id);
      expect(want.length, word).toBeGreaterThan(0);
      expect(
        calls.filter((c) => mask?.[c.id] === 1).map((c) => c.id),
        word,
      ).toEqual(want);
    }
    // An archive whose terms came from the events (read as it is, before the name sets): SQL answers.
    expect(textMatchMask({ ...cols, text: { ...cols.text!, labels: false } }, 'Unanswered')).toBeUndefined();
    expect(textMatchMask(cols, 'ab')).toBeNull(); // only a start-only word: not a text of the index
  });

  it('find a word in each part on its own: the call id, either number, a queue, an agent, an event name, a registration', () => {
    // Words with letters in parts that hold digits in the simulator (platform call ids, numbers as
    // written: "anonymous", "sip:…"), each written into one call only, then the columns read again.
    const [a, b, c, d, e, f] = calls.map((x) => x.id) as [number, number, number, number, number, number];
    const db = archive.db;
    db.prepare('UPDATE calls SET call_id = ? WHERE id = ?').run('Conv-Qz1', a);
    db.prepare('UPDATE calls SET caller_number = ? WHERE id = ?').run('Anonymous-Qz2', b);
    db.prepare('UPDATE calls SET access_number = ? WHERE id = ?').run('sip:desk-Qz3', c);
    db.prepare('INSERT INTO call_queues (call, queue, start_ms) VALUES (?, ?, 0)').run(d, 'Queue-Qz4');
    db.prepare('INSERT INTO call_agents (call, agent, start_ms, talk, talk_ms) VALUES (?, ?, 0, 0, 0)').run(
      e,
      'Agent-Qz5',
    );
    // An event's name or agent besides the call's agents and queues is in the call's name set (text-names.ts).
    const names = new TextNameWriter(db);
    names.setCall(f, ['Menu-Qz6']);
    const callIdOf = db.prepare('SELECT call_id FROM calls WHERE id = ?').pluck();
    const g = calls[6]?.id as number;
    db.prepare("INSERT INTO registrations (call_id, text, raw_row) VALUES (?, 'Note-Qz7', 1)").run(callIdOf.get(g));
    const h = calls[7]?.id as number;
    names.setCall(h, ['Agent-Qz8']);
    const fresh = buildCallColumns(db) as CallColumns;
    const found = (word: string) => calls.filter((x) => textMatchMask(fresh, word)?.[x.id] === 1).map((x) => x.id);
    expect(['qz1', 'qz2', 'QZ3', 'qz4', 'qz5', 'qz6', 'qz7', 'qz8'].map(found)).toEqual([
      [a],
      [b],
      [c],
      [d],
      [e],
      [f],
      [g],
      [h],
    ]);
  });

  it('string tables find each entry containing a word once, never across the line between entries', () => {
    const t = stringTable(['abcabc', '', 'xab', 'cxa', numberEntry('+45 12-34')]);
    expect([...(entriesContaining(t, 'abc') ?? [])]).toEqual([1, 0, 0, 0, 0]); // 'xab' + 'cxa' would contain it too
    expect(entriesContaining(t, 'bcx')).toBeNull(); // none: null, the part is then not looked at
    expect(entriesContaining(t, 'abz')).toBeNull(); // a character the table does not have: not even scanned
    expect([...(entriesContaining(t, '451234') ?? [])]).toEqual([0, 0, 0, 0, 1]); // the number's digits
    expect([...(entriesContaining(t, '12-3') ?? [])]).toEqual([0, 0, 0, 0, 1]); // as written
    // Latin-1 tables take a byte per character; others two (both found alike).
    const danish = stringTable(['rådgivning', 'kø æøå']);
    expect(danish.chars).toBeInstanceOf(Uint8Array);
    expect([...(entriesContaining(danish, 'æøå') ?? [])]).toEqual([0, 1]);
    const wide = stringTable(['€ support', 'Ωmega']);
    expect(wide.chars).toBeInstanceOf(Uint16Array);
    expect([...(entriesContaining(wide, 'Ωme') ?? [])]).toEqual([0, 1]);
    expect([...(entriesContaining(wide, '€ s') ?? [])]).toEqual([1, 0]);
    // UTF-16 bytes of 'a' (61 00) inside the characters U+6100 U+0000, at an odd offset: no match.
    const straddle = stringTable(['\u6100\u0000', 'xa']);
    expect([...(entriesContaining(straddle, 'a') ?? [])]).toEqual([0, 1]);
  });
});
