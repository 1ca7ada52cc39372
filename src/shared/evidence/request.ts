// The one argument an app asks an evidence pack with (Electron's host action,
// browser mode's download URL): validated here before anything reaches the archive.
import { z } from 'zod';
import { callIdSchema } from '../api/schemas';

export const evidenceRequestSchema = z
  .object({
    callId: callIdSchema,
    format: z.enum(['html', 'pdf']).default('html'),
    /** IANA zone; omitted: the zone the call's export was imported in. */
    timeZone: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_+\-/]+$/, 'not an IANA time zone name')
      .optional(),
    locale: z.enum(['en', 'da']).default('en'),
  })
  .strict();
export type EvidenceRequest = z.input<typeof evidenceRequestSchema>;

/** Browser mode's download path: GET with the per-start token in the query (a download cannot send a header). */
export const EVIDENCE_DOWNLOAD_PATH = '/download/evidence';
