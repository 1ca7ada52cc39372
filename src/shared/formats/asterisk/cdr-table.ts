// Asterisk CDRs kept in a database (cdr_mysql, cdr_pgsql, cdr_odbc / cdr_adaptive_odbc, and the
// tables of PBX front ends such as FreePBX, Issabel, VitalPBX, MOR) and exported as CSV with a
// header row. Columns are told by name, in any order, with any number of extra vendor columns.
// A record keeps its fields under the exported names (the raw row, byte-exact); canonicalCdr()
// gives the CDR fields under Asterisk's own names whatever the export called them.

/** The CDR fields the importer reads, under Asterisk's names (cdr_csv / cdr_adaptive_odbc). */
export type CdrField =
  | 'start'
  | 'answer'
  | 'end'
  | 'clid'
  | 'src'
  | 'dst'
  | 'dcontext'
  | 'channel'
  | 'dstchannel'
  | 'lastapp'
  | 'lastdata'
  | 'duration'
  | 'billsec'
  | 'disposition'
  | 'amaflags'
  | 'accountcode'
  | 'uniqueid'
  | 'userfield'
  | 'linkedid'
  | 'sequence'
  | 'peeraccount'
  | 'did';

/**
 * Header names per field (compared case-insensitively, after trimming quotes and spaces). The
 * first list entry is Asterisk's own; the others are what databases and front ends call them.
 * docs/formats/asterisk.md lists the same table.
 */
export const CDR_COLUMN_ALIASES: Readonly<Record<CdrField, readonly string[]>> = {
  start: ['start', 'calldate', 'call_date', 'starttime', 'start_time', 'callstart', 'call_start'],
  answer: ['answer', 'answertime', 'answer_time', 'answerdate'],
  end: ['end', 'endtime', 'end_time', 'hangup', 'hanguptime', 'hangup_time'],
  clid: ['clid', 'callerid', 'caller_id'],
  src: ['src', 'source'],
  dst: ['dst', 'destination'],
  dcontext: ['dcontext', 'dst_context', 'context'],
  channel: ['channel', 'src_channel', 'srcchannel'],
  dstchannel: ['dstchannel', 'dst_channel', 'dstchan'],
  lastapp: ['lastapp', 'last_app'],
  lastdata: ['lastdata', 'last_data'],
  duration: ['duration', 'duration_sec'],
  billsec: ['billsec', 'bill_sec', 'billable_sec', 'billable_seconds'],
  disposition: ['disposition', 'call_disposition'],
  amaflags: ['amaflags', 'ama_flags'],
  accountcode: ['accountcode', 'account_code'],
  uniqueid: ['uniqueid', 'unique_id'],
  userfield: ['userfield', 'user_field'],
  linkedid: ['linkedid', 'linked_id'],
  sequence: ['sequence'],
  peeraccount: ['peeraccount', 'peer_account'],
  // FreePBX / Issabel: the DID the call came in on (the access number), where dst is an extension.
  did: ['did', 'inbound_did'],
};

/**
 * Vendor columns known to carry nothing the archive draws (kept in the raw row, not reported as
 * unknown): row ids, FreePBX's did / recordingfile / cnum / cnam, tenants, SIP call ids, amounts.
 */
const KNOWN_VENDOR_COLUMNS =
  /^(id|cdr_id|acctid|recordingfile|cnum|cnam|outbound_cnum|outbound_cnam|dst_cnam|tenant|tenant_id|sip_callid|sipcallid|sip_call_id|call_id|x_callid|cost|price|rate|amount|billed|currency|server|serverid|server_id|import_id)$/;

const FIELD_OF: ReadonlyMap<string, CdrField> = new Map(
  (Object.entries(CDR_COLUMN_ALIASES) as [CdrField, readonly string[]][]).flatMap(([field, names]) =>
    names.map((n) => [n, field] as const),
  ),
);

/** A header cell as compared: trimmed, unquoted, lower case. */
export const headerKey = (h: string): string => h.trim().replace(/^"|"$/g, '').trim().toLowerCase();

/** What a database export writes for a missing value: empty, NULL (SQL, any case) or \N (MySQL dumps). */
export const isMissingValue = (v: string | undefined): boolean => {
  if (v === undefined) return true;
  const t = v.trim();
  return t === '' || /^null$/i.test(t) || t === '\\N';
};

/** Column index per CDR field of a header, when it is a CDR table (else null). */
export function cdrTableHeader(cells: readonly string[]): Map<CdrField, number> | null {
  const map = new Map<CdrField, number>();
  cells.forEach((c, i) => {
    const field = FIELD_OF.get(headerKey(c));
    if (field && !map.has(field)) map.set(field, i);
  });
  // A call's start, how it ended and how long it took, and something that names the call.
  const enough =
    map.has('start') &&
    map.has('disposition') &&
    (map.has('end') || map.has('duration')) &&
    (map.has('uniqueid') || map.has('channel') || map.has('src'));
  return enough ? map : null;
}

/** Header columns that are neither CDR fields nor known vendor columns: counted as unknown fields. */
export function unknownCdrColumns(cells: readonly string[]): string[] {
  return cells
    .map((c) => c.trim())
    .filter((c) => c && !FIELD_OF.has(headerKey(c)) && !KNOWN_VENDOR_COLUMNS.test(headerKey(c)));
}

/**
 * The CDR fields of a record under Asterisk's names, whatever the export called them; a missing
 * value (empty, NULL, \N) reads as ''. The first column of a field's aliases present wins.
 */
export function canonicalCdr(raw: Readonly<Record<string, string>>): Record<CdrField, string> {
  const out = {} as Record<CdrField, string>;
  for (const field of Object.keys(CDR_COLUMN_ALIASES) as CdrField[]) out[field] = '';
  const set = new Set<CdrField>();
  for (const [name, value] of Object.entries(raw)) {
    const field = FIELD_OF.get(headerKey(name));
    if (!field || set.has(field)) continue;
    set.add(field);
    out[field] = isMissingValue(value) ? '' : value.trim();
  }
  return out;
}

/** True when a stored record's fields are a CDR's (under any of the aliases), not a queue_log line's. */
export function hasCdrFields(raw: Readonly<Record<string, string>>): boolean {
  let disposition = false;
  let channel = false;
  for (const name of Object.keys(raw)) {
    const field = FIELD_OF.get(headerKey(name));
    if (field === 'disposition') disposition = true;
    else if (field === 'channel' || field === 'dstchannel' || field === 'uniqueid') channel = true;
  }
  return disposition && channel;
}
