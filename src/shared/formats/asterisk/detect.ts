// Content detection for queue_log (pipe or CSV-with-header) and CDR Master.csv.
import Papa from 'papaparse';
import type { Detection } from '../common/types';
import { cdrLayout, cdrTableOf } from './cdr';

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };
import { QUEUE_LOG_EVENTS } from './events';
import { headerDelimiter, isPipeLine, queueLogHeader } from './queue-log';

/** Non-empty lines of a sample; the last one is dropped when the sample may have cut it. */
export function sampleLines(sample: string, max = 200): string[] {
  const lines = sample.split(/\r?\n/);
  if (lines.length > 1 && !/\r?\n$/.test(sample)) lines.pop();
  return lines.filter((l) => l.trim() !== '').slice(0, max);
}

const SHARE = 0.8;

export function detectQueueLog(sample: string): Detection {
  const lines = sampleLines(sample.replace(/^\uFEFF/, ''));
  if (lines.length === 0) return { match: false, why: 'empty' };
  const header = queueLogHeader(
    Papa.parse<string[]>(lines[0] ?? '', { delimiter: headerDelimiter(lines[0] ?? '') }).data[0] ?? [],
  );
  if (header) {
    return {
      match: true,
      why: 'CSV header with the queue_log table columns time, callid, queuename, agent, event (a database export of queue_log)',
    };
  }
  const good = lines.filter(isPipeLine);
  if (good.length / lines.length < SHARE) {
    return {
      match: false,
      why: `${good.length} of ${lines.length} sampled lines have the queue_log form epoch|callid|queuename|agent|EVENT`,
    };
  }
  const events = [...new Set(good.map((l) => l.split('|')[4] ?? ''))].filter((e) => QUEUE_LOG_EVENTS[e]);
  if (events.length === 0) return { match: false, why: 'pipe-separated lines, but no queue_log event name among them' };
  return {
    match: true,
    why: `${good.length} of ${lines.length} sampled lines have the queue_log form epoch|callid|queuename|agent|EVENT (events seen: ${events.slice(0, 6).join(', ')})`,
  };
}

export function detectCdr(sample: string): Detection {
  const lines = sampleLines(sample.replace(/^\uFEFF/, ''), 100);
  if (lines.length === 0) return { match: false, why: 'empty' };
  const table = cdrTableOf(sample);
  if (table) {
    const named = table.header.filter((h) =>
      /^(calldate|start|answer|end|src|dst|disposition|uniqueid|linkedid)$/i.test(h),
    );
    return {
      match: true,
      why: `CSV header with the CDR table columns ${named.join(', ')} (a database export of the Asterisk cdr table, ${DELIMITER_NAMES[table.delimiter] ?? 'comma'}-separated)`,
    };
  }
  const layouts = lines.map((l) => cdrLayout(Papa.parse<string[]>(l, { delimiter: ',' }).data[0] ?? []));
  const good = layouts.filter((l) => l !== null);
  if (good.length / lines.length < SHARE) {
    return { match: false, why: `${good.length} of ${lines.length} sampled lines are Asterisk CDR lines` };
  }
  const custom = good.filter((l) => l === 'custom').length;
  return {
    match: true,
    why: `${good.length} of ${lines.length} sampled lines are Asterisk CDR (Master.csv) lines: start time and disposition in the ${custom > good.length / 2 ? 'cdr_custom sample' : 'cdr_csv default'} column order, no header`,
  };
}
