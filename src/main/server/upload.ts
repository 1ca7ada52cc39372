// Browser mode's file upload: the page cannot hand the server a local path, so
// it streams each chosen export to POST /upload?name=…; the server keeps it in
// a private temp folder and returns that path for imports.start.

import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join, resolve, sep } from 'node:path';
import { sanitizeFileName } from './security';

export class UploadTooLarge extends Error {}

/** Streams the request body into dir under a unique, sanitised name; resolves with the file's path. */
export function receiveUpload(req: IncomingMessage, dir: string, rawName: string, maxBytes: number): Promise<string> {
  // A private sub-folder per upload keeps the user's file name (the import
  // history shows it) while two uploads of the same name never collide.
  const sub = join(dir, randomBytes(8).toString('hex'));
  mkdirSync(sub, { mode: 0o700 });
  const file = join(sub, sanitizeFileName(rawName));
  return new Promise<string>((resolvePath, reject) => {
    const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    let bytes = 0;
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      req.unpipe(out);
      out.destroy();
      rmSync(sub, { recursive: true, force: true });
      reject(err);
    };
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) fail(new UploadTooLarge(`upload larger than ${maxBytes} bytes`));
    });
    req.on('aborted', () => fail(new Error('upload aborted')));
    req.on('error', fail);
    out.on('error', fail);
    out.on('finish', () => {
      if (!failed) resolvePath(file);
    });
    req.pipe(out);
  });
}

/** True when every file lies inside one of the roots (after resolving "..", without following links). */
export function insideRoots(files: readonly string[], roots: readonly string[]): boolean {
  const bases = roots.map((r) => resolve(r));
  return files.every((f) => {
    const p = resolve(f);
    return bases.some((b) => p.startsWith(b + sep));
  });
}
