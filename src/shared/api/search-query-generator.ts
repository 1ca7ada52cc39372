// Random call searches as a new user makes them by clicking chips and typing: every filter of
// the CallSearch API alone and combined, texts drawn from the archive's own numbers, names,
// labels and digit runs, any sort and direction. Seeded: the same pool and seed give the same
// queries. Used by the bench (src/main/bench/search-random.ts) and by the property test that
// compares every search strategy with an in-memory reference (test/archive/search-strategies).
import type { Rng } from '../simulator/prng';
import { CALL_TYPES, OUTCOMES } from '../model/archive-call';
import { SORT_COLUMNS, type CallSearch } from './schemas';

/** What the archive holds, to draw texts and values from (see search-random.ts: samplePool). */
export interface QueryPool {
  /** Caller and access numbers as stored. */
  numbers: string[];
  agents: string[];
  queues: string[];
  /** Event labels and menu names (e.g. "1 unanswered call finished", "Hovedmenu"). */
  labels: string[];
  /** The archive's first and last call start (epoch ms). */
  firstMs: number;
  lastMs: number;
}

export type FilterName =
  | 'text'
  | 'time'
  | 'types'
  | 'outcomes'
  | 'queues'
  | 'agents'
  | 'durationSec'
  | 'waitTimeSec'
  | 'speakTimeSec'
  | 'callbackAttempts';

export const FILTER_NAMES: readonly FilterName[] = [
  'text',
  'time',
  'types',
  'outcomes',
  'queues',
  'agents',
  'durationSec',
  'waitTimeSec',
  'speakTimeSec',
  'callbackAttempts',
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A text as typed: a whole number, a digit run, the first keys, a name (or part), a label or a word of one. */
export function randomText(rng: Rng, pool: QueryPool): string {
  const kind = rng.int(0, 8);
  const number = pool.numbers.length ? rng.pick(pool.numbers) : '4512345678';
  const digits = number.replace(/\D/g, '') || '45';
  const name = (list: string[]) => (list.length ? rng.pick(list) : 'Anna');
  switch (kind) {
    case 0:
      return number;
    case 1: {
      // A digit run from anywhere in the number (prefix, infix or suffix), 3 to 8 digits.
      const len = rng.int(3, Math.min(8, digits.length));
      const at = rng.int(0, digits.length - len);
      return digits.slice(at, at + len);
    }
    case 2:
      // The first one or two keys of a number.
      return digits.slice(0, rng.int(1, 2));
    case 3:
      return name(pool.agents);
    case 4: {
      // Part of a name: its first two letters or a word of it.
      const n = name(pool.agents);
      return rng.chance(0.5) ? n.slice(0, 2) : rng.pick(n.split(/\s+/));
    }
    case 5:
      return name(pool.queues);
    case 6:
      return name(pool.labels);
    case 7: {
      const words = name(pool.labels)
        .split(/\s+/)
        .filter((w) => [...w].length >= 3);
      return words.length ? rng.pick(words) : 'unanswered';
    }
    default:
      return rng.chance(0.5) ? 'unanswered' : 'answered';
  }
}

function some<T>(rng: Rng, values: readonly T[], max: number): T[] {
  const n = rng.int(1, Math.min(max, values.length));
  const out = new Set<T>();
  while (out.size < n) out.add(rng.pick(values));
  return [...out];
}

function timeRange(rng: Rng, pool: QueryPool): Pick<CallSearch, 'from' | 'to'> {
  const span = rng.pick([HOUR, DAY, 7 * DAY, 30 * DAY, 90 * DAY]);
  const room = Math.max(0, pool.lastMs - pool.firstMs - span);
  // Whole hours mostly (chips), sometimes a minute-precise range typed by hand.
  const grain = rng.chance(0.7) ? HOUR : 60_000;
  const from = Math.floor((pool.firstMs + rng.next() * room) / grain) * grain;
  const open = rng.int(0, 5);
  const iso = (ms: number) => new Date(ms).toISOString();
  if (open === 0) return { from: iso(from) };
  if (open === 1) return { to: iso(from + span) };
  return { from: iso(from), to: iso(from + span) };
}

function range(rng: Rng, mins: number[], maxSpan: number): { min?: number; max?: number } {
  const min = rng.pick(mins);
  return rng.chance(0.4) ? { min, max: min + rng.int(1, maxSpan) } : { min };
}

/** One filter's part of a search. */
export function randomFilter(rng: Rng, pool: QueryPool, name: FilterName): Partial<CallSearch> {
  switch (name) {
    case 'text':
      return { text: randomText(rng, pool) };
    case 'time':
      return timeRange(rng, pool);
    case 'types':
      return { types: some(rng, CALL_TYPES, 2) };
    case 'outcomes':
      return { outcomes: some(rng, OUTCOMES, 2) };
    case 'queues':
      return pool.queues.length ? { queues: some(rng, pool.queues, 2) } : {};
    case 'agents':
      return pool.agents.length ? { agents: some(rng, pool.agents, 2) } : {};
    case 'durationSec':
      return { durationSec: range(rng, [0, 30, 60, 300, 900], 600) };
    case 'waitTimeSec':
      return { waitTimeSec: range(rng, [0, 5, 10, 30, 60, 120], 300) };
    case 'speakTimeSec':
      return { speakTimeSec: range(rng, [0, 10, 60, 180, 600], 600) };
    case 'callbackAttempts':
      return { callbackAttempts: range(rng, [0, 1, 2, 3], 3) };
  }
}

/**
 * A random search: a quarter of them one filter alone (every filter in turn), the rest two to
 * four filters combined; half sorted by start (the default), the rest by any column.
 */
export function randomSearch(rng: Rng, pool: QueryPool, index: number): CallSearch {
  const names =
    index % 4 === 0
      ? [FILTER_NAMES[(index / 4) % FILTER_NAMES.length] as FilterName]
      : some(rng, FILTER_NAMES, rng.int(2, 4));
  let q: CallSearch = {};
  for (const name of names) q = { ...q, ...randomFilter(rng, pool, name) };
  if (rng.chance(0.5)) q.sort = rng.pick(SORT_COLUMNS);
  if (rng.chance(0.3)) q.direction = 'asc';
  return q;
}

/** The filters a search uses (for reports and per-filter statistics). */
export function filtersOf(q: CallSearch): FilterName[] {
  return FILTER_NAMES.filter((n) => (n === 'time' ? q.from !== undefined || q.to !== undefined : q[n] !== undefined));
}
