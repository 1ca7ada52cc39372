// What every section of the evidence pack needs: the texts of its language, the
// time formatting of its zone, and where each raw row sits (for links).
import type { CallDetail, StoredRawRow } from '../api/archive-api';
import { messages, type Locale, type Messages } from '../i18n/messages';
import type { RowOrigin } from '../model/call-events';
import { escapeText as esc, fill } from './html';
import { resultCodeMeaning, type ResultContext } from './result-codes';
import { formatZoned } from './zone-time';
import { originKey } from '../model/call-events';

export interface PackContext {
  detail: CallDetail;
  locale: Locale;
  m: Messages;
  ev: Messages['evidence'];
  /** An instant in the pack's zone, escaped. */
  time(value: string | number): string;
  none: string;
  /** Raw row index of an origin (first match: file labels are unique per import). */
  rowAt(origin: RowOrigin): number | undefined;
  /** Indexes of the raw rows behind at least one event. */
  behindEvent: Set<number>;
  /** "Result k: answered" (escaped); '' without a code. */
  meaning(context: ResultContext | null, code: string | null): string;
  /** "file:line", linked to the row's card when the call has that row. */
  originLink(origin: RowOrigin): string;
  statusText(row: StoredRawRow): string;
}

const rowMapKey = (o: RowOrigin): string => `${o.file}\u0000${o.line}`;

export function packContext(detail: CallDetail, locale: Locale, timeZone: string): PackContext {
  const m = messages[locale];
  const ev = m.evidence;
  const rowIndex = new Map<string, number>();
  detail.rawRows.forEach((r, i) => {
    if (!rowIndex.has(rowMapKey(r.origin))) rowIndex.set(rowMapKey(r.origin), i);
  });
  const rowAt = (o: RowOrigin): number | undefined => rowIndex.get(rowMapKey(o));
  const behindEvent = new Set<number>();
  for (const sources of detail.eventSources)
    for (const o of sources) {
      const i = rowAt(o);
      if (i !== undefined) behindEvent.add(i);
    }
  return {
    detail,
    locale,
    m,
    ev,
    time: (v) => esc(formatZoned(v, timeZone)),
    none: esc(m.detail.none),
    rowAt,
    behindEvent,
    meaning(context, code) {
      if (!code) return '';
      const text = context ? resultCodeMeaning(context, code, locale) : null;
      return fill(ev.resultMeaning, { code: `<code>${esc(code)}</code>`, meaning: esc(text ?? ev.unknownCode) });
    },
    originLink(o) {
      const i = rowAt(o);
      const text = esc(originKey(o));
      return i === undefined ? text : `<a href="#row-${i}">${text}</a>`;
    },
    statusText: (r) => esc(r.status === 'kept' ? ev.statusKept : ev.statusUsed),
  };
}

/** `<div><dt>…</dt><dd>…</dd></div>` per pair; values are already HTML. */
export function definitionList(className: string, pairs: readonly [string, string][]): string {
  return `<dl class="${className}">${pairs.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
}

export function headerRow(labels: readonly string[]): string {
  return `<thead><tr>${labels.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>`;
}
