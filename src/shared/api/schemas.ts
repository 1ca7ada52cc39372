// zod schemas for every argument of the archive API: validated at each
// process / network boundary before anything reaches SQLite.

import { z } from 'zod';
import { CALL_TYPES, OUTCOMES } from '../model/archive-call';
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
