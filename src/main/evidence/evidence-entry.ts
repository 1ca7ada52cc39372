// The action-log entry of an evidence pack (docs/review.md): the call, the file's name and
// format, the SHA-256 of the file as written and the pack's content SHA-256 — the same entry
// whether the CLI (`evidence --out`) or browser mode's download made it.
import { createHash } from 'node:crypto';
import type { ActionEntry } from '../review/action-log';

export function evidenceEntry(x: {
  callId: string;
  file: string;
  format: 'html' | 'pdf';
  contentSha256: string;
  bytes: Buffer | string;
}): ActionEntry {
  return {
    action: 'evidence',
    summary: `evidence pack of call ${x.callId} written to ${x.file} (${x.format.toUpperCase()})`,
    calls: 1,
    details: {
      callId: x.callId,
      file: x.file,
      format: x.format,
      contentSha256: x.contentSha256,
      sha256: createHash('sha256').update(x.bytes).digest('hex'),
    },
  };
}
