// De-duplication and re-delivery (spec section 2 "Re-delivery", section 6).
import type { CallEventRow } from '../model/call-events';

export interface SupersededRow {
  row: CallEventRow;
  reason: string;
}

export interface RowSelection {
  current: CallEventRow[];
  superseded: SupersededRow[];
}

export function selectCurrentRows(rows: readonly CallEventRow[]): RowSelection {
  return { current: [...rows], superseded: [] };
}
