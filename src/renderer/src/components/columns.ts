// The call list's columns: sort key, width and how a cell is shown.
import type { CallListRow, SortColumn } from '../../../shared/api/archive-api';
import { formatDuration } from '../../../shared/chart/event-rows';
import type { Locale } from '../../../shared/i18n/messages';
import { formatListTime } from '../format';

export interface Column {
  key: SortColumn;
  width: string;
  numeric?: boolean;
  cell(row: CallListRow, t: (key: string) => string, locale: Locale): string;
}

const dash = (v: string | null) => v ?? '—';

export const COLUMNS: Column[] = [
  { key: 'start', width: '170px', cell: (r, _t, l) => formatListTime(r.start, l) },
  { key: 'callerNumber', width: 'minmax(116px, 1fr)', cell: (r) => dash(r.callerNumber) },
  { key: 'accessNumber', width: 'minmax(116px, 1fr)', cell: (r) => dash(r.accessNumber) },
  { key: 'queue', width: 'minmax(100px, 1.2fr)', cell: (r) => dash(r.queue) },
  { key: 'agent', width: 'minmax(110px, 1.2fr)', cell: (r) => dash(r.agent) },
  { key: 'type', width: '126px', cell: (r, t) => t(`callType.${r.type}`) },
  { key: 'outcome', width: '100px', cell: (r, t) => t(`outcome.${r.outcome}`) },
  { key: 'timeBeforeAnswerSec', width: '88px', numeric: true, cell: (r) => formatDuration(r.timeBeforeAnswerSec) },
  { key: 'waitTimeSec', width: '62px', numeric: true, cell: (r) => formatDuration(r.waitTimeSec) },
  { key: 'speakTimeSec', width: '88px', numeric: true, cell: (r) => formatDuration(r.speakTimeSec) },
  { key: 'callbackAttempts', width: '80px', numeric: true, cell: (r) => (r.callbackAttempts === null ? '—' : String(r.callbackAttempts)) },
];

export const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ');
export const ROW_HEIGHT = 32;
