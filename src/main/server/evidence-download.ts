// Browser mode's evidence pack download: GET /download/evidence?token=…&callId=…
// [&timeZone=…&locale=en|da]. A link the page clicks cannot send the token
// header, so the per-start token comes in the query and is checked the same way;
// the pack is built through the ArchiveApi like every other read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ArchiveApi } from '../../shared/api/archive-api';
import { evidenceFileName, evidenceRequestSchema } from '../../shared/evidence';
import { makeEvidencePack } from '../evidence/make-pack';
import { evidenceEntry } from '../evidence/evidence-entry';
import type { ActionEntry } from '../review/action-log';
import { SECURITY_HEADERS, tokenMatches } from './security';

type SendError = (res: ServerResponse, status: number, code: string, message: string) => void;

export async function downloadEvidence(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  opts: { api: ArchiveApi; token: string; sendError: SendError; record?: (entry: ActionEntry) => void },
): Promise<void> {
  if (req.method !== 'GET') return opts.sendError(res, 405, 'method_not_allowed', 'use GET');
  if (!tokenMatches(opts.token, url.searchParams.get('token') ?? undefined))
    return opts.sendError(
      res,
      401,
      'unauthorized',
      'missing or wrong token: open the URL printed by `callscope serve`',
    );
  const parsed = evidenceRequestSchema.safeParse({
    callId: url.searchParams.get('callId') ?? undefined,
    timeZone: url.searchParams.get('timeZone') ?? undefined,
    locale: url.searchParams.get('locale') ?? undefined,
  });
  if (!parsed.success)
    return opts.sendError(
      res,
      400,
      'invalid_argument',
      'evidence: give callId (and optionally timeZone, locale en|da)',
    );
  let pack;
  try {
    pack = await makeEvidencePack(opts.api, parsed.data.callId, parsed.data);
  } catch (err) {
    if (err instanceof RangeError) return opts.sendError(res, 400, 'invalid_argument', err.message);
    throw err;
  }
  if (!pack) return opts.sendError(res, 404, 'not_found', `no call ${parsed.data.callId} in this archive`);
  const body = Buffer.from(pack.html, 'utf8');
  const file = evidenceFileName(parsed.data.callId);
  // What leaves the archive is in its action log, as `evidence --out` is.
  opts.record?.(
    evidenceEntry({ callId: parsed.data.callId, file, format: 'html', contentSha256: pack.sha256, bytes: body }),
  );
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(body.length),
    'Content-Disposition': `attachment; filename="${file}"`,
    // Opened from the server by mistake, it still runs nothing.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
