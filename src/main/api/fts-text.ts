// The free-text side of a search: the trigram index (calls_fts, rowid = calls.id)
// evaluated as little as possible. Calls are numbered in import order, so a time
// range covers a narrow band of ids: the match is evaluated inside that band only
// (FTS5 seeks its posting lists to the band instead of reading them whole).
import type { Db } from '../store/native';
import type { ParsedSearch } from './search-sql';
import { DEFAULT_SEARCH_TUNING, type SearchTuning } from './search-tuning';
import { timeRangeTotal } from './time-range-counts';
import { rangeMs } from './query-time';
import { one, sql, value, values } from '../store/sql';
import {
  ARM_ANY,
  ARM_PROBE,
  ARMS,
  firstIdsSql,
  MATCHED_NAMES,
  MATCHED_SETS,
  MAX_FIRST_PARTS,
  matchPhrases,
  textMatchIds,
  type IdBand,
  type PhraseArms,
  type TextMatchSql,
} from './text-match-sql';

/** The smallest and largest call id in a time range (the start index's part of it). */
const TIME_RANGE_IDS = sql<{ lo: number | null; hi: number | null }, [from: number, to: number]>(
  'SELECT min(id) AS lo, max(id) AS hi FROM calls INDEXED BY calls_start WHERE start_ms >= ? AND start_ms < ?',
);

/** Finding a time range's id band scans its part of the start index: worth it up to this many calls. */
const BAND_MAX_CALLS = 250_000;
/** A window of the start index whose ids spread over more than this × its size gains nothing from the band. */
const BAND_SPREAD = 16;
const MAX_WINDOW = 65_536;

// FTS5 applies rowid bounds only when they are SQLite integers; better-sqlite3 binds
// JS numbers as REAL, for which FTS5 silently ignores the bound. Hence the CASTs (text-match-sql.ts).
export type { IdBand } from './text-match-sql';
const MATCHED_NAMES_SQL = sql<number, [phrase: string]>(MATCHED_NAMES);
const MATCHED_SETS_SQL = sql<number, [phrase: string]>(MATCHED_SETS);
const PROBES = ARMS.map((arm) => [arm, sql<number, [phrase: string]>(ARM_PROBE[arm])] as const);
const ANY = ARMS.map((arm) => [arm, sql<number, [phrase: string]>(ARM_ANY[arm])] as const);
/** The archive keeps the calls' names apart (an older one read as it is: calls_fts holds them, only own text is probed). */
const OWN_ONLY: PhraseArms = { arms: ['own'], calls: Infinity };
const HAS_NAME_SETS = sql<number>("SELECT 1 FROM main.sqlite_schema WHERE name = 'call_name_sets'");

/** Exact match counts kept per archive state: the next pages of a broad text search do not count again. */
const COUNTS_KEPT = 32;

/**
 * Bytes of full match lists a worker keeps (4 bytes per call id; "Velkomst" at 1M calls: 744,513
 * ids, 2.9 MB). The list of a common word costs ~300 ms to read from the trigram index, and a list
 * shows the same text three times (its page, its count, its facets) on three workers.
 */
export const MATCH_LIST_BYTES = 48 << 20;

/** A full match list read by one worker, for the others (./read-pool passes it on, not copied). */
export interface SharedMatchList {
  match: string;
  /** The matching call ids, ascending, on a SharedArrayBuffer. */
  ids: Int32Array;
}

/**
 * Full match lists (no id band) kept for one generation of the calls' columns in memory, i.e. one
 * state of the archive: a new state brings a new generation and an empty set. Least recently used
 * first out, beyond `maxBytes`.
 */
export class MatchLists {
  private readonly lists = new Map<string, Int32Array>();
  private bytes = 0;
  private fresh: SharedMatchList[] = [];

  constructor(
    readonly generation: number,
    private readonly maxBytes = MATCH_LIST_BYTES,
  ) {}

  get(match: string): Int32Array | undefined {
    const ids = this.lists.get(match);
    if (ids) {
      this.lists.delete(match); // most recently used last
      this.lists.set(match, ids);
    }
    return ids;
  }

  /** Keeps a list; `listedHere`: read by this worker, to be passed on to the others (takeFresh). */
  put(match: string, ids: Int32Array, listedHere: boolean): void {
    const old = this.lists.get(match);
    if (old) this.bytes -= old.byteLength;
    this.lists.delete(match);
    this.lists.set(match, ids);
    this.bytes += ids.byteLength;
    for (const [key, list] of this.lists) {
      if (this.bytes <= this.maxBytes || key === match) break;
      this.lists.delete(key);
      this.bytes -= list.byteLength;
    }
    if (listedHere) this.fresh.push({ match, ids });
  }

  /** The lists read here since the last call. */
  takeFresh(): SharedMatchList[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  get size(): number {
    return this.lists.size;
  }
}

export class FtsText {
  private readonly counts = new Map<string, number>();
  private countsState = '';
  /** Per phrase of this archive state: where it has calls (its own text, agents, queues, other names). */
  private readonly armsOf = new Map<string, PhraseArms>();
  /** Whether the archive keeps the names apart (read once: a connection's schema does not lose them). */
  private nameSets: boolean | undefined;
  /** Full match lists shared by the read pool's workers, for the columns in memory (set per request). */
  lists: MatchLists | null = null;

  constructor(
    private readonly db: Db,
    private readonly tuning: SearchTuning = DEFAULT_SEARCH_TUNING,
  ) {}

  /**
   * How many calls match. Counting reads every posting list of the match (30 ms and more for
   * words in tens of thousands of calls), so counts are kept until the archive changes:
   * data_version moves when another connection (an import) commits, total_changes when this one writes.
   */
  count(match: string): number {
    const kept = this.keptCount(match);
    if (kept !== undefined) return kept;
    const q = this.matchSql(match, null);
    const n = value(this.db, sql<number, unknown[]>(`SELECT count(*) FROM (${q.sql})`), ...q.params) ?? 0;
    if (this.counts.size >= COUNTS_KEPT) this.counts.delete(this.counts.keys().next().value as string);
    this.counts.set(match, n);
    return n;
  }

  /** The count kept for a match, if the archive has not changed since it was counted. */
  keptCount(match: string): number | undefined {
    const state = `${this.db.pragma('data_version', { simple: true })}:${this.db.prepare('SELECT total_changes()').pluck().get()}`;
    if (state !== this.countsState) {
      this.counts.clear();
      this.armsOf.clear();
      this.countsState = state;
    }
    return this.counts.get(match);
  }

  /**
   * The SQL of the calls a match finds (text-match-sql.ts), from only the places where each phrase
   * has calls (one probe each, kept per archive state): a number or a call id runs the plain MATCH
   * of old, a name alone reads only its links.
   */
  matchSql(match: string, band: IdBand | null): TextMatchSql {
    this.keptCount(match); // forgets what it knew of the phrases when the archive changed
    const phrases = matchPhrases(match);
    if (this.nameSets === undefined) this.nameSets = value(this.db, HAS_NAME_SETS) === 1;
    if (!this.nameSets) return textMatchIds(match, band, new Map(phrases.map((p) => [p, OWN_ONLY])));
    const arms = new Map<string, PhraseArms>();
    for (const p of phrases) arms.set(p, this.phraseArms(p, phrases.length > 1));
    return textMatchIds(match, band, arms);
  }

  /**
   * Where a phrase has calls (probed once per archive state), and, when `counted` (a text of several
   * phrases: the one with the fewest calls is listed first), about how many.
   */
  private phraseArms(phrase: string, counted = false): PhraseArms {
    let of = this.armsOf.get(phrase);
    if (of === undefined || (counted && !Number.isFinite(of.calls))) {
      const counts = (counted ? PROBES : ANY).map(([arm, probe]) => [arm, value(this.db, probe, phrase) ?? 0] as const);
      const found = counts.filter(([, n]) => n > 0);
      of = {
        arms: found.map(([arm]) => arm),
        calls: counted ? found.reduce((sum, [, n]) => sum + n, 0) : Infinity,
      };
      if (this.armsOf.size >= 4 * COUNTS_KEPT) this.armsOf.clear();
      this.armsOf.set(phrase, of);
    }
    return of;
  }

  /** Forgets the kept counts (the bench measures cold requests). */
  forgetCounts(): void {
    this.counts.clear();
  }

  /**
   * The first `max + 1` matching call ids in id order (descending for 'desc'): all of them when
   * there are at most `max` (the list is then the count), else a sample of the ids nearest the
   * end the list starts from — calls are numbered in import order, so its span tells how densely
   * the text matches there.
   */
  idsUpTo(match: string, max: number, direction: 'asc' | 'desc'): number[] {
    const first = Number.isFinite(max) ? this.firstIdsOfName(match, max + 1, direction) : null;
    if (first) return values(this.db, sql<number, unknown[]>(first.sql), ...first.params);
    const q = this.matchSql(match, null);
    return values(
      this.db,
      sql<number, unknown[]>(`SELECT id FROM (${q.sql}) ORDER BY id ${direction === 'desc' ? 'DESC' : 'ASC'} LIMIT ?`),
      ...q.params,
      Number.isFinite(max) ? max + 1 : -1,
    );
  }

  /** One phrase with names: its first ids read per name (text-match-sql.ts firstIdsSql); else null. */
  private firstIdsOfName(match: string, n: number, direction: 'asc' | 'desc'): TextMatchSql | null {
    const phrases = matchPhrases(match);
    if (phrases.length !== 1) return null;
    const phrase = phrases[0] as string;
    const arms = this.phraseArms(phrase).arms;
    if (arms.every((a) => a === 'own')) return null;
    const names = arms.some((a) => a === 'agents' || a === 'queues') ? values(this.db, MATCHED_NAMES_SQL, phrase) : [];
    const parts = {
      own: arms.includes('own'),
      agents: arms.includes('agents') ? names : [],
      queues: arms.includes('queues') ? names : [],
      sets: arms.includes('sets') ? values(this.db, MATCHED_SETS_SQL, phrase) : [],
    };
    if (parts.agents.length + parts.queues.length + parts.sets.length > MAX_FIRST_PARTS) return null;
    return firstIdsSql(phrase, parts, n, direction === 'desc' ? 'DESC' : 'ASC');
  }

  /** The matching call ids (inside a band when given), as a JSON list for json_each. */
  ids(match: string, band: IdBand | null): string {
    return JSON.stringify(Array.from(this.idList(match, band)));
  }

  /** The matching call ids, ascending (inside a band when given); a full list from `lists` when kept there. */
  idList(match: string, band: IdBand | null): ArrayLike<number> {
    const ids = (b: IdBand | null) => {
      const q = this.matchSql(match, b);
      return values(this.db, sql<number, unknown[]>(`SELECT id FROM (${q.sql}) ORDER BY id`), ...q.params);
    };
    if (band) return ids(band);
    const kept = this.lists?.get(match);
    if (kept) return kept;
    const all = ids(null);
    if (!this.lists) return all;
    const shared = new Int32Array(new SharedArrayBuffer(all.length * 4));
    shared.set(all);
    this.lists.put(match, shared, true);
    return shared;
  }

  /** The smallest and largest call id of the search's time range, when it has one of bounded size. */
  idBounds(q: ParsedSearch): IdBand | null {
    if (!q.from && !q.to) return null;
    const { from, to } = rangeMs(q);
    if (timeRangeTotal(this.db, from, to) > BAND_MAX_CALLS) return null;
    const band = one(this.db, TIME_RANGE_IDS, from, to);
    return !band || band.lo === null || band.hi === null ? { lo: 1, hi: 0 } : { lo: band.lo, hi: band.hi };
  }

  /**
   * The ids of the first `n` matching calls in start order after `after`, found by reading
   * the start index in growing windows and evaluating the match only inside each window's
   * id band. Null when the ids of a window are spread too widely for that to pay off
   * (calls not numbered in time order), or when `maxRows` calls were read without finding
   * `n` (a rare text: counting it is cheap); the caller then lists every match instead.
   */
  walkByStart(
    match: string,
    direction: 'asc' | 'desc',
    after: { value: string | number; id: number } | null,
    n: number,
    firstWindow: number,
    maxRows = Infinity,
  ): number[] | null {
    const desc = direction === 'desc';
    const dir = desc ? 'DESC' : 'ASC';
    // The windows stay in SQLite (reading 16k index rows into JS costs more than the match):
    // one pass for the window's id band, one for its matching calls in order, one for its end.
    const window = (keyed: boolean) =>
      `SELECT id, start_ms FROM calls INDEXED BY calls_start ${keyed ? `WHERE (start_ms, id) ${desc ? '<' : '>'} (?, ?) ` : ''}` +
      `ORDER BY start_ms ${dir}, id ${dir} LIMIT ?`;
    // Parameters: the keyset (keyed windows only), then the window's size and the statement's own.
    const statements = (keyed: boolean) => ({
      band: sql<{ lo: number | null; hi: number | null; n: number }, number[]>(
        `SELECT min(id) AS lo, max(id) AS hi, count(*) AS n FROM (${window(keyed)})`,
      ),
      hits: (text: TextMatchSql) =>
        sql<number, unknown[]>(
          `SELECT w.id FROM (${window(keyed)}) w WHERE w.id IN (${text.sql}) ORDER BY w.start_ms ${dir}, w.id ${dir} LIMIT ?`,
        ),
      end: sql<{ id: number; start_ms: number }, number[]>(`${window(keyed)} OFFSET ?`),
    });
    const first = statements(false);
    const keyed = statements(true);
    const out: number[] = [];
    let pos: [number, number] | null = after ? [Number(after.value), after.id] : null;
    let size = Math.min(MAX_WINDOW, Math.max(this.tuning.ftsWindow, firstWindow));
    let read = 0;
    while (out.length < n) {
      if (read >= maxRows) return null;
      const st = pos ? keyed : first;
      const at = pos ?? [];
      const band = one(this.db, st.band, ...at, size);
      if (!band?.n || band.lo === null || band.hi === null) break;
      if (band.hi - band.lo > BAND_SPREAD * band.n + this.tuning.ftsWindow) return null;
      const text = this.matchSql(match, { lo: band.lo, hi: band.hi });
      out.push(...values(this.db, st.hits(text), ...at, size, ...text.params, n - out.length));
      if (out.length >= n || band.n < size) break;
      read += band.n;
      const last = one(this.db, st.end, ...at, 1, size - 1);
      if (!last) break;
      pos = [last.start_ms, last.id];
      size = Math.max(1, Math.min(size * 4, MAX_WINDOW, maxRows - read));
    }
    return out;
  }
}
