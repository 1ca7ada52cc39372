// One parsed record (its fields, in header order) → one ReaderItem: a normalised
// call-events row, a companion record, a kept record of an uninterpreted table,
// or a rejected record with its reason. Pure: the Node side feeds it fields.
import type { CallEventRow, RawEventType, RowOrigin } from '../model/call-events';
import { callIdTooLong, PLAUSIBLE_FROM_MS, PLAUSIBLE_RANGE_TEXT, PLAUSIBLE_TO_MS } from '../model/limits';
import type { TableLayout } from './columns';
import { cellToUtc } from './local-time';
import type { ZoneClock } from './local-time';
import type { ReaderItem } from './types';

/** Longest duration accepted for one raw event; longer is rejected as absurd (a week). */
export const MAX_EVENT_DURATION_SEC = 7 * 86_400;

const EVENT_TYPES: Record<string, RawEventType> = {
  i: 'i',
  m: 'm',
  q: 'q',
  c: 'c',
  initiation: 'i',
  menu: 'm',
  queue: 'q',
  conversation: 'c',
};

/** `NULL` as SQL Server tools write an absent value counts as empty. */
function isBlank(v: string): boolean {
  return v === '' || v === 'NULL' || v === 'null';
}

/** Plain decimal notation only: digits with one '.' or ',' as separator, an optional sign. */
const DECIMAL = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

/**
 * A decimal with '.' or ',' as separator; NaN when not a number; null when blank. Only plain
 * decimal notation: `0x10`, `1e3`, `0b1`, `Infinity` are NaN (JS `Number()` would read them).
 */
/**
 * A record whose fields hold a bare carriage return was most likely two lines joined: a file of LF
 * line breaks with some CR-only ones (an edited export) reads each CR line into the one before, and
 * "record has 49 fields" alone does not say why.
 */
function bareCrHint(fields: readonly string[]): string {
  return fields.some((f) => f.includes('\r')) ? ' (a line break that is a bare CR joined two lines?)' : '';
}

export function parseDecimal(text: string): number | null {
  const s = text.trim();
  if (isBlank(s)) return null;
  if (!DECIMAL.test(s)) return NaN;
  return Number(s.replace(',', '.'));
}

export interface RecordContext {
  layout: TableLayout;
  clock: ZoneClock;
  fileLabel: string;
  /** The delimiter used to show a rejected record's raw text. */
  delimiter: string;
  /** false: 'row' items get an empty `raw` (see ReaderOptions.rowRaw). */
  rowRaw?: boolean;
}

/** The shared empty `raw` of rows read with rowRaw: false. */
export const NO_RAW: Readonly<Record<string, string>> = Object.freeze({});

/**
 * A field of a rejected row's raw text, quoted as the file must have quoted it (RFC 4180: a value
 * holding the delimiter, a quote or a line break, quotes doubled), so that the text reads as the
 * file's line: joined bare, `"Support, DK"` looked like two fields.
 */
function rawField(value: string, delimiter: string): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

class Reject {
  constructor(readonly reason: string) {}
}

/**
 * Builds `raw` objects (column name → value) for one header. A function compiled
 * once per header returns an object literal of a fixed shape: 3–4× faster than
 * adding 20+ keys one by one (which turns objects into slow dictionaries). Falls
 * back to a loop where code generation is not allowed (a CSP) or for a "__proto__" column.
 */
export function rawFactory(columns: readonly string[]): (fields: readonly string[]) => Record<string, string> {
  const loop = (fields: readonly string[]): Record<string, string> => {
    const raw: Record<string, string> = {};
    // defineProperty: a column named "__proto__" must become a key, not the prototype.
    for (let i = 0; i < columns.length; i++) {
      Object.defineProperty(raw, columns[i] as string, {
        value: fields[i] ?? '',
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return raw;
  };
  if (columns.some((c) => c === '__proto__') || columns.length > 500) return loop;
  try {
    const body = `return {${columns.map((c, i) => `${JSON.stringify(c)}: f[${i}] ?? ''`).join(', ')}};`;
    return new Function('f', body) as (fields: readonly string[]) => Record<string, string>;
  } catch {
    return loop;
  }
}

/** Returns a function turning (fields, line) into a ReaderItem for this file's table. */
// eslint-disable-next-line max-lines-per-function -- the row interpreter keeps its state in one closure for speed
export function recordReader(ctx: RecordContext): (fields: readonly string[], line: number) => ReaderItem {
  const { layout, clock, fileLabel } = ctx;
  const { columns, fields: f } = layout;
  const width = columns.length;

  const rejected = (fields: readonly string[], origin: RowOrigin, reason: string): ReaderItem => {
    const text = fields.map((v) => rawField(v, ctx.delimiter)).join(ctx.delimiter);
    return {
      kind: 'rejected',
      // The whole text (a record is at most MAX_RECORD_CHARS): an auditor reads what was rejected.
      rejected: { origin, reason, raw: text },
    };
  };

  const makeRaw = rawFactory(columns);
  const rowRaw = ctx.rowRaw !== false;
  const interpret = buildInterpreter();

  return (fields, line) => {
    const origin: RowOrigin = { file: fileLabel, line };
    if (fields.length !== width) {
      const surplusBlank = fields.length > width && fields.slice(width).every((v) => v.trim() === '');
      const unnamedMissing = fields.length < width && fields.length >= layout.minWidth;
      if (!surplusBlank && !unnamedMissing) {
        const reason =
          fields.length < width
            ? `record has ${fields.length} of the header's ${width} fields (truncated or cut record)`
            : `record has ${fields.length} fields, the header has ${width}`;
        return rejected(fields, origin, reason + bareCrHint(fields));
      }
    }
    try {
      return interpret(fields, origin);
    } catch (err) {
      if (err instanceof Reject) return rejected(fields, origin, err.reason);
      throw err;
    }
  };

  // eslint-disable-next-line max-lines-per-function -- the row interpreter keeps its state in one closure for speed
  function buildInterpreter() {
    const get = (fields: readonly string[], i: number | undefined): string => {
      if (i === undefined || i < 0) return '';
      const v = (fields[i] ?? '').trim();
      return isBlank(v) ? '' : v;
    };
    const time = (fields: readonly string[], i: number | undefined, name: string, notBefore?: number) => {
      const text = get(fields, i);
      if (text === '') return null;
      const utc = cellToUtc(clock, text, notBefore);
      if (utc === null) throw new Reject(`unparsable ${name} "${text}" (expected YYYY-MM-DD hh:mm:ss[.nnn])`);
      if (utc < PLAUSIBLE_FROM_MS || utc >= PLAUSIBLE_TO_MS)
        throw new Reject(`implausible ${name} "${text}" (outside ${PLAUSIBLE_RANGE_TEXT})`);
      return utc;
    };
    const num = (fields: readonly string[], i: number | undefined, name: string) => {
      const text = get(fields, i);
      const v = parseDecimal(text);
      if (Number.isNaN(v)) throw new Reject(`unparsable ${name} "${text}"`);
      return v;
    };
    const extraColumns = layout.extraColumns;

    switch (layout.table) {
      case 'call_events':
        // eslint-disable-next-line complexity -- the row interpreter keeps its state in one closure for speed
        return (fields: readonly string[], origin: RowOrigin): ReaderItem => {
          const callId = get(fields, f.callId);
          if (callId === '') throw new Reject('missing call_id');
          const idTooLong = callIdTooLong(callId);
          if (idTooLong) throw new Reject(idTooLong);
          const typeText = get(fields, f.eventType);
          if (typeText === '') throw new Reject('missing event_type');
          const eventType = EVENT_TYPES[typeText.toLowerCase()];
          if (eventType === undefined) {
            return {
              kind: 'kept',
              origin,
              table: 'call_events',
              reason: `unknown event_type "${typeText}" (not i, m, q or c)`,
              raw: makeRaw(fields),
            };
          }
          const start = time(fields, f.start, 'dte_start');
          if (start === null) throw new Reject('missing dte_start');
          let durationSec = num(fields, f.durationSec, 'duration_tot_sec');
          if (durationSec === null) {
            if (eventType !== 'i') throw new Reject('missing duration_tot_sec');
            durationSec = 0;
          }
          if (durationSec < 0) throw new Reject(`negative duration_tot_sec ${durationSec}`);
          if (durationSec > MAX_EVENT_DURATION_SEC)
            throw new Reject(`absurd duration_tot_sec ${durationSec} (over 7 days)`);
          const speakSec = num(fields, f.speakSec, 'duration_speak_sec');
          if (speakSec !== null && speakSec < 0) throw new Reject(`negative duration_speak_sec ${speakSec}`);
          if (speakSec !== null && speakSec > MAX_EVENT_DURATION_SEC) {
            throw new Reject(`absurd duration_speak_sec ${speakSec} (over 7 days)`);
          }
          const seq = num(fields, f.callSequence, 'call_sequence');
          const ciqText = get(fields, f.ciq).toLowerCase();
          if (ciqText !== '' && ciqText !== 'a' && ciqText !== 'c')
            throw new Reject(`unknown ciq "${ciqText}" (not a or c)`);
          const resultCode = get(fields, f.resultCode);
          const extras: Record<string, string> = {};
          for (const i of extraColumns) {
            const v = fields[i];
            if (v !== undefined && !isBlank(v.trim())) {
              const name = columns[i] as string;
              if (name === '__proto__')
                Object.defineProperty(extras, name, { value: v, enumerable: true, writable: true, configurable: true });
              else extras[name] = v;
            }
          }
          const row: CallEventRow = {
            callId,
            sessionId: get(fields, f.sessionId) || null,
            callSequence: seq,
            eventType,
            start,
            durationSec,
            speakStart: time(fields, f.speakStart, 'dte_speak_start', start),
            speakSec,
            source: get(fields, f.source) || null,
            destination: get(fields, f.destination) || null,
            resultCode: resultCode === '' ? null : resultCode.toLowerCase(),
            ciq: ciqText === '' ? null : (ciqText as 'a' | 'c'),
            queueKey: get(fields, f.queueKey) || null,
            agentId: get(fields, f.agentId) || null,
            menuName: get(fields, f.menuName) || null,
            menuKey: get(fields, f.menuKey) || null,
            recId: get(fields, f.recId) || null,
            updated: time(fields, f.updated, 'dte_updated'),
            extras,
            origin,
          };
          return { kind: 'row', row, raw: rowRaw ? makeRaw(fields) : NO_RAW };
        };
      case 'agents':
        return (fields: readonly string[], origin: RowOrigin): ReaderItem => {
          const agentId = get(fields, f.agentId);
          if (agentId === '') throw new Reject('agents record without agent_id');
          const name = get(fields, f.agentName);
          if (name === '')
            return {
              kind: 'kept',
              origin,
              table: 'agents',
              reason: 'agents record without a name',
              raw: makeRaw(fields),
            };
          return { kind: 'agent', origin, agentId, name, raw: makeRaw(fields) };
        };
      case 'queues':
        return (fields: readonly string[], origin: RowOrigin): ReaderItem => {
          const queueKey = get(fields, f.queueKey);
          if (queueKey === '') throw new Reject('queues record without queue_key');
          const name = get(fields, f.queueName);
          if (name === '')
            return {
              kind: 'kept',
              origin,
              table: 'queues',
              reason: 'queues record without a description',
              raw: makeRaw(fields),
            };
          return { kind: 'queue', origin, queueKey, name, raw: makeRaw(fields) };
        };
      case 'menus':
        return (fields: readonly string[], origin: RowOrigin): ReaderItem => {
          const menuId = get(fields, f.menuId);
          if (menuId === '') throw new Reject('menus record without an id');
          const name = get(fields, f.menuName);
          if (name === '')
            return {
              kind: 'kept',
              origin,
              table: 'menus',
              reason: 'menus record without a name',
              raw: makeRaw(fields),
            };
          return { kind: 'menu', origin, menuId, name, raw: makeRaw(fields) };
        };
      case 'enqreg_header':
        return (fields: readonly string[], origin: RowOrigin): ReaderItem => {
          const callId = get(fields, f.callId);
          if (callId === '') throw new Reject('enqreg_header record without call_id');
          const idTooLong = callIdTooLong(callId);
          if (idTooLong) throw new Reject(idTooLong);
          let text = get(fields, f.regText);
          if (text === '' && (f.regText ?? -1) < 0) {
            // No recognised text column: show every other non-empty value.
            const skip = new Set([f.callId, f.regAgentId, f.regAt]);
            text = columns
              .map((col, i) => (skip.has(i) || get(fields, i) === '' ? '' : `${col}=${get(fields, i)}`))
              .filter((s) => s !== '')
              .join('; ');
          }
          if (text === '')
            return {
              kind: 'kept',
              origin,
              table: 'enqreg_header',
              reason: 'enquiry registration without text',
              raw: makeRaw(fields),
            };
          const registration = {
            callId,
            agentId: get(fields, f.regAgentId) || null,
            text,
            at: time(fields, f.regAt, columns[f.regAt ?? -1] ?? 'registration time'),
          };
          return { kind: 'registration', origin, registration, raw: makeRaw(fields) };
        };
      case 'call_variables':
        return (fields: readonly string[], origin: RowOrigin): ReaderItem => {
          const callId = get(fields, f.callId);
          if (callId === '') throw new Reject('call_variables record without call_id');
          const idTooLong = callIdTooLong(callId);
          if (idTooLong) throw new Reject(idTooLong);
          const name = get(fields, f.varName);
          if (name === '') throw new Reject('call_variables record without a variable name');
          return {
            kind: 'variable',
            origin,
            callId,
            name,
            value: (fields[f.varValue ?? -1] ?? '').trim(),
            raw: makeRaw(fields),
          };
        };
      default: {
        const table = layout.table;
        return (fields: readonly string[], origin: RowOrigin): ReaderItem => ({
          kind: 'kept',
          origin,
          table,
          reason: `${table} record: kept as exported, not interpreted by the engine`,
          raw: makeRaw(fields),
        });
      }
    }
  }
}
