// Asterisk queue names from a queues table export (queue number → name): the realtime queue_log
// often holds the queue as Asterisk knows it — FreePBX and Issabel name queues by their extension
// (`600`), Wazo by a technical name (`support`) — while the people reading the archive know it as
// "Support DK". The PBX's own queue table says which is which:
//   - FreePBX / Issabel `queues_config`: `extension` (what queue_log writes) → `descr`;
//   - Wazo / XiVO `queuefeatures`: `name` (what queue_log writes) → `displayname` (`number` is its extension);
//   - an Asterisk realtime `queues` / `queue_table` (`name`, `strategy`, `musiconhold`, …) with a
//     `description` (or `label`, `display_name`) column a front end added: `name` → that column.
// A record becomes a companion record (ReaderItem 'queue', the archive's `queues` table, key →
// name), exactly like a call-events `queues` table: the archive draws every Asterisk call whose
// queue_log names that key with the name, whichever of the two was imported first.
import Papa from 'papaparse';
import type { ArchiveCall, ArchiveEvent, DerivedCall } from '../../model/archive-call';
import type { RejectedRow } from '../../model/row-accounting';
import type { Detection, KeptRecord, NameRecord, ParseOptions, PlatformFormat, PlatformStream } from '../common/types';
import { collect, countUnknown, emptyUnknown, rawText } from '../common/types';
import { headerKey, isMissingValue } from './cdr-table';
import { headerDelimiter } from './queue-log';

/** Columns that hold the queue as queue_log writes it, most specific first (docs/formats/asterisk.md). */
export const QUEUE_KEY_COLUMNS = ['queuename', 'extension', 'name', 'exten', 'number', 'queue_number'] as const;
/** Columns that hold the name people know the queue by, most specific first. */
export const QUEUE_DISPLAY_COLUMNS = [
  'descr',
  'displayname',
  'display_name',
  'description',
  'label',
  'queue_label',
  'queue_description',
] as const;
/** Number-like key columns: beside one of them, a `name` column (without a display column) is the display name. */
const NUMBER_KEYS = new Set(['extension', 'exten', 'number', 'queue_number']);

/**
 * app_queue options (queues.conf / the realtime queue table) and the queue settings of FreePBX's
 * queues_config and Wazo's queuefeatures that no other table has: one of them beside a key and a
 * display column says "this is a queue table" (a plain `name,description` table could be anything).
 */
const QUEUE_SIGNAL_COLUMNS = new Set([
  'strategy',
  'musiconhold',
  'musicclass',
  'wrapuptime',
  'maxlen',
  'servicelevel',
  'joinempty',
  'leavewhenempty',
  'ringinuse',
  'announce_frequency',
  'periodic_announce',
  'memberdelay',
  'autofill',
  'reportholdtime',
  'timeoutrestart',
  'setinterfacevar',
  'queue_youarenext',
  'announce_holdtime',
  'grppre',
  'qregex',
  'maxwait',
  'waitratio',
]);

/** Other columns of those tables, kept in the raw row and not counted as unknown fields. */
const KNOWN_COLUMNS = new Set([
  ...QUEUE_KEY_COLUMNS,
  ...QUEUE_DISPLAY_COLUMNS,
  ...QUEUE_SIGNAL_COLUMNS,
  // app_queue / realtime queue_table
  'id',
  'announce',
  'context',
  'timeout',
  'retry',
  'weight',
  'monitor_join',
  'monitor_format',
  'monitor_type',
  'membermacro',
  'membergosub',
  'setqueuevar',
  'setqueueentryvar',
  'queue_thereare',
  'queue_callswaiting',
  'queue_quantity1',
  'queue_quantity2',
  'queue_holdtime',
  'queue_minutes',
  'queue_minute',
  'queue_seconds',
  'queue_lessthan',
  'queue_thankyou',
  'queue_callerannounce',
  'queue_reporthold',
  'announce_to_first_user',
  'min_announce_frequency',
  'announce_round_seconds',
  'announce_position',
  'announce_position_limit',
  'periodic_announce_frequency',
  'relative_periodic_announce',
  'random_periodic_announce',
  'penaltymemberslimit',
  'autopause',
  'autopausedelay',
  'autopausebusy',
  'autopauseunavail',
  'eventmemberstatus',
  'eventwhencalled',
  'defaultrule',
  'timeoutpriority',
  // FreePBX / Issabel queues_config
  'alertinfo',
  'ringing',
  'password',
  'ivr_id',
  'dest',
  'cwignore',
  'agentannounce_id',
  'joinannounce_id',
  'queuewait',
  'use_queue_context',
  'togglehint',
  'qnoanswer',
  'callconfirm',
  'callconfirm_id',
  'monitor_heard',
  'monitor_spoken',
  'callback_id',
  'rvolume',
  // Wazo / XiVO queuefeatures
  'tenant_uuid',
  'data_quality',
  'dtmf_record_toggle',
  'hitting_callee',
  'hitting_caller',
  'retries',
  'ring',
  'transfer_user',
  'transfer_call',
  'write_caller',
  'write_calling',
  'ignore_forward',
  'url',
  'announceoverride',
  'preprocess_subroutine',
  'waittime',
  'mark_answered_elsewhere',
  'tenant',
  'tenant_id',
  'commented',
  'enabled',
]);

/** FreePBX's legacy dialplan table (`extensions`: context, extension, priority, application, args, descr) is no queue table. */
const DIALPLAN_COLUMNS = ['priority', 'application', 'app', 'appdata', 'args'];

export interface QueuesTableLayout {
  header: readonly string[];
  key: number;
  display: number;
  /** Which heuristic recognised it, for the import report. */
  kind: 'freepbx-queues-config' | 'wazo-queuefeatures' | 'queuename-mapping' | 'queue-table';
}

const indexOf = (keys: readonly string[], names: readonly string[], not = -1): number => {
  for (const n of names) {
    const i = keys.indexOf(n);
    if (i >= 0 && i !== not) return i;
  }
  return -1;
};

/** The key and display columns of a header, when it is a queues table (else null). Named heuristics, each tested. */
export function queuesTableHeader(cells: readonly string[]): QueuesTableLayout | null {
  const keys = cells.map(headerKey);
  if (DIALPLAN_COLUMNS.some((c) => keys.includes(c))) return null;
  let display = indexOf(keys, QUEUE_DISPLAY_COLUMNS);
  // `extension,name,strategy,…`: the name beside a number is the display name.
  if (display < 0 && keys.some((k) => NUMBER_KEYS.has(k))) display = keys.indexOf('name');
  const key = indexOf(keys, QUEUE_KEY_COLUMNS, display);
  if (display < 0 || key < 0) return null;
  const layout = (kind: QueuesTableLayout['kind']): QueuesTableLayout => ({ header: cells, key, display, kind });
  if (keys[key] === 'extension' && keys[display] === 'descr') return layout('freepbx-queues-config');
  if (keys[key] === 'name' && keys[display] === 'displayname') return layout('wazo-queuefeatures');
  if (keys[key] === 'queuename') return layout('queuename-mapping');
  if (keys.some((k) => QUEUE_SIGNAL_COLUMNS.has(k))) return layout('queue-table');
  return null;
}

const KIND_TEXT: Record<QueuesTableLayout['kind'], string> = {
  'freepbx-queues-config': 'FreePBX / Issabel queues_config',
  'wazo-queuefeatures': 'Wazo / XiVO queuefeatures',
  'queuename-mapping': 'a mapping keyed by queue_log’s queuename',
  'queue-table': 'a queue table with app_queue settings',
};
const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

const firstLineOf = (text: string): string => text.replace(/^\uFEFF/, '').slice(0, text.search(/\r?\n|$/));
const headerCells = (line: string): string[] =>
  (Papa.parse<string[]>(line, { delimiter: headerDelimiter(line) }).data[0] ?? []).map((h) => h.trim());

export function detectQueuesTable(sample: string): Detection {
  const line = firstLineOf(sample.replace(/^\uFEFF/, ''));
  if (line.trim() === '') return { match: false, why: 'empty' };
  const layout = queuesTableHeader(headerCells(line));
  if (!layout) {
    return {
      match: false,
      why: 'no queues table header (a queue key — extension / name / queuename — with a name — descr / displayname / description — and queue settings)',
    };
  }
  const h = layout.header;
  return {
    match: true,
    why: `CSV header with the queues table columns ${h[layout.key]} → ${h[layout.display]} (${KIND_TEXT[layout.kind]}: queue names for the queue_log, ${DELIMITER_NAMES[headerDelimiter(line)] ?? 'comma'}-separated)`,
  };
}

export interface QueuesTableRead {
  names: NameRecord[];
  kept: KeptRecord[];
  rejected: RejectedRow[];
  recordCount: number;
}

const cell = (v: string | undefined): string => (isMissingValue(v) ? '' : (v ?? '').trim());

/** Every record of a queues table: a name for its key, kept (no name) or rejected (file:line, reason). */
export function readQueuesTable(text: string, file: string, unknown = emptyUnknown()): QueuesTableRead {
  const body = text.replace(/^\uFEFF/, '');
  const rows = Papa.parse<string[]>(body, {
    skipEmptyLines: false,
    delimiter: headerDelimiter(firstLineOf(body)),
  }).data;
  const header = (rows[0] ?? []).map((h) => h.trim());
  const layout = queuesTableHeader(header);
  const out: QueuesTableRead = { names: [], kept: [], rejected: [], recordCount: 0 };
  if (!layout) return out;
  for (const h of header) if (h && !KNOWN_COLUMNS.has(headerKey(h))) countUnknown(unknown.fields, h);
  const keyName = header[layout.key] as string;
  const displayName = header[layout.display] as string;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (row.length === 1 && (row[0] ?? '').trim() === '') continue;
    out.recordCount++;
    const origin = { file, line: r + 1 };
    if (row.length !== header.length) {
      out.rejected.push({
        origin,
        reason: `record has ${row.length} fields, the header has ${header.length}`,
        raw: rawText(row.join(',')),
      });
      continue;
    }
    const raw: Record<string, string> = {};
    header.forEach((h, i) => (raw[h || `column${i + 1}`] = row[i] ?? ''));
    const key = cell(row[layout.key]);
    const name = cell(row[layout.display]);
    if (key === '') out.rejected.push({ origin, reason: `missing queue ${keyName}`, raw: rawText(row.join(',')) });
    else if (name === '')
      out.kept.push({
        origin,
        raw,
        table: 'queues',
        reason: `queue ${key} has no ${displayName}: its calls show the queue as queue_log writes it`,
      });
    else out.names.push({ origin, raw, kind: 'queue', key, name });
  }
  return out;
}

/** Reads a queues table as a platform stream: no calls, only names (and kept / rejected records). */
export function streamQueuesTable(text: string, o: ParseOptions): PlatformStream {
  const unknown = emptyUnknown();
  const read = readQueuesTable(text, o.fileLabel, unknown);
  return {
    calls: [],
    names: read.names,
    kept: read.kept,
    rejected: read.rejected,
    unknown,
    recordCount: read.recordCount,
  };
}

/**
 * An Asterisk call with its queues named: every queue key the queue_log wrote (a Queue or
 * Conversation event's name, the call's queue list) becomes the name the queues table gives it;
 * keys without a name stay as written (as the engine's queueDisplay does for call-events). Menus
 * (the CDR's `IVR (<dcontext>)`) are not queues and keep their names.
 */
export function nameQueues(call: ArchiveCall, queueName: (key: string) => string | null): ArchiveCall {
  const named = (v: string): string => queueName(v) ?? v;
  let changed = false;
  const events: ArchiveEvent[] = call.events.map((e) => {
    if (e.type === 'menu' || e.name === null) return e;
    const name = named(e.name);
    if (name === e.name) return e;
    changed = true;
    return { ...e, name };
  });
  const queues: string[] = [];
  for (const q of call.queues) {
    const name = named(q);
    if (name !== q) changed = true;
    if (!queues.includes(name)) queues.push(name);
  }
  return changed ? { ...call, events, queues } : call;
}

/** nameQueues for a derived call (event sources, kept records and contact key unchanged). */
export function nameDerivedQueues(derived: DerivedCall, queueName: (key: string) => string | null): DerivedCall {
  const call = nameQueues(derived.call, queueName);
  return call === derived.call ? derived : { ...derived, call };
}

export const asteriskQueues: PlatformFormat = {
  id: 'asterisk-queues',
  name: 'Asterisk queues table',
  label: 'Asterisk queues table (queue number → name: FreePBX queues_config, Wazo queuefeatures, realtime queues)',
  detect: detectQueuesTable,
  open: streamQueuesTable,
  parse: (text: string, o: ParseOptions) => collect(streamQueuesTable(text, o)),
};
