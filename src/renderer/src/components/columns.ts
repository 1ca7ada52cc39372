// The call list's columns: sort key, how much room a column needs, which columns
// give way first when the list is narrow (the detail panel open beside it at
// 1280 px), and how a cell is shown.
import type { CallListRow, SortColumn } from '../../../shared/api/archive-api';
import { formatDuration } from '../../../shared/chart/event-rows';
import type { Locale } from '../../../shared/i18n/messages';
import { formatListTime } from '../format';

/** A list column: a sort column of the archive, or the call id (not a sort order of the archive). */
export type ColumnKey = SortColumn | 'callId';

export interface Column {
  key: ColumnKey;
  /** The archive can sort by it (the call id cannot: its header is no sort button). */
  sortable?: false;
  /** Its text is searched (numbers, names, call id): the matched part is highlighted (highlight.ts). */
  searched?: 'number' | 'name' | 'id';
  /** Width in px the column needs to be readable. */
  min: number;
  /** Share of the spare width (0: stays at min). */
  grow: number;
  /** Lower numbers stay longest when the list narrows. */
  priority: number;
  numeric?: boolean;
  cell(row: CallListRow, t: (key: string) => string, locale: Locale, filter?: PeopleFilter): string;
  /** The cell's tooltip when it is not the cell's text (a queue cell's "+2" lists all three). */
  tip?(row: CallListRow): string;
}

/** The list's queue and agent filters: a row shows the filtered one among its queues / agents. */
export interface PeopleFilter {
  queues: readonly string[];
  agents: readonly string[];
}

const dash = (v: string | null) => v ?? '—';

/**
 * A queue or agent cell: the filtered one when a filter names one of the call's, else the one that
 * handled the call (the answering queue, the agent who talked), else the first; "+N" for the others.
 */
export function peopleCell(
  all: readonly string[] | undefined,
  handling: string | null | undefined,
  first: string | null,
  filtered: readonly string[] = [],
): string {
  const list = all && all.length ? all : first ? [first] : [];
  const shown = list.find((v) => filtered.includes(v)) ?? handling ?? first ?? list[0] ?? null;
  if (shown === null) return '—';
  const others = list.filter((v) => v !== shown).length;
  return others > 0 ? `${shown} +${others}` : shown;
}

export const COLUMNS: Column[] = [
  { key: 'start', min: 196, grow: 0, priority: 0, cell: (r, _t, l) => formatListTime(r.start, l) },
  { key: 'callerNumber', min: 118, grow: 0.8, priority: 1, searched: 'number', cell: (r) => dash(r.callerNumber) },
  { key: 'accessNumber', min: 112, grow: 0.7, priority: 9, searched: 'number', cell: (r) => dash(r.accessNumber) },
  {
    key: 'queue',
    min: 130,
    grow: 1.3,
    priority: 4,
    searched: 'name',
    cell: (r, _t, _l, f) => peopleCell(r.queues, r.answeringQueue, r.queue, f?.queues),
    tip: (r) => (r.queues?.length ? r.queues.join(', ') : dash(r.queue)),
  },
  {
    key: 'agent',
    min: 116,
    grow: 1.2,
    priority: 5,
    searched: 'name',
    cell: (r, _t, _l, f) => peopleCell(r.agents, r.handlingAgent, r.agent, f?.agents),
    tip: (r) => (r.agents?.length ? r.agents.join(', ') : dash(r.agent)),
  },
  { key: 'type', min: 104, grow: 1, priority: 3, cell: (r, t) => t(`callType.${r.type}`) },
  { key: 'outcome', min: 102, grow: 0, priority: 2, cell: (r, t) => t(`outcome.${r.outcome}`) },
  {
    key: 'timeBeforeAnswerSec',
    min: 100,
    grow: 0,
    priority: 8,
    numeric: true,
    cell: (r, _t, l) => formatDuration(r.timeBeforeAnswerSec, l),
  },
  {
    key: 'waitTimeSec',
    min: 76,
    grow: 0,
    priority: 6,
    numeric: true,
    cell: (r, _t, l) => formatDuration(r.waitTimeSec, l),
  },
  {
    key: 'speakTimeSec',
    min: 100,
    grow: 0,
    priority: 7,
    numeric: true,
    cell: (r, _t, l) => formatDuration(r.speakTimeSec, l),
  },
  {
    key: 'callbackAttempts',
    min: 96,
    grow: 0,
    priority: 10,
    numeric: true,
    cell: (r) => (r.callbackAttempts === null ? '—' : String(r.callbackAttempts)),
  },
];

/**
 * The call id (#14 item 8): a number fragment matches call ids too, so the list can show them.
 * Hidden until chosen (column-state.ts); when chosen it gives way first on a narrow list.
 */
export const CALL_ID_COLUMN: Column = {
  key: 'callId',
  min: 132,
  grow: 0.6,
  priority: 11,
  sortable: false,
  searched: 'id',
  cell: (r) => r.callId,
};

/** Every column the chooser offers, in the list's order (the call id beside the start, where a row is named). */
export const ALL_COLUMNS: Column[] = [COLUMNS[0] as Column, CALL_ID_COLUMN, ...COLUMNS.slice(1)];

/** A column's header text (the call id's key is in the list's own message block). */
export function columnLabel(t: (key: string) => string, key: ColumnKey): string {
  return key === 'callId' ? t('listUi.callId') : t(`column.${key}`);
}

export const ROW_HEIGHT = 32;
/** The row's horizontal padding (both sides) plus a little slack (widths are of the body without its scrollbar). */
export const ROW_CHROME_PX = 16 + 4;

/**
 * The columns that fit in `width` px: taken in priority order while their
 * minimum widths fit (at least the first), shown in their usual order. A
 * width of 0 (not measured yet) shows every column.
 */
export function fitColumns(width: number, columns: Column[] = COLUMNS): Column[] {
  if (width <= 0) return columns;
  const kept = new Set<Column>();
  let used = ROW_CHROME_PX;
  for (const c of [...columns].sort((a, b) => a.priority - b.priority)) {
    if (kept.size > 0 && used + c.min > width) break;
    kept.add(c);
    used += c.min;
  }
  return columns.filter((c) => kept.has(c));
}

/** The columns a reviewer needs beside an open call (start, caller's number, outcome, type). */
export const KEY_COLUMN_PRIORITY = 3;

/**
 * Room for the review mark (#15, a fixed `markPx` column) only where the key columns still fit
 * beside it; on a narrower list the mark gives way (the detail panel shows the review anyway).
 */
export function fitWithReviewMark(
  width: number,
  markPx: number,
  columns: Column[] = COLUMNS,
): { columns: Column[]; reviewMark: boolean; width: number } {
  if (width <= 0) return { columns, reviewMark: true, width };
  const keyCount = columns.filter((c) => c.priority <= KEY_COLUMN_PRIORITY).length;
  const withMark = fitColumns(width - markPx, columns);
  if (withMark.filter((c) => c.priority <= KEY_COLUMN_PRIORITY).length === keyCount)
    return { columns: withMark, reviewMark: true, width: width - markPx };
  return { columns: fitColumns(width, columns), reviewMark: false, width };
}

/** The row's horizontal padding (both sides). */
export const ROW_PADDING_PX = 16;

/**
 * Each shown column's width in px for rows `width` px wide (the list body without
 * its scrollbar): the minimum, plus a share of the spare width by grow. Header and
 * rows use the same px, so they line up; rows lay out as plain flex boxes.
 */
export function columnWidths(columns: Column[], width: number): number[] {
  const spare = Math.max(0, width - ROW_PADDING_PX - columns.reduce((n, c) => n + c.min, 0));
  const grow = columns.reduce((n, c) => n + c.grow, 0);
  return columns.map((c) => c.min + (grow > 0 ? Math.floor((spare * c.grow) / grow) : 0));
}
