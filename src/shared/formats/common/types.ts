// What every platform importer (Asterisk, Genesys Cloud, Amazon Connect) offers:
// content detection and a pure parse of the whole text into derived calls,
// kept records and rejected records. Nothing is lost: every record of the
// input ends up in exactly one call's `records`, in `kept` or in `rejected`.
import type { DerivedCall } from '../../model/archive-call';
import type { RowOrigin } from '../../model/call-events';
import type { RejectedRow } from '../../model/row-accounting';

export interface Detection {
  match: boolean;
  /** One sentence: why it matched (or why not), for the import report. */
  why: string;
}

export interface PlatformRecord {
  origin: RowOrigin;
  raw: Record<string, string>;
  /** The IANA zone its import used (stored records read again); else the zone given to the parse. */
  timeZone?: string;
}

export interface PlatformCall {
  derived: DerivedCall;
  /** Every source record behind the call (used for an event, a call field, or kept inside the call). */
  records: PlatformRecord[];
  /** Set when the records only wait for the rest of their call (see KeptRecord.callId): the reason; `derived` is then not an archive call. */
  pending?: string;
}

export interface KeptRecord extends PlatformRecord {
  /** Which table / record kind it is, e.g. "queue_log", "contact_record". */
  table: string;
  reason: string;
  /**
   * The archive call this record waits for (e.g. "asterisk:1700000000.12" for the CDR of a
   * queued call whose queue_log is not in this import): the archive keeps it under that call id
   * and derives the call again when a later import brings the rest.
   */
  callId?: string;
}

/**
 * A record of a platform's naming table (Asterisk's queues table: queue number → name): stored as a
 * companion record (the archive's `queues` table), as a call-events `queues` record is.
 */
export interface NameRecord extends PlatformRecord {
  kind: 'queue';
  key: string;
  name: string;
}

/** Unknown event names and field names, with how often each was seen: reported, never fatal. */
export interface UnknownCounts {
  events: Record<string, number>;
  fields: Record<string, number>;
}

export interface PlatformParse {
  calls: PlatformCall[];
  kept: KeptRecord[];
  rejected: RejectedRow[];
  unknown: UnknownCounts;
  /** How many records the input held (= records of calls + names + kept + rejected). */
  recordCount: number;
  /** Naming records (a queues table), when the input is one. */
  names?: NameRecord[];
}

/**
 * The lazy form of a parse: calls are built one at a time as `calls` is
 * iterated (each call's working data can be freed after it is yielded), so a
 * whole-file read holds the records, not every derived call. `kept`, `rejected`,
 * `unknown` and `recordCount` are complete once `calls` has been iterated.
 */
export interface PlatformStream {
  calls: Iterable<PlatformCall>;
  kept: KeptRecord[];
  rejected: RejectedRow[];
  unknown: UnknownCounts;
  readonly recordCount: number;
  /** Naming records (a queues table), when the input is one. */
  names?: NameRecord[];
}

/** Iterates a stream to its end: the eager parse (tests, small inputs). */
export function collect(s: PlatformStream): PlatformParse {
  const calls = [...s.calls];
  const parse: PlatformParse = {
    calls,
    kept: s.kept,
    rejected: s.rejected,
    unknown: s.unknown,
    recordCount: s.recordCount,
  };
  if (s.names) parse.names = s.names;
  return parse;
}

export interface ParseOptions {
  /** Name reported in origins (usually the file's base name). */
  fileLabel: string;
  /** IANA zone for timestamps written without an offset. */
  timeZone: string;
}

export interface PlatformFormat {
  /** Stable id, reported as FileDescription.format, e.g. "asterisk-queue-log". */
  id: string;
  /** Short name for messages, e.g. "Asterisk queue_log". */
  name: string;
  /** Longer description, e.g. "Asterisk queue_log (pipe file or CSV database export)". */
  label: string;
  /** Decides from (the first ~64 KB of) the content, never the file name. */
  detect(sample: string): Detection;
  /** Lazy: calls are built as they are iterated (the Node adapter uses this). */
  open(text: string, opts: ParseOptions): PlatformStream;
  /** Eager: `collect(open(text, opts))`. */
  parse(text: string, opts: ParseOptions): PlatformParse;
}

export function emptyUnknown(): UnknownCounts {
  return { events: {}, fields: {} };
}

export function countUnknown(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

const RAW_LIMIT = 500;
export function rawText(raw: string): string {
  return raw.length > RAW_LIMIT ? `${raw.slice(0, RAW_LIMIT)}…` : raw;
}

/** Flattens a JSON value into string fields ("Agent.Username" → "jdoe"), for raw records. */
export function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (value === null || value === undefined) {
    if (prefix) out[prefix] = '';
  } else if (Array.isArray(value)) {
    // Arrays of scalars stay one field; arrays of objects are indexed.
    if (value.every((v) => v === null || typeof v !== 'object')) out[prefix] = JSON.stringify(value);
    else value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out[prefix] = String(value);
  }
  return out;
}

/**
 * The inverse of `flatten` for stored raw records ("Agent.Username" → {Agent: {Username}}), values
 * staying strings (the mappers read numbers and times from strings too; "" stands for null).
 * Keys that hold JSON arrays of scalars are parsed back.
 */
export function unflatten(raw: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const path = key.split(/\.|(?=\[)/).map((p) => (/^\[\d+\]$/.test(p) ? Number(p.slice(1, -1)) : p));
    let node: Record<string | number, unknown> = root;
    path.forEach((p, i) => {
      if (i === path.length - 1) {
        node[p] = value.startsWith('[') ? safeJson(value) : value;
        return;
      }
      const next = path[i + 1];
      if (typeof node[p] !== 'object' || node[p] === null) node[p] = typeof next === 'number' ? [] : {};
      node = node[p] as Record<string | number, unknown>;
    });
  }
  return root;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
