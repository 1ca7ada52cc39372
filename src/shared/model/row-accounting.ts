// Every input row is accounted for: used (behind an archive event or a call
// field), kept (stored but not drawn, with a reason) or rejected (file, line, reason).

import type { RowOrigin } from './call-events';

export interface RejectedRow {
  origin: RowOrigin;
  reason: string;
  /** The raw text of the record, truncated to a reasonable length. */
  raw: string;
}

export interface RowCounts {
  read: number;
  used: number;
  kept: number;
  rejected: number;
}
