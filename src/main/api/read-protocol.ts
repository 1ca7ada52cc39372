// Messages between the read pool (./read-pool) and its workers (./read-thread).
import type { CallPage, CallSearch, Facets } from '../../shared/api/archive-api';
import type { SearchTuning } from './search-tuning';
import type { CallColumns } from './call-columns';
import type { SharedMatchList } from './fts-text';

export interface ReadWorkerData {
  role: 'read' | 'columns';
  path: string;
  /** The search thresholds (the bench and tests pass their own). */
  tuning?: SearchTuning;
  /** A background lane (exact counts and facets): the thread lowers its CPU priority (./thread-priority). */
  background?: boolean;
}

export interface ReadRequest {
  id: number;
  op: 'search' | 'facets';
  query: CallSearch;
  /** Facets from every n-th call only (scaled up; AUTO_SAMPLE: about ESTIMATE_SAMPLE calls): the estimate answered when the exact facets are late. */
  sampleEvery?: number;
  /** Tests only: hold the worker busy for about this long before answering. */
  slowMs?: number;
  /** The generation of the calls' columns in memory to search with (sent before); absent: SQL only. */
  columns?: number;
}

/** The calls' columns in memory (shared buffers, not copied) for the requests naming this generation; null: drop them. */
export interface ColumnsMessage {
  op: 'columns';
  generation: number;
  columns: CallColumns | null;
}

/** A text's full match list read by another worker, for the columns of this generation (./fts-text MatchLists). */
export interface MatchListMessage extends SharedMatchList {
  op: 'match-list';
  generation: number;
}

/**
 * What the columns worker (./columns-thread) answers: the columns, or null (too many calls, or
 * failed). Twice: first without the text columns (`final` false), then with them, read in the
 * same transaction (the filters and sorts are usable in half the time).
 */
export interface ColumnsReply {
  columns: CallColumns | null;
  final: boolean;
  error?: string;
}

export type ReadReply =
  | {
      id: number;
      ok: true;
      value: CallPage | Facets | 'ready';
      strategy?: string;
      nice?: number | null;
      /** Full match lists this worker read for the request, for the columns of `generation`: the pool passes them on. */
      lists?: { generation: number; lists: SharedMatchList[] };
    }
  | { id: number; ok: false; message: string; code: string };
