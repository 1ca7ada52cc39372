// Browser mode's evidence pack download: a link to the server's token-checked GET
// (a download cannot carry the token header, so it goes in the query; the server
// checks it like the header). Only this transport module sees the token.
import { EVIDENCE_DOWNLOAD_PATH, type EvidenceRequest } from '../../../shared/evidence/request';
import { ApiCallError } from './transport';

export function evidenceDownloadUrl(token: string | null, request: EvidenceRequest, origin = location.origin): string {
  if (!token) throw new ApiCallError('unauthorized', 'no access token: open the full URL printed by `callscope serve`');
  const url = new URL(EVIDENCE_DOWNLOAD_PATH, origin);
  url.searchParams.set('token', token);
  url.searchParams.set('callId', request.callId);
  if (request.locale) url.searchParams.set('locale', request.locale);
  if (request.timeZone) url.searchParams.set('timeZone', request.timeZone);
  return url.toString();
}

/** Starts the download the way a user's click on a link would. */
export function saveWithLink(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}
