// An action-log entry in the reader's language (#15). The archive stores each entry's summary
// as one English line — it is part of the hash chain, so it stays as written — and beside it
// machine-readable details (ids, counts, names). The view derives the entry's kind and its
// parameters from the action and the details and says it with i18n; an entry it does not know
// (another kind, details of an older shape) is shown with its stored summary.
import type { ActionLogEntry } from '../../shared/api/archive-api';
import type { Locale } from '../../shared/i18n/messages';
import { formatCount, formatDateTime } from './format';

type T = (key: string, values?: Record<string, unknown>) => string;
type Te = (key: string) => boolean;
type Details = Record<string, unknown>;
type Entry = Pick<ActionLogEntry, 'action' | 'summary' | 'details'> & Partial<Pick<ActionLogEntry, 'calls'>>;

/** A kind of entry: its text from the entry, or null when the details do not have what it needs. */
type Describe = (d: Details, e: Entry, t: T, locale: Locale) => string | null;

const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const obj = (v: unknown): v is Details => typeof v === 'object' && v !== null && !Array.isArray(v);
const K = 'actionText';

/** The tag's name of a tag entry: its details hold the id only; the stored line names it. */
function tagNameOf(summary: string): string | null {
  return /: tag "(.*)" (?:added|removed)$/.exec(summary)?.[1] ?? null;
}

/** The erased scope in words: the archive states it in one of three forms. */
function scopeText(scope: string, t: T, locale: Locale): string {
  if (scope === 'a phone number') return t(`${K}.scopeNumber`);
  if (scope === 'an e-mail address') return t(`${K}.scopeEmail`);
  const before = /^the caller numbers of calls that started before (.+)$/.exec(scope)?.[1];
  return before ? t(`${K}.scopeBefore`, { date: formatDateTime(before, locale) }) : scope;
}

const statusName = (s: unknown, t: T, te: Te) =>
  str(s) && te(`${K}.statusName.${s}`) ? t(`${K}.statusName.${s}`) : String(s);

function describers(te: Te): Record<string, Describe> {
  return {
    note: (d, _e, t) => {
      if (!str(d['callId']) || !num(d['noteId'])) return null;
      const base = { note: d['noteId'], call: d['callId'] };
      // A new note's details name its event (or null); an edit's name its version instead.
      if ('eventIndex' in d)
        return num(d['eventIndex'])
          ? t(`${K}.noteAddedEvent`, { ...base, event: d['eventIndex'] + 1 })
          : t(`${K}.noteAdded`, base);
      return num(d['version']) ? t(`${K}.noteEdited`, { ...base, version: d['version'] }) : null;
    },
    status: (d, _e, t) =>
      str(d['callId'])
        ? t(`${K}.status`, { call: d['callId'], from: statusName(d['from'], t, te), to: statusName(d['to'], t, te) })
        : null,
    tag: (d, e, t) => {
      const tag = tagNameOf(e.summary);
      if (!str(d['callId']) || tag === null || typeof d['added'] !== 'boolean') return null;
      return t(d['added'] ? `${K}.tagAdded` : `${K}.tagRemoved`, { call: d['callId'], tag });
    },
    tags: (d, _e, t) => {
      if (str(d['name']) && str(d['colour'])) return t(`${K}.tagCreated`, { name: d['name'], colour: d['colour'] });
      const from = d['from'];
      const to = d['to'];
      if (!num(d['tagId']) || !obj(from) || !obj(to)) return null;
      const what = [
        from['name'] !== to['name'] ? t(`${K}.tagRenamed`, { from: from['name'], to: to['name'] }) : null,
        from['colour'] !== to['colour'] ? t(`${K}.tagRecoloured`, { from: from['colour'], to: to['colour'] }) : null,
      ].filter(Boolean);
      return t(`${K}.tagChanged`, { tag: d['tagId'], what: what.join(', ') });
    },
    import: (d, e, t, locale) => {
      const { importId, file, rowsRead, rowsRejected, callsDerived } = d;
      if (!num(importId) || !str(file) || !num(rowsRead) || !num(rowsRejected) || !num(callsDerived)) return null;
      const text = t(`${K}.import`, {
        id: importId,
        file,
        rows: formatCount(rowsRead, locale),
        rejected: formatCount(rowsRejected, locale),
        calls: formatCount(callsDerived, locale),
      });
      // The warning (rows erased before, imported again) is the archive's own line.
      const warning = e.summary.split('; WARNING: ')[1];
      return warning ? t(`${K}.importWarning`, { text, warning }) : text;
    },
    upgrade: (d, e, t) => {
      if (!num(d['from']) || !num(d['to'])) return null;
      const text = t(`${K}.upgrade`, { from: d['from'], to: d['to'] });
      return e.summary.includes('(the action log starts here') ? t(`${K}.upgradeFirst`, { text }) : text;
    },
    erase: (d, _e, t, locale) => {
      const { scope, calls, rawRows, rejectedRows, notes, reason } = d;
      if (!str(scope) || !num(calls) || !num(rawRows) || !num(rejectedRows) || !num(notes) || !str(reason)) return null;
      return t(`${K}.erase`, {
        scope: scopeText(scope, t, locale),
        calls: formatCount(calls, locale),
        rawRows: formatCount(rawRows, locale),
        rejectedRows: formatCount(rejectedRows, locale),
        notes: formatCount(notes, locale),
        reason,
      });
    },
    export: (d, e, t, locale) => {
      if (!str(d['file']) || !str(d['format']) || !num(e.calls)) return null;
      const base = { calls: formatCount(e.calls, locale), file: d['file'], format: d['format'].toUpperCase() };
      return str(d['eventsFile'])
        ? t(`${K}.exportWithEvents`, { ...base, events: d['eventsFile'] })
        : t(`${K}.export`, base);
    },
    evidence: (d, _e, t) =>
      str(d['callId']) && str(d['file']) && str(d['format'])
        ? t(`${K}.evidence`, { call: d['callId'], file: d['file'], format: d['format'].toUpperCase() })
        : null,
  };
}

/** What an entry did, in the reader's language; the stored summary when its kind or details are not known. */
export function actionSummary(e: Entry, t: T, te: Te, locale: Locale): string {
  const describe = describers(te)[e.action];
  if (!describe || !obj(e.details)) return e.summary;
  return describe(e.details, e, t, locale) ?? e.summary;
}

/** The action's name in the reader's language (an unknown action as it is stored). */
export function actionName(action: string, t: T, te: Te): string {
  const key = `${K}.name.${action}`;
  return te(key) ? t(key) : action;
}
