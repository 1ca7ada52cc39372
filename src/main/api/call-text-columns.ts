// The calls' free text as columns in memory (beside ./call-columns): a call's searchable text
// (ftsText in src/main/import/call-rows.ts — its numbers as written and as digits,
// agents, queues, registrations, event names and agents, call id) kept as dictionaries,
// so that the column scan tests a word against a few thousand names and the distinct numbers
// instead of listing every call the index says contains it. A word in most calls ("Velkomst" in
// 744,513 of a million) costs the index ~300 ms to list, and a page, its count and its facets
// each needed the list; here it costs one pass over the calls (measured in docs/archive.md).
// Matching is the reference's (test/archive/search-reference.ts): lower-cased text contains the
// lower-cased word; the trigram index folds case the same way for the texts of an archive.
// Event labels are not stored with the events (the engine computes them on read); the calls' name
// sets hold them (src/main/store/text-names.ts), and the terms are read from those. On an older
// archive read as it is, a word that could be part of a label is left to SQL (labelMightMatch).
import type { Db } from '../store/native';
import { digitsOf } from '../import/call-rows';
import { searchWords, isStartOnlyWord } from '../../shared/api/search-words';
import { rawIterate, sql, value } from '../store/sql';
import { unansweredLabel } from '../../shared/engine/labels';
import type { CallColumns } from './call-columns';
import { anyLink, LinkColumnBuilder, sharedArray, type LinkColumn } from './link-column';

/** Strings one after another ('\n' between them: no search word contains one), on shared memory. */
export interface StringTable {
  /** Latin-1 when every character is (numbers, most call ids: half the bytes), else UTF-16 code units. */
  chars: Uint8Array | Uint16Array;
  /** Entry i ends (exclusive) at ends[i]; the next starts one character later. */
  ends: Int32Array;
  /** has[c] = 1 when code unit c occurs (a word with any other is in no entry: not searched). */
  has: Uint8Array;
}

export interface TextColumns {
  /** By the rank of coalesce(caller_number, '') (CallColumns.callerRank): the number, and its digits when they differ. */
  callerNumbers: StringTable;
  accessNumbers: StringTable;
  /** By call id ('' where there is no call). */
  callIds: StringTable;
  /** Lower-cased, one entry each: event names and agents, and registrations (free text: maybe one per call). */
  terms: StringTable;
  /** Each call's terms (positions in `terms`). Its queues and agents are CallColumns' own links. */
  termLinks: LinkColumn;
  /**
   * The terms hold the event labels: read from the calls' name sets (text_names, schema
   * `TEXT_NAMES_VERSION`), which hold every name of a call besides its agents and queues, labels
   * among them. Else (an older archive read as it is) they hold the events' names and agents, and
   * a word that could be part of a label is left to SQL (labelMightMatch).
   */
  labels: boolean;
}

const CALL_IDS = sql<[id: number, callId: string]>('SELECT id, call_id FROM calls');
const EVENT_TEXTS = sql<[call: number, name: string | null, agent: string | null]>(
  'SELECT call, name, agent FROM events ORDER BY call',
);
const REGISTRATIONS = sql<[call: number, text: string]>(
  'SELECT c.id, r.text FROM registrations r JOIN calls c ON c.call_id = r.call_id',
);

function isLatin1(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) > 0xff) return false;
  return true;
}

/** A table of the given strings, in order. */
export function stringTable(entries: readonly string[]): StringTable {
  let length = 0;
  let wide = false;
  for (const e of entries) {
    length += e.length + 1;
    if (!wide && !isLatin1(e)) wide = true;
  }
  const chars = wide ? sharedArray(Uint16Array, 2, length) : sharedArray(Uint8Array, 1, length);
  const ends = sharedArray(Int32Array, 4, entries.length);
  const has = sharedArray(Uint8Array, 1, 65536);
  let at = 0;
  entries.forEach((e, i) => {
    for (let k = 0; k < e.length; k++) {
      const code = e.charCodeAt(k);
      chars[at + k] = code;
      has[code] = 1;
    }
    at += e.length;
    ends[i] = at;
    chars[at++] = 10; // '\n'
  });
  return { chars, ends, has };
}

/** A number as the index holds it: as written, and its digits when they differ (lower-cased). */
export function numberEntry(n: string): string {
  const digits = digitsOf(n);
  const lower = n.toLowerCase();
  return digits && digits !== n ? `${lower}\n${digits}` : lower;
}

/** The distinct caller and access numbers in rank order (CallColumns.callerRank / accessRank), as ./call-columns reads them. */
export interface DistinctNumbers {
  callers: string[];
  accesses: string[];
}

/**
 * Reads the text columns of `cols` (its `size`) in the caller's transaction: the same state as
 * the columns they go with.
 */
export function buildTextColumns(db: Db, cols: Pick<CallColumns, 'size'>, numbers: DistinctNumbers): TextColumns {
  const { size } = cols;
  const { callers, accesses } = numbers;
  const ids: string[] = new Array<string>(size).fill('');
  for (const [id, callId] of rawIterate(db, CALL_IDS)) ids[id] = callId.toLowerCase();
  const registrations = new Map<number, string[]>();
  for (const [call, text] of rawIterate(db, REGISTRATIONS)) {
    const list = registrations.get(call);
    if (list) list.push(text);
    else registrations.set(call, [text]);
  }
  const labels = hasNameSets(db);
  const { terms, termLinks } = labels ? readNameTerms(db, size, registrations) : readTerms(db, size, registrations);
  return {
    callerNumbers: stringTable(callers.map(numberEntry)),
    accessNumbers: stringTable(accesses.map(numberEntry)),
    callIds: stringTable(ids),
    terms,
    termLinks,
    labels,
  };
}

const HAS_NAME_SETS = sql<number>("SELECT 1 FROM main.sqlite_schema WHERE name = 'call_name_sets'");
const NAME_SETS = sql<[set: number, name: string]>(
  'SELECT s.name_set, n.name FROM text_name_set_names s JOIN text_names n ON n.id = s.name',
);
const CALL_NAME_SETS = sql<[call: number, set: number]>('SELECT call, name_set FROM call_name_sets ORDER BY call');

/** Whether the archive keeps the calls' names in sets (an older one read as it is has only empty temp tables). */
function hasNameSets(db: Db): boolean {
  return value(db, HAS_NAME_SETS) === 1;
}

/**
 * Each call's registrations and the names of its set (event names and agents besides its agents
 * and queues, labels in both languages: src/main/store/text-names.ts), as compressed rows. The sets
 * are few (67 at 1M calls): read once, then one integer per call.
 */
function readNameTerms(db: Db, size: number, registrations: Map<number, string[]>) {
  const dict = new Map<string, number>();
  const code = (text: string) => {
    const lower = text.toLowerCase();
    let c = dict.get(lower);
    if (c === undefined) dict.set(lower, (c = dict.size));
    return c;
  };
  const sets = new Map<number, number[]>();
  for (const [set, name] of rawIterate(db, NAME_SETS)) {
    const list = sets.get(set);
    if (list) list.push(code(name));
    else sets.set(set, [code(name)]);
  }
  const setOf = new Int32Array(size).fill(-1);
  for (const [call, set] of rawIterate(db, CALL_NAME_SETS)) if (call < size) setOf[call] = set;
  const column = new LinkColumnBuilder(size);
  const mine = new Set<number>();
  for (let call = 0; call < size; call++) {
    for (const r of registrations.get(call) ?? []) mine.add(code(r));
    for (const c of sets.get(setOf[call] as number) ?? []) mine.add(c);
    column.startRow(call);
    for (const c of mine) column.push(c);
    mine.clear();
  }
  return { terms: stringTable([...dict.keys()]), termLinks: column.finish() };
}

/** Each call's distinct terms, in call order (events by their call index), as compressed rows. */
function readTerms(db: Db, size: number, registrations: Map<number, string[]>) {
  const dict = new Map<string, number>();
  const column = new LinkColumnBuilder(size);
  let next = 0; // the first call whose terms are not written yet
  const mine = new Set<number>();
  const add = (text: string | null) => {
    if (!text) return;
    const lower = text.toLowerCase();
    let code = dict.get(lower);
    if (code === undefined) dict.set(lower, (code = dict.size));
    mine.add(code);
  };
  const flushUpTo = (call: number) => {
    // Calls before `call` are complete: write the open one's terms, then the registrations of any without events.
    for (; next < call; next++) {
      for (const r of registrations.get(next) ?? []) add(r);
      column.startRow(next);
      for (const code of mine) column.push(code);
      mine.clear();
    }
  };
  for (const [call, name, agent] of rawIterate(db, EVENT_TEXTS)) {
    flushUpTo(call);
    add(name);
    add(agent);
  }
  flushUpTo(size);
  return { terms: stringTable([...dict.keys()]), termLinks: column.finish() };
}

/**
 * The table's characters as a Buffer over the same shared memory (no copy, no string per worker:
 * Buffer.indexOf searches the bytes natively), with its encoding and bytes per character.
 */
function bytesOf(table: StringTable): { bytes: Buffer; encoding: 'latin1' | 'utf16le'; width: 1 | 2 } {
  const { chars } = table;
  const bytes = Buffer.from(chars.buffer, chars.byteOffset, chars.byteLength);
  return chars instanceof Uint8Array
    ? { bytes, encoding: 'latin1', width: 1 }
    : { bytes, encoding: 'utf16le', width: 2 };
}

/** Which entries of the table contain `word` (lower-cased); null when none does. */
export function entriesContaining(table: StringTable, word: string): Uint8Array | null {
  for (let k = 0; k < word.length; k++) if (!table.has[word.charCodeAt(k)]) return null;
  const { bytes, encoding, width } = bytesOf(table);
  const { ends } = table;
  const out = new Uint8Array(ends.length);
  let found = false;
  for (let byte = bytes.indexOf(word, 0, encoding); byte >= 0;) {
    if (byte % width !== 0) {
      // Inside a character (Node aligns a UTF-16 string's search today; a byte search would not).
      byte = bytes.indexOf(word, byte + 1, encoding);
      continue;
    }
    // The entry whose end is the first past the match (a match never spans the '\n' between entries).
    const at = byte / width;
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ends[mid] as number) > at) hi = mid;
      else lo = mid + 1;
    }
    out[lo] = 1;
    found = true;
    byte = bytes.indexOf(word, ((ends[lo] as number) + 1) * width, encoding);
  }
  return found ? out : null;
}

/** Which names contain the word (lower-cased); null when none does. */
function containing(names: readonly string[], word: string): Uint8Array | null {
  let found = false;
  const out = Uint8Array.from(names, (name) => (name.toLowerCase().includes(word) ? ((found = true), 1) : 0));
  return found ? out : null;
}

/** The words of the event labels (every count's, English and Danish), lower-cased, without the count. */
const LABEL_WORDS = [1, 2]
  .flatMap((n) => Object.values(unansweredLabel(n) ?? {}))
  .flatMap((label) => label.toLowerCase().split(/\s+/))
  .filter((w) => !/^\d+$/.test(w));

/**
 * Whether a (lower-cased) word could be part of an event label ("3 unanswered calls finished",
 * "1 ubesvaret opkald færdig"): part of one of its words, or digits (its count).
 */
export function labelMightMatch(word: string): boolean {
  return /^\d+$/.test(word) || LABEL_WORDS.some((w) => w.includes(word));
}

/** "Call `id` matches the text": evaluated per call, last in a scan (after the cheap masks). */
export type TextTest = (id: number) => boolean;

/**
 * The test of the text's words of three or more characters (every one must match) from the text
 * columns; null for a text without such words; undefined when the columns hold no text or, on an
 * archive without name sets, a word could be part of an event label (SQL answers those).
 */
export function textMatcher(cols: CallColumns, text: string | undefined): TextTest | null | undefined {
  const words = searchWords(text)
    .filter((w) => !isStartOnlyWord(w))
    .map((w) => w.toLowerCase());
  if (words.length === 0) return null;
  const t = cols.text;
  if (!t || (!t.labels && words.some(labelMightMatch))) return undefined;
  // Per word, the parts that contain it; a part in which nothing does is not looked at (most
  // words are in one or two). Plain loops: this runs per call, up to a million times a search.
  const tests: WordParts[] = words.map((word) => ({
    callId: entriesContaining(t.callIds, word),
    caller: entriesContaining(t.callerNumbers, word),
    access: entriesContaining(t.accessNumbers, word),
    terms: entriesContaining(t.terms, word),
    queues: containing(cols.queues, word),
    agents: containing(cols.agents, word),
  }));
  return (id) => {
    for (let w = 0; w < tests.length; w++) if (!wordMatches(cols, t, tests[w] as WordParts, id)) return false;
    return true;
  };
}

/** Where one word is found: entries or names containing it, per part (null: in none of that part). */
interface WordParts {
  callId: Uint8Array | null;
  caller: Uint8Array | null;
  access: Uint8Array | null;
  terms: Uint8Array | null;
  queues: Uint8Array | null;
  agents: Uint8Array | null;
}

function wordMatches(cols: CallColumns, t: TextColumns, m: WordParts, id: number): boolean {
  return (
    (m.callId !== null && m.callId[id] === 1) ||
    (m.caller !== null && m.caller[cols.callerRank[id] as number] === 1) ||
    (m.access !== null && m.access[cols.accessRank[id] as number] === 1) ||
    (m.terms !== null && anyLink(t.termLinks, id, m.terms)) ||
    (m.queues !== null && anyLink(cols.queueLinks, id, m.queues)) ||
    (m.agents !== null && anyLink(cols.agentLinks, id, m.agents))
  );
}

/** The calls the text matches, by id (textMatcher over every call; tests compare it with the reference). */
export function textMatchMask(cols: CallColumns, text: string | undefined): Uint8Array | null | undefined {
  const test = textMatcher(cols, text);
  if (!test) return test;
  const out = new Uint8Array(cols.size);
  for (let id = 1; id < cols.size; id++) if (cols.type[id] && test(id)) out[id] = 1;
  return out;
}

/**
 * The text test of a column scan: from the text columns when they are read, else the calls the
 * trigram index lists (`listed`, asked only then); null for a search without a text of long words.
 */
export function columnTextFilter(
  cols: CallColumns,
  text: string | undefined,
  listed: () => ArrayLike<number> | undefined,
): TextTest | null {
  const test = textMatcher(cols, text);
  if (test !== undefined) return test;
  const ids = listed();
  if (ids === undefined) return null;
  const bits = new Uint8Array(cols.size);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    if (id < cols.size) bits[id] = 1;
  }
  return (id) => bits[id] === 1;
}
