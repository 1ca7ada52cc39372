// What a format reader yields, record by record, streaming. The import
// pipeline and `callscope convert` consume this; they never see bytes.

import type { DerivedCall } from '../model/archive-call';
import type { CallEventRow, EnquiryRegistration, RowOrigin } from '../model/call-events';
import type { RejectedRow } from '../model/row-accounting';

/** Companion tables of a call-events export (spec section 2), detected by header. */
export type CompanionTable = 'agents' | 'queues' | 'menus' | 'enquiry_registrations' | 'call_variables' | 'other';

export type ReaderItem =
  /** A call-events row, normalised (times in UTC). `raw` is every column as written. */
  | { kind: 'row'; row: CallEventRow; raw: Record<string, string> }
  /** A companion-table record. */
  | { kind: 'agent'; origin: RowOrigin; agentId: string; name: string; raw: Record<string, string> }
  | { kind: 'queue'; origin: RowOrigin; queueKey: string; name: string; raw: Record<string, string> }
  | { kind: 'menu'; origin: RowOrigin; menuId: string; name: string; raw: Record<string, string> }
  | { kind: 'registration'; origin: RowOrigin; registration: EnquiryRegistration; raw: Record<string, string> }
  | { kind: 'variable'; origin: RowOrigin; callId: string; name: string; value: string; raw: Record<string, string> }
  /** A record of a table we recognise as an export table but do not interpret: kept as is. */
  | { kind: 'kept'; origin: RowOrigin; table: string; reason: string; raw: Record<string, string> }
  | { kind: 'rejected'; rejected: RejectedRow }
  /**
   * A call already derived by another platform's importer (Asterisk, Genesys
   * Cloud, Amazon Connect), with the source records behind it. Such calls are
   * stored as they are (the call-events engine does not run on them); their
   * callId is prefixed with the platform (e.g. "asterisk:1700000000.12").
   * `pending` (a reason) marks records that only wait for the rest of their call in
   * another import (an Asterisk CDR of a queued call without its queue_log): stored
   * kept under derived.call.callId, which is then not an archive call.
   */
  | {
      kind: 'call';
      derived: DerivedCall;
      records: { origin: RowOrigin; raw: Record<string, string> }[];
      pending?: string;
    };

export interface ReaderOptions {
  /** IANA zone of the solution, e.g. "Europe/Oslo": dte_* columns are local times in it. */
  timeZone: string;
  /** Name to report in origins (usually the file's base name). */
  fileLabel: string;
  /**
   * false: 'row' items carry an empty `raw` object (their CallEventRow, with
   * `extras`, already holds every value). Saves a third of the reader's
   * allocations for consumers that do not store raw text (convert). Default true.
   */
  rowRaw?: boolean;
}

/** What the reader found out about a file before its records (for the import report). */
export interface FileDescription {
  format: 'call-events-csv' | 'call-events-jsonl' | string;
  table: CompanionTable | 'call_events';
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  delimiter: string | null;
  /** The precise table name (e.g. 'enqreg_header', 'call_relations'); `table` groups the uninterpreted ones as 'other'. */
  tableName?: string;
  /** Header names as written (JSON Lines: the keys of the first record). */
  columns?: string[];
  /**
   * Call-events header names no field reads (a repeated name is one: `agent_id_2`): their values are
   * kept in the raw rows, not drawn. The import lists them with its unknown names.
   */
  unusedColumns?: string[];
  /** Why this format was chosen, in a sentence. */
  why: string;
  /**
   * Set once the reader met a byte that is not UTF-8 in a file read as UTF-8 and read the rest as
   * Windows-1252 (src/main/readers/text-decoder.ts); also appended to `why`.
   */
  encodingNote?: string;
}
