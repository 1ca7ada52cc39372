// zod schemas for every argument of the archive API: validated at each
// process / network boundary before anything reaches SQLite.

import { z } from 'zod';
import { CALL_TYPES, OUTCOMES } from '../model/archive-call';
import { GROUPINGS, SL_ABANDONS } from '../statistics/types';
import { MAX_CALL_ID_LENGTH } from '../model/limits';

export const SORT_COLUMNS = [
  'start',
  'callerNumber',
  'accessNumber',
  'queue',
  'agent',
  'type',
  'outcome',
  'timeBeforeAnswerSec',
  'waitTimeSec',
  'speakTimeSec',
  'callbackAttempts',
] as const;

const range = z
  .object({ min: z.number().finite().nonnegative().optional(), max: z.number().finite().nonnegative().optional() })
  .strict();

const isoInstant = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO 8601 instant');

/** The filters of a search: what the list's chips and box set, and what a saved search keeps. */
const callFilterShape = {
  // No NUL: SQLite's FTS5 reads a query only up to one, so a quoted word with a NUL inside failed as a 500.
  text: z
    .string()
    .max(200)
    .refine((s) => !s.includes('\0'), 'a search text has no NUL character')
    .optional(),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  types: z.array(z.enum(CALL_TYPES)).max(CALL_TYPES.length).optional(),
  outcomes: z.array(z.enum(OUTCOMES)).max(OUTCOMES.length).optional(),
  queues: z.array(z.string().max(200)).max(100).optional(),
  agents: z.array(z.string().max(200)).max(100).optional(),
  durationSec: range.optional(),
  waitTimeSec: range.optional(),
  speakTimeSec: range.optional(),
  callbackAttempts: range.optional(),
  /** Silent dialer calls (R18: the contact answered, no agent free; #14 item 5): true only them, false none of them. */
  silent: z.boolean().optional(),
};

export const callSearchSchema = z
  .object({
    ...callFilterShape,
    sort: z.enum(SORT_COLUMNS).default('start'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    limit: z.number().int().min(1).max(1000).default(100),
    cursor: z.string().max(1000).nullable().optional(),
    /**
     * Jump: skip this many rows of the sorted result and return the page starting at that
     * row position (0-based), e.g. when a virtualised list is dragged to its middle. The
     * page's nextCursor continues from there. Not together with a cursor.
     */
    offset: z.number().int().nonnegative().max(1_000_000_000).optional(),
    /**
     * false: the page is wanted before the total. When counting would hold the page up (a
     * broad one- or two-character text, a trigram text whose count is not kept yet), the
     * answer has `totalPending: true`; the same search without `count: false` counts.
     */
    count: z.boolean().optional(),
    /** Statistics drill-down: exactly the calls a figure of the statistics counted (docs/statistics.md). */
    drill: z.lazy(() => drillSchema).optional(),
    // Review work (#15): filters on what reviewers wrote (src/main/review/review-filters.ts).
    /** Calls carrying any of these tags (names, case-insensitive). */
    tags: z.array(z.string().min(1).max(60)).max(50).optional(),
    /** Calls whose review status is one of these. */
    statuses: z
      .array(z.enum(['unreviewed', 'reviewed', 'flagged']))
      .max(3)
      .optional(),
    /** Calls with a note containing this text (case-insensitive). */
    noteText: z.string().min(1).max(200).optional(),
    /** true: calls with at least one note; false: calls without. */
    hasNotes: z.boolean().optional(),
  })
  .strict()
  .refine((q) => q.offset === undefined || !q.cursor, {
    message: 'offset and cursor exclude each other (offset jumps from the first row)',
    path: ['offset'],
  });
export type CallSearch = z.input<typeof callSearchSchema>;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export const callIdSchema = z.string().min(1).max(MAX_CALL_ID_LENGTH);
export const jobIdSchema = z.string().min(1).max(100);

export const importRequestSchema = z
  .object({
    files: z.array(z.string().min(1).max(4096)).min(1).max(1000),
    timeZone: z.string().min(1).max(64),
  })
  .strict();
export type ImportRequest = z.infer<typeof importRequestSchema>;

export const rejectedPageSchema = z
  .object({
    importId: z.number().int().positive(),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type RejectedPage = z.input<typeof rejectedPageSchema>;

// Statistics (docs/statistics.md): the parameters of the spec with its defaults.
const periodBoundary = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/i, 'not an ISO 8601 date or date-time');

export const statsQuerySchema = z
  .object({
    /** Period start (inclusive): an instant with Z / offset, or a local date / date-time in the display zone. */
    from: periodBoundary.optional(),
    /** Period end (exclusive), as from. */
    to: periodBoundary.optional(),
    by: z
      .array(z.enum(GROUPINGS))
      .max(2)
      .refine((b) => new Set(b).size === b.length, 'a grouping twice')
      .default([]),
    slSeconds: z.number().finite().min(0).max(86_400).default(20),
    slAbandons: z.enum(SL_ABANDONS).default('ignore'),
    shortAbandonSeconds: z.number().finite().min(0).max(86_400).default(5),
    /** IANA zone; default the archive's export time zone. */
    timeZone: z.string().min(1).max(64).optional(),
    silentLimitPct: z.number().finite().min(0).max(100).default(3),
  })
  .strict();
export type StatsQuery = z.input<typeof statsQuerySchema>;

export const DRILL_FIGURES = [
  // queue table counts
  'offered',
  'answered',
  'abandoned',
  'unanswered',
  'deleted',
  'rejected',
  'pending',
  'shortAbandoned',
  'callbacksRequested',
  'callbacksAnswered',
  'answeredWithinSl',
  'abandonedWithinSl',
  // agent table (key.agent)
  'agent.answered',
  'agent.consults',
  'agent.handled',
  'agent.unansweredOffers',
  // outbound tables
  'outbound.calls', // key.type, key.mode, key.outcome
  'outbound.notQueued',
  'outbound.attempts', // key.campaign
  'outbound.connected', // key.day, key.campaign
  'outbound.silent', // key.day, key.campaign
] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];

const keyValue = z.string().max(200).nullable();
export const drillSchema = z
  .object({
    figure: z.enum(DRILL_FIGURES),
    /** The group: a value per grouping of the statistics (null: the calls without one), or the outbound row's fields. */
    key: z
      .object({
        ...Object.fromEntries(GROUPINGS.map((g) => [g, keyValue.optional()])),
        mode: keyValue.optional(),
        outcome: keyValue.optional(),
        campaign: keyValue.optional(),
      } as Record<(typeof GROUPINGS)[number] | 'mode' | 'outcome' | 'campaign', z.ZodOptional<typeof keyValue>>)
      .strict()
      .default({}),
    /** The statistics' parameters the figure was computed with. */
    stats: statsQuerySchema,
  })
  .strict();
export type Drill = z.input<typeof drillSchema>;
// --- Export of a search result (#13 item 1) and saved / recent searches (#13 item 6) ---

export const EXPORT_FORMATS = ['csv', 'xlsx', 'jsonl'] as const;
export type ExportFormatName = (typeof EXPORT_FORMATS)[number];

export const exportRequestSchema = z
  .object({
    /** The search as the list shows it; paging (cursor, offset, limit) is ignored: every call is exported. */
    search: callSearchSchema,
    format: z.enum(EXPORT_FORMATS),
    /** CSV only: ';' for Danish Excel (decimals then with a comma). */
    separator: z.enum([',', ';']).default(','),
    includeEvents: z.boolean().default(false),
    /** IANA zone of the local-time columns and the ISO times' offsets (the display zone). */
    timeZone: z.string().min(1).max(64),
  })
  .strict();
export type ExportRequest = z.input<typeof exportRequestSchema>;

export const exportFileSchema = z
  .object({ jobId: z.string().min(1).max(100), kind: z.enum(['calls', 'events']) })
  .strict();

/** A search as saved: what the list shows (text, filters, sort), never a page position. */
export const savedSearchBodySchema = z
  .object({
    ...callFilterShape,
    sort: z.enum(SORT_COLUMNS).optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    // Review work (#15): a saved search keeps its tag, status and note filters too.
    tags: callSearchSchema.shape.tags,
    statuses: callSearchSchema.shape.statuses,
    noteText: callSearchSchema.shape.noteText,
    hasNotes: callSearchSchema.shape.hasNotes,
  })
  .strip();
export type SavedSearchBody = z.infer<typeof savedSearchBodySchema>;

export const saveSearchSchema = z
  .object({ name: z.string().trim().min(1).max(100), search: savedSearchBodySchema })
  .strict();
export type SaveSearchRequest = z.input<typeof saveSearchSchema>;
export const savedSearchIdSchema = z.number().int().positive();
// Review work (#15): notes, tags, review status, the action log, erasure.
export const REVIEW_STATUSES = ['unreviewed', 'reviewed', 'flagged'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

const tagName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .refine((s) => !/[,\n\r\t]/.test(s), 'a tag name has no comma, tab or line break');
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');

export const noteAddSchema = z
  .object({
    callId: callIdSchema,
    eventIndex: z.number().int().nonnegative().max(100_000).nullable().optional(),
    text: z.string().trim().min(1).max(10_000),
  })
  .strict();
export type NoteAdd = z.input<typeof noteAddSchema>;
export const noteEditSchema = z
  .object({ noteId: z.number().int().positive(), text: z.string().trim().min(1).max(10_000) })
  .strict();
export type NoteEdit = z.input<typeof noteEditSchema>;
export const statusSetSchema = z.object({ callId: callIdSchema, status: z.enum(REVIEW_STATUSES) }).strict();
export type StatusSet = z.input<typeof statusSetSchema>;
export const tagCreateSchema = z.object({ name: tagName, colour: colour.optional() }).strict();
export type TagCreate = z.input<typeof tagCreateSchema>;
export const tagUpdateSchema = z
  .object({ id: z.number().int().positive(), name: tagName.optional(), colour: colour.optional() })
  .strict();
export type TagUpdate = z.input<typeof tagUpdateSchema>;
export const callTagSchema = z.object({ callId: callIdSchema, tag: tagName }).strict();
export type CallTag = z.input<typeof callTagSchema>;
export const callIdsSchema = z.array(callIdSchema).max(1000);
export const neighbourSchema = z
  .object({
    query: callSearchSchema,
    /** The call to start from; none: the first of the list. */
    callId: callIdSchema.nullable().optional(),
    direction: z.enum(['next', 'previous']),
    /** Only calls of these statuses (default: unreviewed). */
    statuses: z.array(z.enum(REVIEW_STATUSES)).min(1).max(3).optional(),
  })
  .strict();
export type Neighbour = z.input<typeof neighbourSchema>;
export const logPageSchema = z
  .object({
    limit: z.number().int().min(1).max(1000).default(200),
    beforeId: z.number().int().positive().optional(),
  })
  .strict();
export type LogPage = z.input<typeof logPageSchema>;
export const erasureSchema = z
  .object({
    /** A phone number (any writing: spaces, +, dashes) or an e-mail address. */
    value: z.string().trim().min(3).max(200).optional(),
    /** Every call that started before this instant (retention). */
    before: isoInstant.optional(),
    reason: z.string().trim().min(3).max(500),
  })
  .strict()
  .refine((e) => (e.value === undefined) !== (e.before === undefined), {
    message: 'give either a value (number or e-mail) or a date (before), not both',
    path: ['value'],
  });
export type ErasureRequest = z.input<typeof erasureSchema>;

/** The answer of archive.opening (ArchiveOpening): what the renderer accepts as the state of an upgrade. */
export const archiveOpeningSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ready') }).strict(),
  z
    .object({
      state: z.literal('upgrading'),
      phase: z.enum(['rows', 'compacting']),
      toVersion: z.number().int().positive(),
      done: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
    })
    .strict(),
  z.object({ state: z.literal('failed'), message: z.string().max(1000), readOnly: z.boolean() }).strict(),
]);
