// The archive API: the one typed contract between the UI and the backend.
// Implemented over SQLite in src/main/store; carried by Electron IPC, by
// browser mode's loopback HTTP and called directly by the CLI. The renderer's
// Pinia stores are its only callers, so UI code never sees the transport.
//
// Every argument is validated with the zod schemas in ./schemas before it
// reaches SQLite (in main, in the HTTP server): the types here are inferred
// from those schemas so the two cannot drift.

import type { ArchiveCall, CallAttempt, CallType, Outcome } from '../model/archive-call';
import type { RowOrigin } from '../model/call-events';
import type {
  CallSearch,
  CallTag,
  Drill,
  DrillFigure,
  ErasureRequest,
  ExportRequest,
  ImportRequest,
  LogPage,
  Neighbour,
  NoteAdd,
  NoteEdit,
  RejectedPage,
  ReviewStatus,
  SavedSearchBody,
  SaveSearchRequest,
  SortColumn,
  StatsQuery,
  StatusSet,
  TagCreate,
  TagUpdate,
} from './schemas';
import type { StatisticsResult } from '../statistics/types';

export type {
  CallSearch,
  CallTag,
  Drill,
  DrillFigure,
  ErasureRequest,
  ExportRequest,
  ImportRequest,
  LogPage,
  Neighbour,
  NoteAdd,
  NoteEdit,
  RejectedPage,
  ReviewStatus,
  SaveSearchRequest,
  SavedSearchBody,
  SortColumn,
  StatisticsResult,
  StatsQuery,
  StatusSet,
  TagCreate,
  TagUpdate,
};

/** One row of the call list (a projection of the archive call, for the table). */
export interface CallListRow {
  callId: string;
  type: CallType;
  start: string;
  end: string;
  callerNumber: string | null;
  accessNumber: string | null;
  queue: string | null;
  agent: string | null;
  outcome: Outcome;
  timeBeforeAnswerSec: number | null;
  waitTimeSec: number | null;
  speakTimeSec: number;
  callbackAttempts: number | null;
  /** The queue the call was answered from (the one before its last conversation); null when not answered from a queue. */
  answeringQueue?: string | null;
  /** The agent of the call's last conversation (who talked to the customer); null when nobody answered. */
  handlingAgent?: string | null;
  /** Every queue of the call (for "+N" and its tooltip); `queue` is the first (the sort key). */
  queues?: string[];
  /** Every agent of the call. */
  agents?: string[];
}

export interface CallPage {
  rows: CallListRow[];
  /** Total matching calls (for "12,345 calls"). With `totalPending`, only a lower bound (see there). */
  total: number;
  /** Opaque keyset cursor for the next page; null on the last page. */
  nextCursor: string | null;
  /**
   * Set when the search asked `count: false` and the total was not counted (it would have
   * held the page up): `total` is then only the rows from this page's first row on that
   * are known to exist (its rows, plus one when there are more). Search again without
   * `count: false` for the exact total.
   */
  totalPending?: true;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface Facets {
  type: FacetCount[];
  outcome: FacetCount[];
  queue: FacetCount[];
  agent: FacetCount[];
  /**
   * Set when the exact facets were not ready within their time budget: the counts are an
   * estimate (from a sample of the calls, scaled up). Ask again for the exact figures; the
   * archive keeps counting them meanwhile.
   */
  estimated?: true;
}

/** A raw row as stored, for the auditor's trace of an event. */
export interface StoredRawRow {
  origin: RowOrigin;
  importId: number;
  /** Column name → value, exactly as exported. */
  fields: Record<string, string>;
  /** Added by the archive: the stored row's id (events' sources refer to it). */
  id?: number;
  /** call_events, a companion table name, or "call" (another platform's record). */
  table?: string;
  /** The row's accounting status: used, or kept (with the reason). */
  status?: 'used' | 'kept';
  reason?: string | null;
}

export interface CallDetail {
  call: ArchiveCall;
  /** Per event (same order as call.events): the raw rows behind it. */
  eventSources: RowOrigin[][];
  /** Every raw row of the call as stored. */
  rawRows: StoredRawRow[];
  /** A request call's attempts (callback, callout, dialer; #14 item 13), in order; absent for other calls. */
  attempts?: CallAttempt[];
}

export interface ImportRecord {
  id: number;
  fileName: string;
  fileSize: number;
  sha256: string;
  timeZone: string;
  format: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'done' | 'failed' | 'cancelled' | 'duplicate';
  rowsRead: number;
  rowsUsed: number;
  rowsKept: number;
  rowsRejected: number;
  callsDerived: number;
  appVersion: string;
  message: string | null;
  /** Why the reader chose `format`, one sentence (e.g. "CSV header with the queue_log table columns …"); absent in older archives. */
  formatWhy?: string | null;
  /** Event names and field names the reader did not know: kept in the raw rows and counted, never fatal. */
  unknownNames?: ImportUnknownName[];
  /**
   * The gzip file or ZIP the content was read from (its name, SHA-256 and size as stored, and the member's
   * name); null for a plain file or a stream. fileName / fileSize / sha256 are then the content's.
   */
  container?: ImportContainer | null;
}

/** Where a compressed import came from (#11 item 4). */
export interface ImportContainer {
  kind: 'gzip' | 'zip';
  name: string;
  sha256: string;
  size: number;
  /** The ZIP member's path, or the gzip file's name without ".gz". */
  member: string;
}

/** An unknown event name (e.g. a queue_log verb, a Genesys segmentType) or field name, with how often it was seen. */
export interface ImportUnknownName {
  kind: 'event' | 'field';
  name: string;
  count: number;
}

export interface RejectedRowRecord {
  importId: number;
  origin: RowOrigin;
  reason: string;
  raw: string;
}

/**
 * A row an import stored but no call uses (a duplicate, a superseded delivery, an unknown event
 * type, …), with why: with the rejected rows, every row an import read is accounted for.
 */
export interface KeptRowRecord {
  importId: number;
  origin: RowOrigin;
  /** call_events, agents, queues, … */
  table: string;
  /** The call id the row was filed under; null when it names none (e.g. an unknown event type). */
  callId: string | null;
  reason: string | null;
}

/** A failed or cancelled import attempt (#14): it wrote nothing but this record (imports.attempts). */
export interface ImportAttempt {
  id: number;
  fileName: string;
  /** 0 when the file could not be read. */
  fileSize: number;
  /** '' when the file could not be hashed. */
  sha256: string;
  timeZone: string;
  startedAt: string;
  finishedAt: string;
  status: 'failed' | 'cancelled';
  /** One line: why (as the import report showed it). */
  reason: string;
  appVersion: string;
}

/** What an import is doing now, beyond reading bytes (the bar is full while it finishes). */
export type ImportPhase = 'checking' | 'reading' | 'deriving' | 'indexing';

export interface ImportProgress {
  jobId: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  /** The file being imported now (index into the request's files). */
  fileIndex: number;
  fileCount: number;
  bytesRead: number;
  bytesTotal: number;
  rows: number;
  calls: number;
  /** Seconds left, estimated from bytes; null until known. */
  etaSec: number | null;
  /** One result per finished file. */
  results: ImportRecord[];
  /** Set when state is failed: a one-line, human message. */
  error: string | null;
  /** Files finished so far (done, duplicate, failed or cancelled): "file {filesDone + 1} of {fileCount}". */
  filesDone?: number;
  /** The file being imported now (base name), null between files. */
  fileName?: string | null;
  /** What the current file's import is doing: checking (hashing), reading, deriving the last calls, indexing. */
  phase?: ImportPhase | null;
}

export interface ArchiveInfo {
  path: string;
  isDemo: boolean;
  calls: number;
  imports: number;
  firstCall: string | null;
  lastCall: string | null;
  schemaVersion: number;
  appVersion: string;
  /** Opened read-only (read-only media or folder: nothing can be imported; the header says so). */
  readOnly?: boolean;
  /** The zone the latest successful import's export was read in (the UI's default display zone); null before any. */
  exportTimeZone?: string | null;
}

/** An export job's state: calls written of the result's total; files to save or download when done. */
export interface ExportProgress {
  jobId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  calls: number;
  /** The result's total; 0 until the first page is read. */
  total: number;
  events: number;
  bytes: number;
  /** When done: the files, by kind, with the name offered in the Save dialog / download. */
  files: { kind: 'calls' | 'events'; name: string }[];
  /** Set when failed: one human line. */
  error: string | null;
}

/** A named search stored in the archive (kind 'saved'), or one of the last 20 run from the UI (kind 'recent'). */
export interface SavedSearch {
  id: number;
  kind: 'saved' | 'recent';
  name: string | null;
  search: SavedSearchBody;
  createdAt: string;
}

export interface SearchesList {
  saved: SavedSearch[];
  /** Newest first, at most 20. */
  recent: SavedSearch[];
}

/**
 * Where opening the archive is (#10). An archive of an older schema is upgraded first, off the
 * host's main thread: every stored row re-encoded ('rows', done of total), then the file
 * compacted ('compacting', no count). Calls made meanwhile wait for it. A failed upgrade leaves
 * the archive as it was; it is then opened read-only when its schema can be read as it is.
 */
export type ArchiveOpening =
  | { state: 'ready' }
  | { state: 'upgrading'; phase: 'rows' | 'compacting'; toVersion: number; done: number; total: number }
  | { state: 'failed'; message: string; readOnly: boolean };

export interface ArchiveApi {
  archive: {
    info(): Promise<ArchiveInfo>;
    /** Answers at once, also while the archive is being upgraded (the app's progress bar). */
    opening(): Promise<ArchiveOpening>;
  };
  calls: {
    search(query: CallSearch): Promise<CallPage>;
    facets(query: CallSearch): Promise<Facets>;
    get(callId: string): Promise<CallDetail | null>;
  };
  imports: {
    list(): Promise<ImportRecord[]>;
    rejected(page: RejectedPage): Promise<RejectedRowRecord[]>;
    /** An import's rows kept now (stored, used by no call) with their reasons, in line order (pages as rejected). */
    kept(page: RejectedPage): Promise<KeptRowRecord[]>;
    /** Starts an import off the caller's thread; poll progress() for its state. */
    start(request: ImportRequest): Promise<{ jobId: string }>;
    progress(jobId: string): Promise<ImportProgress>;
    cancel(jobId: string): Promise<void>;
    /** Failed and cancelled import attempts (#14), oldest first: they wrote nothing else into the archive. */
    attempts(): Promise<ImportAttempt[]>;
  };
  /** Queue statistics (docs/statistics.md); each count's calls: calls.search with a `drill`. */
  stats: {
    compute(query: StatsQuery): Promise<StatisticsResult>;
  };
  /** Export of a search result (every call, the list's order) as a job; the host saves or serves the files. */
  exports: {
    start(request: ExportRequest): Promise<{ jobId: string }>;
    progress(jobId: string): Promise<ExportProgress>;
    cancel(jobId: string): Promise<void>;
  };
  /** Saved and recent searches, stored in the archive (they travel with it). */
  searches: {
    list(): Promise<SearchesList>;
    save(request: SaveSearchRequest): Promise<SavedSearch>;
    delete(id: number): Promise<void>;
    /** Records a search run from the UI among the recent ones (the last 20 kept). */
    recordRecent(search: SavedSearchBody): Promise<void>;
  };
  /** `verify --deep` from the app (#11): every call derived again and compared; poll progress(). */
  verify: {
    startDeep(): Promise<{ jobId: string }>;
    progress(jobId: string): Promise<DeepVerifyState>;
  };
  review: ReviewApi;
}

/** A deep verification's state: how far, and every difference found so far (call id and field). */
export interface DeepVerifyState {
  jobId: string;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  /** One line per difference (the first 1,000), e.g. `call 17: calls.outcome: stored "x", derived "y"`. */
  differences: string[];
  /** Differences found beyond those listed. */
  moreDifferences: number;
  /** Set when state is failed: one line. */
  error: string | null;
}

// Review work (#15).
export interface NoteVersion {
  version: number;
  author: string;
  at: string;
  text: string;
}

export interface ReviewNote {
  id: number;
  callId: string;
  /** The event of the call the note is on (index into call.events), or null: the call. */
  eventIndex: number | null;
  /**
   * The call was derived again and has no event of the type and start the note was written on
   * (`eventIndex` is then where it was); a note follows its event when events are added or reordered.
   */
  eventMissing?: true;
  author: string;
  createdAt: string;
  updatedAt: string;
  text: string;
  /** Every version, oldest first (the last is `text`). */
  history: NoteVersion[];
}

export interface ReviewTag {
  id: number;
  name: string;
  colour: string;
  /** Calls carrying it. */
  calls: number;
}

export interface CallReview {
  callId: string;
  status: ReviewStatus;
  statusBy: string | null;
  statusAt: string | null;
  tags: { name: string; colour: string }[];
  notes: ReviewNote[];
}

/** Status and tags of one listed call (list columns). */
export interface CallReviewSummary {
  status: ReviewStatus;
  tags: { name: string; colour: string }[];
  notes: number;
}

export interface ReviewFacets {
  status: FacetCount[];
  tag: FacetCount[];
}

export interface ActionLogEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  summary: string;
  calls: number | null;
  details: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

export interface ErasurePreview {
  /** What will be erased, in words (never repeats the value). */
  scope: string;
  calls: number;
  rawRows: number;
  rejectedRows: number;
  notes: number;
  imports: number;
}

export interface ErasureResult extends ErasurePreview {
  erasureId: number;
  actionId: number;
}

export interface ReviewApi {
  get(callId: string): Promise<CallReview>;
  summaries(callIds: string[]): Promise<Record<string, CallReviewSummary>>;
  facets(query: CallSearch): Promise<ReviewFacets>;
  addNote(note: NoteAdd): Promise<ReviewNote>;
  editNote(edit: NoteEdit): Promise<ReviewNote>;
  setStatus(s: StatusSet): Promise<CallReview>;
  tags(): Promise<ReviewTag[]>;
  createTag(t: TagCreate): Promise<ReviewTag>;
  updateTag(t: TagUpdate): Promise<ReviewTag>;
  addTag(t: CallTag): Promise<CallReview>;
  removeTag(t: CallTag): Promise<CallReview>;
  /** The next / previous call of a search's list (after callId) whose status is one of `statuses` (unreviewed). */
  neighbour(n: Neighbour): Promise<string | null>;
  log(page: LogPage): Promise<ActionLogEntry[]>;
  erasePreview(e: ErasureRequest): Promise<ErasurePreview>;
  erase(e: ErasureRequest): Promise<ErasureResult>;
}

/** The namespaced method names, e.g. "calls.search": what IPC and HTTP route by. */
export type ApiMethod = {
  [N in keyof ArchiveApi]: `${N & string}.${keyof ArchiveApi[N] & string}`;
}[keyof ArchiveApi];
