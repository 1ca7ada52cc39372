// Filter state of the call list → the API's CallSearch (pure; tested directly).
import type { CallSearch, Drill, SortColumn } from '../../../shared/api/archive-api';
import type { CallType, Outcome } from '../../../shared/model/archive-call';
import type { ReviewStatus } from '../../../shared/api/schemas';

export interface Range {
  min?: number | undefined;
  max?: number | undefined;
}

export interface CallFilters {
  /** ISO instants (UTC). */
  from: string | null;
  to: string | null;
  types: CallType[];
  outcomes: Outcome[];
  queues: string[];
  agents: string[];
  durationSec: Range;
  waitTimeSec: Range;
  speakTimeSec: Range;
  callbackAttempts: Range;
  /** Statistics drill-down: exactly the calls behind a figure (set from the Statistics view). */
  drill?: Drill | null;
  // Review work (#15): what reviewers wrote.
  /** Calls carrying any of these tags. */
  tags: string[];
  /** Calls of these review statuses. */
  statuses: ReviewStatus[];
  /** Calls with a note containing this text ('' = no filter). */
  noteText: string;
  /** true: calls with notes, false: without, null: either. */
  hasNotes: boolean | null;
  /** Silent dialer calls (#14 item 5): true only them, false none of them, null / absent: any. */
  silent?: boolean | null;
}

export function emptyFilters(): CallFilters {
  return {
    from: null,
    to: null,
    types: [],
    outcomes: [],
    queues: [],
    agents: [],
    durationSec: {},
    waitTimeSec: {},
    speakTimeSec: {},
    callbackAttempts: {},
    tags: [],
    statuses: [],
    noteText: '',
    hasNotes: null,
  };
}

export type SortDirection = 'asc' | 'desc';

function cleanRange(r: Range): Range | undefined {
  const out: Range = {};
  if (r.min !== undefined && Number.isFinite(r.min) && r.min >= 0) out.min = r.min;
  if (r.max !== undefined && Number.isFinite(r.max) && r.max >= 0) out.max = r.max;
  return out.min === undefined && out.max === undefined ? undefined : out;
}

/** Only set what is active: an empty chip adds nothing to the query. */
export function buildCallSearch(
  text: string,
  filters: CallFilters,
  sort: SortColumn,
  direction: SortDirection,
  limit: number,
  cursor: string | null = null,
): CallSearch {
  const q: CallSearch = { sort, direction, limit };
  const t = text.trim();
  if (t) q.text = t;
  if (filters.from) q.from = filters.from;
  if (filters.to) q.to = filters.to;
  if (filters.types.length) q.types = [...filters.types];
  if (filters.outcomes.length) q.outcomes = [...filters.outcomes];
  if (filters.queues.length) q.queues = [...filters.queues];
  if (filters.agents.length) q.agents = [...filters.agents];
  for (const key of ['durationSec', 'waitTimeSec', 'speakTimeSec', 'callbackAttempts'] as const) {
    const r = cleanRange(filters[key]);
    if (r) q[key] = r;
  }
  if (filters.drill) q.drill = filters.drill;
  if (filters.tags.length) q.tags = [...filters.tags];
  if (filters.statuses.length) q.statuses = [...filters.statuses];
  const note = filters.noteText.trim();
  if (note) q.noteText = note;
  if (filters.hasNotes !== null) q.hasNotes = filters.hasNotes;
  if (typeof filters.silent === 'boolean') q.silent = filters.silent;
  if (cursor) q.cursor = cursor;
  return q;
}

export function activeFilterCount(filters: CallFilters): number {
  let n = 0;
  if (filters.from || filters.to) n++;
  if (filters.drill) n++;
  if (typeof filters.silent === 'boolean') n++;
  for (const k of ['types', 'outcomes', 'queues', 'agents'] as const) if (filters[k].length) n++;
  for (const k of ['durationSec', 'waitTimeSec', 'speakTimeSec', 'callbackAttempts'] as const) {
    if (cleanRange(filters[k])) n++;
  }
  if (filters.tags.length) n++;
  if (filters.statuses.length) n++;
  // One chip for notes: its text and "has notes".
  if (filters.noteText.trim() || filters.hasNotes !== null) n++;
  return n;
}
