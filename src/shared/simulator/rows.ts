// The simulated call as raw rows of the call-events export, and its CSV form.
// Times are UTC ms inside the model; the writer formats them in the zone.
import type { LocalClock } from './time';

export type RowType = 'i' | 'm' | 'q' | 'c';

export interface SimRow {
  session: string;
  type: RowType;
  start: number;
  /** Whole seconds. */
  dur: number;
  /** -1 when not a conversation leg or not answered. */
  speakStart: number;
  speak: number;
  source: string;
  destination: string;
  result: string;
  ciq: '' | 'a' | 'c';
  queue: string;
  agent: string;
  menu: string;
  moduleId: string;
  leg: string;
  originating: string;
  consult: number;
  hold: number;
  onHoldSec: number;
}

export interface SimRegistration {
  agentId: string;
  text: string;
  at: number;
}

/** One scenario tag per call (the first is the call's main scenario); see scenarios.ts. */
export interface SimCall {
  callId: string;
  scenario: string;
  rows: SimRow[];
  variables: [string, string][];
  registrations: SimRegistration[];
  /** dte_updated: when the platform (re)inserted the rows of the call. */
  updated: number;
}

export const EXPORT_COLUMNS = [
  'call_id',
  'internal_iq_session_id',
  'call_sequence',
  'event_type',
  'dte_start',
  'duration_tot_sec',
  'dte_speak_start',
  'duration_speak_sec',
  'source',
  'destination',
  'result_code',
  'ciq',
  'queue_key',
  'agent_id',
  'menu_name',
  'leg_type',
  'rec_id',
  'dte_updated',
  'customer_key',
  'media_type_id',
  'originating',
  'consult',
  'hold',
  'caller_on_hold_sec',
  'module_id',
] as const;

export const EXPORT_HEADER = EXPORT_COLUMNS.join(',') + '\n';

export function newRow(session: string, type: RowType, start: number, dur: number): SimRow {
  return {
    session,
    type,
    start,
    dur,
    speakStart: -1,
    speak: -1,
    source: '',
    destination: '',
    result: '',
    ciq: '',
    queue: '',
    agent: '',
    menu: '',
    moduleId: '',
    leg: '',
    originating: '',
    consult: 0,
    hold: 0,
    onHoldSec: 0,
  };
}

/** Row end in ms. */
export function rowEnd(row: SimRow): number {
  return row.start + row.dur * 1000;
}

/**
 * CSV lines of one call. Rows are sorted (in place) by start (ties: i, q, c, m, then
 * insertion order), call_sequence numbers them, rec_ids continue from `firstRecId`.
 * No field the model writes contains a comma, quote or line break.
 */
// Ties: initiation, queue, conversation, menu (a welcome message follows the leg it belongs to).
const TIE: Record<RowType, number> = { i: 0, q: 1, c: 2, m: 3 };
const byStart = (a: SimRow, b: SimRow) => a.start - b.start || TIE[a.type] - TIE[b.type];

export function callToCsv(call: SimCall, clock: LocalClock, firstRecId: number, customerKey: string): string {
  const rows = call.rows.sort(byStart);
  // Columns 18.. are the same for every row of the call except the conversation
  // fields: pre-joined, so i / m / q rows are built from a few pieces.
  const tail = ',' + clock.format(call.updated) + ',' + customerKey + ',1,';
  const head = call.callId + ',';
  let out = '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const lead = head + r.session + ',' + (i + 1) + ',' + r.type + ',' + clock.format(r.start) + ',' + r.dur + ',';
    if (r.type === 'c') {
      out +=
        lead +
        (r.speakStart >= 0 ? clock.format(r.speakStart) : '') +
        ',' +
        (r.speak >= 0 ? r.speak : 0) +
        ',' +
        r.source +
        ',' +
        r.destination +
        ',' +
        r.result +
        ',' +
        r.ciq +
        ',' +
        r.queue +
        ',' +
        r.agent +
        ',' +
        r.menu +
        ',' +
        r.leg +
        ',' +
        (firstRecId + i) +
        tail +
        r.originating +
        ',' +
        r.consult +
        ',' +
        r.hold +
        ',' +
        r.onHoldSec +
        ',' +
        r.moduleId +
        '\n';
    } else if (r.type === 'm') {
      out += lead + ',,,,' + r.result + ',,,,' + r.menu + ',,' + (firstRecId + i) + tail + ',,,,' + r.moduleId + '\n';
    } else if (r.type === 'q') {
      out += lead + ',,,,' + r.result + ',,' + r.queue + ',,,,' + (firstRecId + i) + tail + ',,,,' + r.moduleId + '\n';
    } else {
      out +=
        lead +
        ',,' +
        r.source +
        ',' +
        r.destination +
        ',' +
        r.result +
        ',' +
        r.ciq +
        ',' +
        r.queue +
        ',' +
        r.agent +
        ',' +
        r.menu +
        ',' +
        r.leg +
        ',' +
        (firstRecId + i) +
        tail +
        r.originating +
        ',,,,' +
        r.moduleId +
        '\n';
    }
  }
  return out;
}

/** Quotes a companion-table field when needed (names may one day hold commas). */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
}
