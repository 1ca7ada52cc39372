// Callback / callout / dialer attempts as marks on the Queue (callback) bar (#14 item 13), so
// each attempt — when, which agent, how it ended — can be read off the chart, not only from the
// bar's "2 unanswered calls finished". Pure data; gantt-option draws them as their own series
// (a tooltip per mark), and the chart's attempt list repeats them as text.
import type { CallAttempt } from '../model/archive-call';
import type { ChartEventRow, ChartLocale } from './event-rows';
import { resultText } from './result-codes';

export interface AttemptMark {
  /** 1-based attempt number. */
  n: number;
  /** Row (index into the chart rows) of the Queue (callback) bar it sits on. */
  row: number;
  /** UTC epoch ms where the mark is drawn: the attempt's start, within its bar. */
  at: number;
  start: number;
  end: number;
  answeredAt: number | null;
  agent: string | null;
  result: string | null;
  /** "t · no answer (alerting timeout)"; null without a code. */
  resultText: string | null;
  connected: boolean;
}

/** The marks of a call's attempts, each on the Queue (callback) bar that covers it (else the nearest one). */
export function buildAttemptMarks(
  rows: readonly ChartEventRow[],
  attempts: readonly CallAttempt[] | undefined,
  locale: ChartLocale,
): AttemptMark[] {
  const bars = rows.filter((r) => r.type === 'queue_callback' && !r.zeroLength);
  if (!attempts?.length || bars.length === 0) return [];
  return attempts.map((a, i) => {
    const start = Date.parse(a.start);
    const distance = (r: ChartEventRow) => (start < r.start ? r.start - start : start > r.end ? start - r.end : 0);
    const bar = bars.reduce((best, r) => (distance(r) < distance(best) ? r : best));
    return {
      n: i + 1,
      row: bar.index,
      at: Math.min(Math.max(start, bar.start), bar.end),
      start,
      end: Date.parse(a.end),
      answeredAt: a.answeredAt === null ? null : Date.parse(a.answeredAt),
      agent: a.agent,
      result: a.result,
      // The customer leg's code: a Conversation code of spec section 2.
      resultText: a.result ? resultText('conversation', a.result, locale) : null,
      connected: a.connected,
    };
  });
}

/** Marks as the chart's attempt series data: [row, at]. */
export const attemptDatum = (m: AttemptMark): { value: [number, number] } => ({ value: [m.row, m.at] });
