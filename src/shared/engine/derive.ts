// deriveCall: orchestrates dedupe → classify → flow events → overlap → metrics.
import type { DerivedCall } from '../model/archive-call';
import type { CallEventRow, CompanionLookup } from '../model/call-events';

export function deriveCall(rows: readonly CallEventRow[], companions: CompanionLookup): DerivedCall {
  void companions;
  if (rows.length === 0) throw new Error('deriveCall: no rows');
  throw new Error('deriveCall: not implemented yet');
}
