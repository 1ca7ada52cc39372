// Amazon Connect contact records (CTR) → the newest version of each contact.
// Input: one JSON object, an array of them, JSON Lines, or objects written back
// to back (as Kinesis Data Firehose stores them). A contact delivered several
// times (LastUpdateTimestamp) keeps its newest version; older ones are kept as
// superseded records.
import type { RejectedRow } from '../../model/row-accounting';
import { arr, isObject, readJsonDocs, str } from '../common/json';
import type { KeptRecord, PlatformRecord, UnknownCounts } from '../common/types';
import { countUnknown, flatten, rawText } from '../common/types';
import { parseInstant } from '../common/time';

export type Obj = Record<string, unknown>;

export interface ContactRecord {
  origin: PlatformRecord['origin'];
  ctr: Obj;
  contactId: string;
  updated: number | null;
  /** The record's JSON line when origins are record indexes. */
  jsonLine: number | null;
}

/** The raw record (flattened fields), built when the record is stored. */
export function rawOfContact(c: ContactRecord): Record<string, string> {
  return { ...(c.jsonLine !== null ? { jsonLine: String(c.jsonLine) } : {}), ...flatten(c.ctr) };
}

/** Fields of the contact records data model (docs.aws.amazon.com/connect/latest/adminguide/ctr-data-model.html). */
const TOP_FIELDS = new Set([
  'AWSAccountId',
  'AWSContactTraceRecordFormatVersion',
  'Agent',
  'AgentConnectionAttempts',
  'AnsweringMachineDetectionStatus',
  'Attributes',
  'Campaign',
  'Channel',
  'ChatMetrics',
  'ConnectedToSystemTimestamp',
  'ContactDetails',
  'ContactEvaluations',
  'ContactId',
  'ContactLens',
  'CustomerEndpoint',
  'CustomerVoiceActivity',
  'DisconnectDetails',
  'DisconnectReason',
  'DisconnectTimestamp',
  'InitialContactId',
  'InitiationMethod',
  'InitiationTimestamp',
  'InstanceARN',
  'LastUpdateTimestamp',
  'LastPausedTimestamp',
  'LastResumedTimestamp',
  'MediaStreams',
  'NextContactId',
  'PreviousContactId',
  'Queue',
  'QualityMetrics',
  'Recording',
  'Recordings',
  'References',
  'RelatedContactId',
  'ScheduledTimestamp',
  'SegmentAttributes',
  'SystemEndpoint',
  'Tags',
  'TaskTemplateInfo',
  'TotalPauseCount',
  'TotalPauseDurationInSeconds',
  'TransferCompletedTimestamp',
  'TransferredToEndpoint',
  'VoiceIdResult',
  'AgentInfo',
  'QueueInfo',
  'Customer',
  'CustomerId',
  'ContactAssociationId',
  'WisdomInfo',
  'ExternalThirdParty',
  'OutboundStrategy',
  'RoutingCriteria',
  'AdditionalEmailRecipients',
  'Name',
  'Description',
]);
const AGENT_FIELDS = new Set([
  'ARN',
  'AfterContactWorkDuration',
  'AfterContactWorkEndTimestamp',
  'AfterContactWorkStartTimestamp',
  'AgentInteractionDuration',
  'ConnectedToAgentTimestamp',
  'CustomerHoldDuration',
  'HierarchyGroups',
  'LongestHoldDuration',
  'NumberOfHolds',
  'RoutingProfile',
  'Username',
  'DeviceInfo',
  'AgentPauseDuration',
  'Capabilities',
  'StateTransitions',
  'HierarchyGroup',
  'Id',
  'AgentInitiatedHoldDuration',
]);
const QUEUE_FIELDS = new Set(['ARN', 'DequeueTimestamp', 'Duration', 'EnqueueTimestamp', 'Name', 'Id']);

export interface ConnectRead {
  contacts: ContactRecord[];
  superseded: KeptRecord[];
  rejected: RejectedRow[];
  recordCount: number;
}

function countFields(o: unknown, known: Set<string>, level: string, unknown: UnknownCounts): void {
  if (isObject(o)) for (const k of Object.keys(o)) if (!known.has(k)) countUnknown(unknown.fields, `${level}${k}`);
}

export function readConnect(text: string, file: string, unknown: UnknownCounts): ConnectRead {
  const { docs, rejected } = readJsonDocs(text, file);
  let index = 0;
  const listOf = (v: unknown): unknown[] =>
    Array.isArray(v) ? v : isObject(v) && Array.isArray(v['Records']) ? arr(v['Records']) : [v];
  // JSON Lines with one record a line: origins are lines. Otherwise (one document, or lines holding
  // arrays) origins are 1-based record indexes, so that each record's origin is unique.
  const byLine = docs.every((d) => d.line !== null && listOf(d.value).length === 1);
  const items: ContactItem[] = [];
  for (const doc of docs) {
    for (const value of listOf(doc.value)) {
      items.push({
        value,
        origin: { file, line: byLine && doc.line !== null ? doc.line : ++index },
        jsonLine: byLine ? null : doc.line,
      });
    }
  }
  const read = newestContacts(items, unknown);
  return { ...read, rejected: [...rejected, ...read.rejected], recordCount: read.recordCount + rejected.length };
}

export interface ContactItem {
  value: unknown;
  origin: { file: string; line: number };
  jsonLine: number | null;
}

/** Same field values (as strings: a record read back from the archive has no JSON numbers). */
function sameContact(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a).filter((k) => k !== 'jsonLine');
  return keys.length === Object.keys(b).filter((k) => k !== 'jsonLine').length && keys.every((k) => a[k] === b[k]);
}

/** Contact records (in delivery order) → the newest version of each contact; older ones superseded. */
export function newestContacts(items: readonly ContactItem[], unknown: UnknownCounts): ConnectRead {
  const newest = new Map<string, ContactRecord>();
  const superseded: KeptRecord[] = [];
  const rejected: RejectedRow[] = [];
  for (const { value: item, origin, jsonLine } of items) {
    const contactId = isObject(item) ? str(item['ContactId']) : null;
    if (!isObject(item) || contactId === null) {
      rejected.push({
        origin,
        reason: 'not a contact record (no ContactId)',
        raw: rawText(JSON.stringify(item) ?? String(item)),
      });
      continue;
    }
    countFields(item, TOP_FIELDS, '', unknown);
    countFields(item['Agent'], AGENT_FIELDS, 'Agent.', unknown);
    countFields(item['Queue'], QUEUE_FIELDS, 'Queue.', unknown);
    const rec: ContactRecord = {
      origin,
      ctr: item,
      contactId,
      updated: parseInstant(item['LastUpdateTimestamp']),
      jsonLine,
    };
    const prev = newest.get(contactId);
    // Newest LastUpdateTimestamp wins; on a tie (or none) the later record in the file.
    const keepNew = !prev || (rec.updated ?? -Infinity) >= (prev.updated ?? -Infinity);
    const older = !prev ? null : keepNew ? prev : rec;
    if (keepNew) newest.set(contactId, rec);
    if (older) {
      const winner = keepNew ? rec : (prev as ContactRecord);
      const olderRaw = rawOfContact(older);
      // The same version delivered twice (overlapping exports, a file imported under another name).
      const reason = sameContact(olderRaw, rawOfContact(winner))
        ? `duplicate of contact ${contactId} as delivered in ${winner.origin.file} (record ${winner.origin.line})`
        : `older version of contact ${contactId} (LastUpdateTimestamp ${str(older.ctr['LastUpdateTimestamp']) ?? 'missing'}): superseded`;
      superseded.push({ origin: older.origin, raw: olderRaw, table: 'contact_record', reason });
    }
  }
  return { contacts: [...newest.values()], superseded, rejected, recordCount: items.length };
}
