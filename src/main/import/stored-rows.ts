// A call's stored call-event rows as the engine reads them (normalised rows with origins) and as the
// accounting refers to them, for `verify --deep`: the same read as the import's re-derivation of a
// call whose later rows arrive in a later import (CallRowLoader in row-codec.ts, the one place that
// knows how raw rows are stored).
import type { CallEventRow } from '../../shared/model/call-events';
import type { Db } from '../store/native';
import type { StoredRowRef } from './call-rows';
import { CallRowLoader } from './row-codec';

export interface StoredCallRows {
  rows: CallEventRow[];
  refs: StoredRowRef[];
}

export class StoredRowReader {
  private readonly loader: CallRowLoader;

  constructor(db: Db) {
    this.loader = new CallRowLoader(db);
  }

  /** The call's rows, oldest first; empty when it has none (another platform's call: stored as delivered). */
  callRows(callId: string): StoredCallRows {
    return this.loader.load(callId);
  }
}
