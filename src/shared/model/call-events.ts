// The normalised raw row of a call-events export (spec section 2), as every
// reader yields it and the engine consumes it. Times are UTC epoch milliseconds:
// the reader has already applied the solution's time zone.

/** i = initiation, m = menu / played message, q = queue, c = conversation leg. */
export type RawEventType = 'i' | 'm' | 'q' | 'c';

/** Where a row came from: the file and its 1-based line (first line of a multi-line record). */
export interface RowOrigin {
  file: string;
  line: number;
}

/** `file:line`: how a row is named in reports, and the key rows are matched on. */
export const originKey = (o: RowOrigin): string => `${o.file}:${o.line}`;

export interface CallEventRow {
  callId: string;
  /** internal_iq_session_id; null when the export lacks it. */
  sessionId: string | null;
  /** call_sequence; null when missing. */
  callSequence: number | null;
  eventType: RawEventType;
  /** dte_start as UTC epoch ms. */
  start: number;
  /** duration_tot_sec (may be fractional). */
  durationSec: number;
  /** dte_speak_start as UTC epoch ms; conversation legs only. */
  speakStart: number | null;
  /** duration_speak_sec; conversation legs only. */
  speakSec: number | null;
  source: string | null;
  destination: string | null;
  /** result_code, lower-cased; null when empty. */
  resultCode: string | null;
  /** a = leg to the agent, c = leg to the customer (callback / callout / dialer sessions). */
  ciq: 'a' | 'c' | null;
  queueKey: string | null;
  agentId: string | null;
  menuName: string | null;
  /** menu_key / menu_id / module_id of an `m` event when the export has one (look up CompanionLookup.menuName). */
  menuKey?: string | null;
  /** rec_id: the platform's row id (changes on re-delivery). */
  recId: string | null;
  /** dte_updated as UTC epoch ms: newer means a newer delivery of the call. */
  updated: number | null;
  /** Every column the reader does not map above, by its header name as written. */
  extras: Record<string, string>;
  origin: RowOrigin;
}

/** An enquiry registration (enqreg_header): the agent's wrap-up categorisation. */
export interface EnquiryRegistration {
  callId: string;
  agentId: string | null;
  /** The registration text / category as exported. */
  text: string;
  at: number | null;
}

/**
 * Names and linked data from the optional companion tables. The engine asks
 * through this interface so that it works the same over in-memory maps (CLI
 * convert) and over the archive's tables (import).
 */
export interface CompanionLookup {
  agentName(agentId: string): string | null;
  queueName(queueKey: string): string | null;
  menuName(menuId: string): string | null;
  registrations(callId: string): EnquiryRegistration[];
  variables(callId: string): Record<string, string>;
}

export const emptyCompanions: CompanionLookup = {
  agentName: () => null,
  queueName: () => null,
  menuName: () => null,
  registrations: () => [],
  variables: () => ({}),
};
