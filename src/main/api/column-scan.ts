// Searches and facets answered by one pass over the calls' columns in memory (./call-columns):
// the filter is compiled to masks and bounds, every call is tested, and the page is the k first
// matches in sort order (a bounded heap), or for a jump the matches selected around its row
// position. Costs grow with the archive (a few milliseconds per million calls per filter), never
// with how well an index happens to fit the query — the slow classes of the SQL plans (a common
// filter sorted by another column, facets of a near-total range, deep jumps) are the easy cases here.
import type { FacetCount, Facets } from '../../shared/api/archive-api';
import type { SortColumn } from '../../shared/api/schemas';
import type { CallColumns } from './call-columns';
import { anyLink, type LinkColumn } from './link-column';
import { CALL_OUTCOME_CODES, CALL_TYPE_CODES } from '../store/coded-columns';
import { fromMs, toMs } from './query-time';
import type { ParsedSearch } from './search-sql';
import type { TextTest } from './call-text-columns';

/** The filters a column scan evaluates. A search naming any other (drill-down, review, silent) is left to SQL. */
const SCANNED = new Set([
  'text',
  'from',
  'to',
  'types',
  'outcomes',
  'queues',
  'agents',
  'durationSec',
  'waitTimeSec',
  'speakTimeSec',
  'callbackAttempts',
  'sort',
  'direction',
  'limit',
  'cursor',
  'offset',
  'count',
]);

/** True when every filter the search names is one the scan evaluates. */
export function scannable(q: ParsedSearch): boolean {
  return Object.entries(q).every(([k, v]) => v === undefined || SCANNED.has(k));
}

/** Groups of the filter, as bits: a facet counts the calls that fail at most its own group. */
const TYPE = 1;
const OUTCOME = 2;
const QUEUE = 4;
const AGENT = 8;
const BASE = 16;

type Column = Float64Array | Int32Array | Uint8Array;

/**
 * A one- or two-character word of the text: it matches the start of the caller or access number
 * (rank ranges, [lo, hi)) or of any of the call's agents or queues (dictionary masks), as in SQL.
 */
export interface ShortWordMatch {
  caller: [number, number][];
  access: [number, number][];
  agents: Uint8Array;
  queues: Uint8Array;
}

/** A search compiled against one set of columns. */
export interface CompiledFilter {
  /** Whether a call matches the free text, or null when the search has none (tested last: the dearest). */
  text: TextTest | null;
  /** Its short words (every one must match). */
  short: ShortWordMatch[];
  from: number;
  to: number;
  types: Uint8Array | null;
  outcomes: Uint8Array | null;
  queues: Uint8Array | null;
  agents: Uint8Array | null;
  ranges: { column: Float64Array; min: number; max: number }[];
}

function mask(dict: string[], wanted: readonly string[] | undefined, offset: number): Uint8Array | null {
  if (!wanted?.length) return null;
  const out = new Uint8Array(dict.length + offset);
  const want = new Set(wanted);
  dict.forEach((name, i) => {
    if (want.has(name)) out[i + offset] = 1;
  });
  return out;
}

/** The search's filter over the columns; text: the test of its free text (./call-text-columns; null: no text). */
export function compileFilter(
  cols: CallColumns,
  q: ParsedSearch,
  text: TextTest | null,
  short: ShortWordMatch[] = [],
): CompiledFilter {
  const ranges: CompiledFilter['ranges'] = [];
  for (const [key, column] of [
    ['durationSec', cols.duration],
    ['waitTimeSec', cols.wait],
    ['speakTimeSec', cols.speak],
    ['callbackAttempts', cols.attempts],
  ] as const) {
    const r = q[key];
    // min defaults to 0: calls without a value (-1) never match a range, as in SQL.
    if (r) ranges.push({ column, min: r.min ?? 0, max: r.max ?? Infinity });
  }
  return {
    text,
    short,
    from: fromMs(q) ?? -Infinity,
    to: toMs(q) ?? Infinity,
    types: mask(cols.types, q.types, 1),
    outcomes: mask(cols.outcomes, q.outcomes, 1),
    queues: mask(cols.queues, q.queues, 0),
    agents: mask(cols.agents, q.agents, 0),
    ranges,
  };
}

function inRanges(ranges: [number, number][], rank: number): boolean {
  for (const [lo, hi] of ranges) if (rank >= lo && rank < hi) return true;
  return false;
}

function shortWordMatches(cols: CallColumns, w: ShortWordMatch, id: number): boolean {
  return (
    inRanges(w.caller, cols.callerRank[id] as number) ||
    inRanges(w.access, cols.accessRank[id] as number) ||
    anyLink(cols.agentLinks, id, w.agents) ||
    anyLink(cols.queueLinks, id, w.queues)
  );
}

/** Call `id` matches every filter (a page's test: it stops at the first that fails). */
function passes(cols: CallColumns, f: CompiledFilter, id: number): boolean {
  return (
    passesBase(cols, f, id) &&
    (!f.types || f.types[cols.type[id] as number] === 1) &&
    (!f.outcomes || f.outcomes[cols.outcome[id] as number] === 1) &&
    (!f.queues || anyLink(cols.queueLinks, id, f.queues)) &&
    (!f.agents || anyLink(cols.agentLinks, id, f.agents)) &&
    passesWords(cols, f, id)
  );
}

/**
 * The text, last: its short words each walk the call's agents and queues (a "Je" over 1M calls:
 * 231 ms first), its long words the call's terms, numbers and id.
 */
function passesWords(cols: CallColumns, f: CompiledFilter, id: number): boolean {
  for (const w of f.short) if (!shortWordMatches(cols, w, id)) return false;
  return !f.text || f.text(id);
}

/** The call exists and is in the time range and the ranges (no facet leaves them out, nor the text). */
function passesBase(cols: CallColumns, f: CompiledFilter, id: number): boolean {
  if (!cols.type[id]) return false;
  const start = cols.start[id] as number;
  if (start < f.from || start >= f.to) return false;
  for (const r of f.ranges) {
    const v = r.column[id] as number;
    if (v < r.min || v > r.max) return false;
  }
  return true;
}

/** The groups call `id` fails (0: it matches); BASE for a call that does not exist (a facet's test). */
function failures(cols: CallColumns, f: CompiledFilter, id: number): number {
  if (!passesBase(cols, f, id) || !passesWords(cols, f, id)) return BASE;
  let out = 0;
  if (f.types && !f.types[cols.type[id] as number]) out |= TYPE;
  if (f.outcomes && !f.outcomes[cols.outcome[id] as number]) out |= OUTCOME;
  if (f.queues && !anyLink(cols.queueLinks, id, f.queues)) out |= QUEUE;
  if (f.agents && !anyLink(cols.agentLinks, id, f.agents)) out |= AGENT;
  return out;
}

/** The column that orders each sort, as (key, id) pairs. */
export function sortKeys(cols: CallColumns, sort: SortColumn): Column {
  switch (sort) {
    case 'start':
      return cols.start;
    case 'callerNumber':
      return cols.callerRank;
    case 'accessNumber':
      return cols.accessRank;
    case 'queue':
      return cols.queueKey;
    case 'agent':
      return cols.agentKey;
    case 'type':
      return cols.type;
    case 'outcome':
      return cols.outcome;
    case 'timeBeforeAnswerSec':
      return cols.tba;
    case 'waitTimeSec':
      return cols.wait;
    case 'speakTimeSec':
      return cols.speak;
    case 'callbackAttempts':
      return cols.attempts;
  }
}

/** A position in sort order: a call's key and id. */
export interface KeyAt {
  key: number;
  id: number;
}

/** "a comes before b" in the sort order (direction included). */
type Before = (a: number, b: number) => boolean;

function beforeFor(keys: Column, desc: boolean): Before {
  return desc
    ? (a, b) => (keys[a] as number) > (keys[b] as number) || (keys[a] === keys[b] && a > b)
    : (a, b) => (keys[a] as number) < (keys[b] as number) || (keys[a] === keys[b] && a < b);
}

function afterFor(keys: Column, desc: boolean, at: KeyAt | null): (id: number) => boolean {
  if (!at) return () => true;
  const { key, id: atId } = at;
  return desc
    ? (id) => (keys[id] as number) < key || (keys[id] === key && id < atId)
    : (id) => (keys[id] as number) > key || (keys[id] === key && id > atId);
}

export interface ScannedPage {
  /** The page's call ids in sort order (at most `take`). */
  ids: number[];
  /** Every match (the cursor does not change it). */
  total: number;
}

/**
 * The `take` first matches after `after` (a cursor's position), or from row position `offset`
 * (a jump), in sort order, and the exact total.
 */
export function scanPage(
  cols: CallColumns,
  f: CompiledFilter,
  order: { sort: SortColumn; desc: boolean },
  from: { after: KeyAt | null; offset: number },
  take: number,
): ScannedPage {
  const keys = sortKeys(cols, order.sort);
  const before = beforeFor(keys, order.desc);
  const isAfter = afterFor(keys, order.desc, from.after);
  if (from.offset > 0) {
    const matches = new Int32Array(cols.count);
    let n = 0;
    for (let id = 1; id < cols.size; id++) if (passes(cols, f, id)) matches[n++] = id;
    if (from.offset >= n) return { ids: [], total: n };
    const end = Math.min(n, from.offset + take);
    selectNth(matches, 0, n - 1, from.offset, before);
    if (end - 1 > from.offset) selectNth(matches, from.offset + 1, n - 1, end - 1, before);
    const ids = Array.from(matches.subarray(from.offset, end)).sort((a, b) => (before(a, b) ? -1 : 1));
    return { ids, total: n };
  }
  // Ids run in import order, which start times (and ties, broken by id) follow: walking the ids
  // in the sort's direction, a later call seldom beats the page kept so far, so the heap is
  // seldom touched (walked against it, every call would enter it).
  const heap = new BoundedHeap(take, before);
  let total = 0;
  const step = order.desc ? -1 : 1;
  for (let id = order.desc ? cols.size - 1 : 1; id > 0 && id < cols.size; id += step) {
    if (!passes(cols, f, id)) continue;
    total++;
    if (isAfter(id)) heap.offer(id);
  }
  return { ids: heap.sorted(), total };
}

/** The k first of the items offered, in order: a max-heap of the k best so far (its top the worst of them). */
class BoundedHeap {
  private readonly items: number[] = [];

  constructor(
    private readonly k: number,
    private readonly before: Before,
  ) {}

  offer(id: number): void {
    const { items, before } = this;
    if (items.length < this.k) {
      items.push(id);
      this.up(items.length - 1);
    } else if (items.length && before(id, items[0] as number)) {
      items[0] = id;
      this.down(0);
    }
  }

  sorted(): number[] {
    return [...this.items].sort((a, b) => (this.before(a, b) ? -1 : 1));
  }

  /** "a is worse than b": the heap keeps its worst item on top. */
  private worse(a: number, b: number): boolean {
    return this.before(b, a);
  }

  private up(i: number): void {
    const { items } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(items[i] as number, items[parent] as number)) break;
      [items[i], items[parent]] = [items[parent] as number, items[i] as number];
      i = parent;
    }
  }

  private down(i: number): void {
    const { items } = this;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < items.length && this.worse(items[l] as number, items[top] as number)) top = l;
      if (r < items.length && this.worse(items[r] as number, items[top] as number)) top = r;
      if (top === i) return;
      [items[i], items[top]] = [items[top] as number, items[i] as number];
      i = top;
    }
  }
}

/**
 * Rearranges a[lo..hi] so that a[n] holds the item that sorted order puts there, every item before
 * it comes before it and every item after does not (Hoare's selection). The pivot is drawn at
 * random (a fixed-seed generator): ids arrive nearly in start order, on which a median-of-three
 * pivot degrades (1.3 s for a jump near the end of 760,000 matches, measured; 40 ms random).
 */
export function selectNth(a: Int32Array, lo: number, hi: number, n: number, before: Before): void {
  let seed = 0x2545f491;
  while (hi > lo) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    swap(a, lo + (seed % (hi - lo + 1)), hi);
    const pivot = a[hi] as number;
    let store = lo;
    for (let i = lo; i < hi; i++) if (before(a[i] as number, pivot)) swap(a, i, store++);
    swap(a, store, hi);
    if (store === n) return;
    if (n < store) hi = store - 1;
    else lo = store + 1;
  }
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

const FACET_LIMIT = 200;

/** Facet counts: each facet counts the calls that match every filter but its own. */
export function scanFacets(cols: CallColumns, f: CompiledFilter): Facets {
  const type = new Float64Array(cols.types.length + 1);
  const outcome = new Float64Array(cols.outcomes.length + 1);
  const queue = new Float64Array(cols.queues.length);
  const agent = new Float64Array(cols.agents.length);
  const inc = (into: Float64Array, i: number) => {
    into[i] = (into[i] as number) + 1;
  };
  const count = (links: LinkColumn, id: number, into: Float64Array) => {
    for (let i = links.offsets[id] as number, end = links.offsets[id + 1] as number; i < end; i++)
      inc(into, links.codes[i] as number);
  };
  for (let id = 1; id < cols.size; id++) {
    const fails = failures(cols, f, id);
    if (fails & BASE) continue;
    if ((fails & ~TYPE) === 0) inc(type, cols.type[id] as number);
    if ((fails & ~OUTCOME) === 0) inc(outcome, cols.outcome[id] as number);
    if ((fails & ~QUEUE) === 0) count(cols.queueLinks, id, queue);
    if ((fails & ~AGENT) === 0) count(cols.agentLinks, id, agent);
  }
  return {
    type: ranked(type, (i) => cols.types[i - 1]),
    outcome: ranked(outcome, (i) => cols.outcomes[i - 1]),
    queue: ranked(queue, (i) => cols.queues[i]),
    agent: ranked(agent, (i) => cols.agents[i]),
  };
}

/** Non-zero counts as the SQL facets order them: count descending, then value (dictionary order is SQLite's). */
function ranked(counts: Float64Array, name: (i: number) => string | undefined): FacetCount[] {
  const out: { i: number; count: number }[] = [];
  counts.forEach((count, i) => {
    if (count > 0 && name(i) !== undefined) out.push({ i, count });
  });
  out.sort((a, b) => b.count - a.count || a.i - b.i);
  return out.slice(0, FACET_LIMIT).map(({ i, count }) => ({ value: name(i) as string, count }));
}

/**
 * A cursor's position (its sort value and call id) as a column key. For caller / access numbers
 * the key is the call's rank, valid only while the call still has the cursor's value
 * (`valueOf` reads it); null when the position cannot be placed (the archive changed): SQL answers.
 */
export function keyOfCursor(
  cols: CallColumns,
  sort: SortColumn,
  cursor: { value: string | number; id: number },
  valueOf: (id: number) => string | undefined,
): KeyAt | null {
  const { value, id } = cursor;
  const at = (key: number | undefined) => (key === undefined || key < 0 ? null : { key, id });
  switch (sort) {
    // The SQL's sort value is the code (SORT_EXPR): its text's place in the columns' list.
    case 'type':
      return typeof value === 'number' ? at(cols.types.indexOf(CALL_TYPE_CODES[value] ?? '') + 1 || undefined) : null;
    case 'outcome':
      return typeof value === 'number'
        ? at(cols.outcomes.indexOf(CALL_OUTCOME_CODES[value] ?? '') + 1 || undefined)
        : null;
    case 'queue':
      return typeof value === 'string' ? at(cols.queues.indexOf(value)) : null;
    case 'agent':
      return typeof value === 'string' ? at(cols.agents.indexOf(value)) : null;
    case 'callerNumber':
    case 'accessNumber':
      if (typeof value !== 'string' || id <= 0 || id >= cols.size || !cols.type[id] || valueOf(id) !== value)
        return null;
      return at((sort === 'callerNumber' ? cols.callerRank : cols.accessRank)[id]);
    default:
      return typeof value === 'number' ? { key: value, id } : null;
  }
}
