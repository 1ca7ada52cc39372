// What the call view shows, as a URL query and back: search text, filters, sort
// and the selected call. Browser mode keeps it in the address bar (back / forward,
// a copied URL opens the same view); Electron's callscope:// links carry the same
// query. Decoding validates every parameter and drops what is not valid, so a
// hand-edited or truncated link opens the closest view instead of failing.
import { REVIEW_STATUSES, SORT_COLUMNS, type ReviewStatus, type SortColumn } from '../api/schemas';
import { CALL_TYPES, OUTCOMES, type CallType, type Outcome } from '../model/archive-call';

export interface RangeState {
  min?: number;
  max?: number;
}

export interface ViewState {
  text: string;
  /** ISO instants. */
  from: string | null;
  to: string | null;
  types: CallType[];
  outcomes: Outcome[];
  queues: string[];
  agents: string[];
  durationSec: RangeState;
  waitTimeSec: RangeState;
  speakTimeSec: RangeState;
  callbackAttempts: RangeState;
  sort: SortColumn;
  direction: 'asc' | 'desc';
  /** The selected call's id. */
  call: string | null;
  // Review work (#15), set only when used (a view without them is the view before them).
  /** Tag names (any of). */
  tags?: string[];
  statuses?: ReviewStatus[];
  /** Note text (contains). */
  noteText?: string;
  /** Calls with (true) or without (false) notes. */
  hasNotes?: boolean;
  /** Silent dialer calls only (true) or none of them (false) (#14 item 5); set only when used. */
  silent?: boolean;
}

export const RANGE_KEYS = ['durationSec', 'waitTimeSec', 'speakTimeSec', 'callbackAttempts'] as const;
const RANGE_PARAM: Record<(typeof RANGE_KEYS)[number], string> = {
  durationSec: 'duration',
  waitTimeSec: 'wait',
  speakTimeSec: 'speak',
  callbackAttempts: 'attempts',
};
export const DEFAULT_SORT: SortColumn = 'start';
export const DEFAULT_DIRECTION = 'desc';
/** The same caps as the API's search schema: a link can never ask for more. */
const MAX_TEXT = 200;
const MAX_LIST = 100;
const MAX_ID = 200;
const MAX_TAG = 60;
const MAX_TAGS = 50;

export function emptyViewState(): ViewState {
  return {
    text: '',
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
    sort: DEFAULT_SORT,
    direction: DEFAULT_DIRECTION,
    call: null,
  };
}

/** Only what differs from the empty view, in a fixed order (equal views give equal URLs). */
export function encodeViewState(state: ViewState): string {
  const p = new URLSearchParams();
  if (state.text) p.set('q', state.text);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  for (const t of state.types) p.append('type', t);
  for (const o of state.outcomes) p.append('outcome', o);
  for (const q of state.queues) p.append('queue', q);
  for (const a of state.agents) p.append('agent', a);
  for (const key of RANGE_KEYS) {
    const r = state[key];
    if (r.min !== undefined || r.max !== undefined) p.set(RANGE_PARAM[key], `${r.min ?? ''}-${r.max ?? ''}`);
  }
  if (state.sort !== DEFAULT_SORT) p.set('sort', state.sort);
  if (state.direction !== DEFAULT_DIRECTION) p.set('dir', state.direction);
  if (state.call) p.set('call', state.call);
  for (const tag of state.tags ?? []) p.append('tag', tag);
  for (const s of state.statuses ?? []) p.append('status', s);
  if (state.noteText) p.set('note', state.noteText);
  if (state.hasNotes !== undefined) p.set('notes', state.hasNotes ? 'yes' : 'no');
  if (state.silent !== undefined) p.set('silent', state.silent ? 'only' : 'none');
  return p.toString();
}

const isInstant = (s: string): boolean => s.length <= 40 && !Number.isNaN(Date.parse(s));

function decodeRange(value: string | null): RangeState {
  const m = value === null ? null : /^(\d{1,12}(?:\.\d{1,6})?)?-(\d{1,12}(?:\.\d{1,6})?)?$/.exec(value);
  if (!m) return {};
  const out: RangeState = {};
  if (m[1] !== undefined) out.min = Number(m[1]);
  if (m[2] !== undefined) out.max = Number(m[2]);
  return out;
}

function pickAll<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T[] {
  const seen = new Set<T>();
  for (const v of params.getAll(name)) if ((allowed as readonly string[]).includes(v)) seen.add(v as T);
  return [...seen];
}

function strings(params: URLSearchParams, name: string): string[] {
  return [...new Set(params.getAll(name).filter((v) => v.length > 0 && v.length <= MAX_TEXT))].slice(0, MAX_LIST);
}

/** A query string (with or without "?") → the view it names; anything invalid is left at its default. */
export function decodeViewState(query: string): ViewState {
  const p = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const state = emptyViewState();
  const text = p.get('q');
  if (text !== null) state.text = text.slice(0, MAX_TEXT);
  const from = p.get('from');
  if (from && isInstant(from)) state.from = from;
  const to = p.get('to');
  if (to && isInstant(to)) state.to = to;
  state.types = pickAll(p, 'type', CALL_TYPES);
  state.outcomes = pickAll(p, 'outcome', OUTCOMES);
  state.queues = strings(p, 'queue');
  state.agents = strings(p, 'agent');
  for (const key of RANGE_KEYS) state[key] = decodeRange(p.get(RANGE_PARAM[key]));
  const sort = p.get('sort');
  if (sort && (SORT_COLUMNS as readonly string[]).includes(sort)) state.sort = sort as SortColumn;
  const dir = p.get('dir');
  if (dir === 'asc' || dir === 'desc') state.direction = dir;
  const call = p.get('call');
  if (call && call.length <= MAX_ID) state.call = call;
  decodeReview(p, state);
  return state;
}

/** The review filters (#15): tag names as the API caps them, known statuses, note text, yes / no. */
function decodeReview(p: URLSearchParams, state: ViewState): void {
  const tags = strings(p, 'tag')
    .filter((t) => t.trim().length > 0 && t.length <= MAX_TAG)
    .slice(0, MAX_TAGS);
  if (tags.length) state.tags = tags;
  const statuses = pickAll(p, 'status', REVIEW_STATUSES);
  if (statuses.length) state.statuses = statuses;
  const note = p.get('note');
  if (note) state.noteText = note.slice(0, MAX_TEXT);
  const notes = p.get('notes');
  if (notes === 'yes' || notes === 'no') state.hasNotes = notes === 'yes';
  const silent = p.get('silent');
  if (silent === 'only' || silent === 'none') state.silent = silent === 'only';
}

/** The list part of two views is the same (only the selected call may differ): history replaces instead of pushing. */
export function sameList(a: ViewState, b: ViewState): boolean {
  return encodeViewState({ ...a, call: null }) === encodeViewState({ ...b, call: null });
}
