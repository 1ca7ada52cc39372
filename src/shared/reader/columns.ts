// Header recognition: which table of the export a header belongs to, and which
// column holds which field. Names are compared normalised (trimmed, lower-case,
// BOM / [brackets] / "table." prefix removed, spaces and hyphens as "_"), so
// `Call_ID`, ` call id `, `[call_id]` and `call_events.call_id` are the same column.
import type { CompanionTable } from './types';

export type TableName =
  | 'call_events'
  | 'agents'
  | 'queues'
  | 'menus'
  | 'enqreg_header'
  | 'call_variables'
  | 'call_events_extras'
  | 'call_relations'
  | 'surveys'
  | 'agent_events';

/** Tables whose records the reader does not interpret: yielded as `kept` items. */
export const KEPT_TABLES: readonly TableName[] = ['call_events_extras', 'call_relations', 'surveys', 'agent_events'];

/** Canonical call_events field → accepted header names (first is canonical). */
export const CALL_EVENT_COLUMNS = {
  callId: ['call_id', 'callid'],
  sessionId: ['internal_iq_session_id', 'iq_session_id', 'session_id', 'internal_session_id'],
  callSequence: ['call_sequence', 'sequence', 'seq'],
  eventType: ['event_type', 'eventtype'],
  start: ['dte_start', 'start', 'start_time', 'dte_start_time'],
  durationSec: ['duration_tot_sec', 'duration_total_sec', 'duration_sec', 'duration'],
  speakStart: ['dte_speak_start', 'speak_start'],
  speakSec: ['duration_speak_sec', 'speak_sec', 'speak_duration_sec', 'duration_speak'],
  source: ['source', 'ani', 'caller'],
  destination: ['destination', 'dnis'],
  resultCode: ['result_code', 'result', 'resultcode'],
  ciq: ['ciq'],
  queueKey: ['queue_key', 'queue_id', 'queue'],
  agentId: ['agent_id', 'user_id', 'agent'],
  menuName: ['menu_name', 'module_name', 'menu', 'module', 'menu_description', 'module_description'],
  menuKey: ['menu_key', 'menu_id', 'module_key', 'module_id'],
  recId: ['rec_id', 'recid'],
  updated: ['dte_updated', 'updated'],
} as const;
export type CallEventField = keyof typeof CALL_EVENT_COLUMNS;

/**
 * Call-events columns the spec names as optional and the archive keeps (in a row's extras) without
 * drawing them: expected, so an import does not list them among the names it did not know.
 */
export const KNOWN_EXTRA_COLUMNS: ReadonlySet<string> = new Set([
  'leg_type',
  'originating',
  'consult',
  'hold',
  'caller_on_hold_sec',
  'request_id',
  'media_type_id',
  'customer_key',
]);

/** Fields an export may well lack (the spec calls them optional): a header without them is not remarked on. */
export const OPTIONAL_CALL_EVENT_FIELDS: ReadonlySet<CallEventField> = new Set([
  'menuName',
  'menuKey',
  'recId',
  'updated',
]);
const REQUIRED_CALL_EVENT_FIELDS: CallEventField[] = ['callId', 'eventType', 'start', 'durationSec'];

/** Companion-table fields → accepted names. */
export const COMPANION_COLUMNS = {
  agentId: ['agent_id', 'user_id', 'agent', 'agent_key'],
  agentName: ['agent_name', 'name', 'full_name', 'display_name', 'user_name', 'description'],
  queueKey: ['queue_key', 'queue_id', 'queue'],
  queueName: ['description', 'queue_name', 'name', 'queue_description', 'display_name'],
  menuId: ['menu_id', 'module_id', 'menu_key', 'module_key', 'id'],
  menuName: ['menu_name', 'module_name', 'name', 'description', 'menu', 'module'],
  callId: ['call_id', 'callid'],
  regAgentId: ['agent_id', 'user_id', 'agent'],
  regText: [
    'enqreg_text',
    'enqreg_name',
    'enqreg_description',
    'enquiry',
    'enquiry_text',
    'enquiry_name',
    'category',
    'category_name',
    'registration',
    'description',
    'text',
    'subject',
    'name',
    'comment',
  ],
  regAt: ['dte_reg', 'dte_registered', 'dte_created', 'dte_start', 'dte_updated', 'created'],
  varName: ['variable_name', 'var_name', 'variable', 'name', 'key'],
  varValue: ['variable_value', 'var_value', 'value'],
} as const;
export type CompanionField = keyof typeof COMPANION_COLUMNS;

export function normaliseColumnName(name: string): string {
  let s = name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (s.startsWith('"') && s.endsWith('"') && s.length > 1) s = s.slice(1, -1);
  const dot = s.lastIndexOf('.');
  if (dot >= 0) s = s.slice(dot + 1);
  return s.trim().replace(/[\s-]+/g, '_');
}

export interface TableLayout {
  table: TableName;
  /** Header names as written (trimmed; empty names become column_N; duplicates get _2, _3). */
  columns: string[];
  /** Normalised names, same order. */
  normalised: string[];
  /** For call_events: field → column index (-1 absent). For companions: their fields. */
  fields: Partial<Record<CallEventField | CompanionField, number>>;
  /** Column indexes not mapped to a field (kept in extras), call_events only. */
  extraColumns: number[];
  /** Records may stop after this many fields: trailing columns without a header name (a trailing separator). */
  minWidth: number;
}

export type Recognition = { ok: true; layout: TableLayout } | { ok: false; error: string };

export const EXPECTED_TABLES_TEXT =
  'expected a call_events header (call_id, event_type, dte_start, duration_tot_sec, …) or a companion table: ' +
  'agents (agent_id, name), queues (queue_key, description), menus (menu_id / module_id, menu_name / name), ' +
  'enqreg_header (call_id + enqreg_* / category), call_variables (call_id, variable_name, value), ' +
  'call_events_extras (rec_id), call_relations (call_id, related_call_id), surveys (survey_*), ' +
  'agent_events (agent_id + event / state)';

function cleanColumns(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((name, i) => {
    let n = name.replace(/^\uFEFF/, '').trim();
    if (n === '') n = `column_${i + 1}`;
    const count = (seen.get(n.toLowerCase()) ?? 0) + 1;
    seen.set(n.toLowerCase(), count);
    return count > 1 ? `${n}_${count}` : n;
  });
}

function find(
  normalised: readonly string[],
  names: readonly string[],
  exclude: ReadonlySet<number> = new Set(),
): number {
  for (const name of names) {
    const i = normalised.indexOf(name);
    if (i >= 0 && !exclude.has(i)) return i;
  }
  return -1;
}

/** Decides which table a header is. Order matters: the most specific tables are tried first. */
// eslint-disable-next-line complexity -- one branch per header alias, each with a reader test
export function recogniseHeader(rawColumns: readonly string[]): Recognition {
  const columns = cleanColumns(rawColumns);
  const normalised = columns.map(normaliseColumnName);
  const has = (names: readonly string[]) => find(normalised, names) >= 0;
  const some = (test: (n: string) => boolean) => normalised.some(test);
  let minWidth = rawColumns.length;
  while (minWidth > 0 && (rawColumns[minWidth - 1] as string).replace(/^\uFEFF/, '').trim() === '') minWidth--;
  const layout = (table: TableName, fields: TableLayout['fields'] = {}, extraColumns: number[] = []): Recognition => ({
    ok: true,
    layout: { table, columns, normalised, fields, extraColumns, minWidth },
  });
  const C = COMPANION_COLUMNS;

  if (has(CALL_EVENT_COLUMNS.callId) && has(CALL_EVENT_COLUMNS.eventType)) {
    const fields: TableLayout['fields'] = {};
    const used = new Set<number>();
    for (const [field, names] of Object.entries(CALL_EVENT_COLUMNS) as [CallEventField, readonly string[]][]) {
      const i = find(normalised, names, used);
      fields[field] = i;
      if (i >= 0) used.add(i);
    }
    const missing = REQUIRED_CALL_EVENT_FIELDS.filter((f) => fields[f] === -1).map((f) => CALL_EVENT_COLUMNS[f][0]);
    if (missing.length > 0) {
      return { ok: false, error: `call_events header lacks required column(s): ${missing.join(', ')}` };
    }
    const extraColumns = columns.map((_, i) => i).filter((i) => !used.has(i));
    return layout('call_events', fields, extraColumns);
  }
  const hasCallId = has(C.callId);
  if (
    some((n) => n.startsWith('enqreg') || n.startsWith('enquiry')) ||
    (hasCallId && has(['category', 'registration']))
  ) {
    if (!hasCallId) return { ok: false, error: 'enqreg_header table lacks call_id' };
    return layout('enqreg_header', {
      callId: find(normalised, C.callId),
      regAgentId: find(normalised, C.regAgentId),
      regText: find(normalised, C.regText),
      regAt: find(normalised, C.regAt),
    });
  }
  if (hasCallId && has(C.varName) && has(C.varValue)) {
    return layout('call_variables', {
      callId: find(normalised, C.callId),
      varName: find(normalised, C.varName),
      varValue: find(normalised, C.varValue),
    });
  }
  if (some((n) => n.includes('relat')) || normalised.filter((n) => n.endsWith('call_id')).length >= 2) {
    return layout('call_relations');
  }
  if (some((n) => n.startsWith('survey'))) return layout('surveys');
  if (has(['rec_id', 'recid'])) return layout('call_events_extras');
  const hasAgent = has(C.agentId);
  const eventish = some((n) => /^(agent_)?(event|state|status|pause|reason|logon|logoff)/.test(n));
  const timeish = some((n) => n.startsWith('dte_') || n.endsWith('_time') || n === 'timestamp');
  // A call id with a queue column beside agent and event is a queue-log table (Asterisk's realtime
  // queue_log and its vendor variants), not an agent-event table: left to the platform readers.
  const queueLogLike = hasCallId && has(['queuename', 'queue_name', 'queue']);
  if (hasAgent && eventish && timeish && !has(C.agentName) && !queueLogLike) {
    return layout('agent_events');
  }
  if (hasAgent && has(C.agentName)) {
    return layout('agents', { agentId: find(normalised, C.agentId), agentName: find(normalised, C.agentName) });
  }
  if (has(C.queueKey) && has(C.queueName)) {
    return layout('queues', { queueKey: find(normalised, C.queueKey), queueName: find(normalised, C.queueName) });
  }
  if (has(C.menuId) && has(C.menuName) && some((n) => n.includes('menu') || n.includes('module'))) {
    const menuId = find(normalised, C.menuId);
    return layout('menus', { menuId, menuName: find(normalised, C.menuName, new Set([menuId])) });
  }
  if (hasCallId && !has(CALL_EVENT_COLUMNS.eventType)) {
    return { ok: false, error: `header has call_id but no event_type; ${EXPECTED_TABLES_TEXT}` };
  }
  return {
    ok: false,
    error: `header is not a known export table (${columns.slice(0, 6).join(', ')}${columns.length > 6 ? ', …' : ''}); ${EXPECTED_TABLES_TEXT}`,
  };
}

/** The FileDescription table of a recognised layout. */
export function companionTableOf(table: TableName): CompanionTable | 'call_events' {
  switch (table) {
    case 'call_events':
      return 'call_events';
    case 'agents':
    case 'queues':
    case 'menus':
    case 'call_variables':
      return table;
    case 'enqreg_header':
      return 'enquiry_registrations';
    default:
      return 'other';
  }
}
