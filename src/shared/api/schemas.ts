// zod schemas for every argument of the archive API: validated at each
// process / network boundary before anything reaches SQLite.

import { z } from 'zod';
import { CALL_TYPES, OUTCOMES } from '../model/archive-call';

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

export const callSearchSchema = z
  .object({
    text: z.string().max(200).optional(),
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

export const callIdSchema = z.string().min(1).max(200);
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
