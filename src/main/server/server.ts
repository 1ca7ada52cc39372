// Browser mode: the renderer and the archive API over plain HTTP on 127.0.0.1
// only. Every API and upload request needs the per-start token; every request
// needs a loopback Host (and Origin, when sent). Arguments go through the same
// handler map as Electron IPC (../api-host), so validation lives in one place.

import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArchiveApi } from '../../shared/api/archive-api';
import type { ApiErrorCode } from '../../shared/api/methods';
import { ApiError, dispatch, oneLine, toFailure } from '../api-host/dispatch';
import { apiCodeOf, HTTP_STATUS } from '../api-host/error-codes';
import type { ExportFiles } from '../export/export-files';
import { serveStatic } from './static';
import { insideRoots, receiveUpload, UploadTooLarge } from './upload';
import { EVIDENCE_DOWNLOAD_PATH } from '../../shared/evidence/request';
import { downloadEvidence } from './evidence-download';
import type { ActionEntry } from '../review/action-log';
import { hostAllowed, newToken, originAllowed, SECURITY_HEADERS, tokenMatches } from './security';

export const TOKEN_HEADER = 'x-callscope-token';
const MAX_JSON_BYTES = 1024 * 1024;
const DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

export interface ServerOptions {
  api: ArchiveApi;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 = any free port. */
  port?: number;
  /** Fixed token, for tests only; a fresh random one otherwise. */
  token?: string;
  maxUploadBytes?: number;
  /** An API request's whole body must arrive within this (ms); default 30 s (bodies are at most 1 MB). */
  apiBodyTimeoutMs?: number;
  /** An upload fails after this long without a byte (ms); default 60 s. A large upload that keeps sending passes. */
  uploadIdleTimeoutMs?: number;
  /** Folders besides the upload folder whose files imports.start may read (e.g. a CLI-given folder). */
  importRoots?: string[];
  /** Finished export jobs' files, served by GET /download/<jobId>/<calls|events>?token=… */
  exportFiles?: ExportFiles;
  /** Records an evidence download in the archive's action log (serve: the archive's recordAction). */
  recordAction?(entry: ActionEntry): void;
  log?(line: string): void;
}

export interface RunningServer {
  port: number;
  token: string;
  /** http://127.0.0.1:PORT/#token=… — the one URL to open. */
  url: string;
  uploadDir: string;
  /** The address actually bound (always 127.0.0.1). */
  address: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body ?? null);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: ApiErrorCode | string, message: string): void {
  // Stop reading a body we refuse; the client must not keep streaming into a closed request.
  sendJson(res, status, { error: { code, message } }, { Connection: 'close' });
}

/**
 * A request body that stops arriving ends with 408 and a closed connection (a partial upload is
 * removed by the upload's own error path): `totalMs` for the whole body, `idleMs` between two chunks.
 * Returns the function that stops watching once the body is in.
 */
export function watchBody(
  req: IncomingMessage,
  res: ServerResponse,
  limits: { totalMs?: number; idleMs?: number },
  what: string,
): () => void {
  let idle: NodeJS.Timeout | undefined;
  const expire = (why: string) => {
    stop();
    if (!res.headersSent) sendError(res, 408, 'timeout', `${what}: ${why}`);
    res.end(() => req.destroy(new Error(`${what}: ${why}`)));
  };
  const total = limits.totalMs
    ? setTimeout(() => expire(`the request body did not arrive within ${limits.totalMs} ms`), limits.totalMs)
    : undefined;
  const onData = () => {
    if (!limits.idleMs) return;
    clearTimeout(idle);
    idle = setTimeout(() => expire(`no data for ${limits.idleMs} ms`), limits.idleMs);
  };
  onData();
  req.on('data', onData);
  function stop() {
    clearTimeout(total);
    clearTimeout(idle);
    req.off('data', onData);
  }
  req.once('end', stop);
  req.once('close', stop);
  return stop;
}

/** Whether a request says a body follows (a length above 0, or chunked). */
function declaresBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) return; // drain and discard; the 413 closes the connection
      if (size > MAX_JSON_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        reject(new ApiError('too_large', `request body larger than ${MAX_JSON_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return;
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new ApiError('invalid_argument', 'request body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const maxUpload = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const uploadDir = mkdtempSync(join(tmpdir(), 'callscope-upload-'));
  const importRoots = [uploadDir, ...(options.importRoots ?? [])];
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  let port = 0;

  const policy = {
    checkImport(request: { files: string[] }) {
      if (!insideRoots(request.files, importRoots)) {
        throw new ApiError('forbidden', 'imports.start: in browser mode only uploaded files can be imported');
      }
    },
    logError(method: string, err: unknown) {
      log(`callscope serve: ${method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, port)) return sendError(res, 403, 'forbidden', 'host not allowed');
    if (!originAllowed(req.headers.origin, port)) return sendError(res, 403, 'forbidden', 'origin not allowed');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname.startsWith('/api/') || url.pathname === '/upload') {
      if (req.method !== 'POST') return sendError(res, 405, 'method_not_allowed', 'use POST');
      if (!tokenMatches(token, req.headers[TOKEN_HEADER])) {
        return sendError(res, 401, 'unauthorized', 'missing or wrong token: open the URL printed by `callscope serve`');
      }
      if (url.pathname === '/upload') return upload(req, res, url);
      const type = req.headers['content-type'] ?? '';
      if (!/^application\/json\b/i.test(type)) {
        return sendError(res, 415, 'unsupported_media_type', 'send the argument as application/json');
      }
      let method: string;
      try {
        method = decodeURIComponent(url.pathname.slice('/api/'.length));
      } catch {
        return sendError(res, 400, 'invalid_argument', 'malformed percent-encoding in the API path');
      }
      const stopWatching = watchBody(req, res, { totalMs: options.apiBodyTimeoutMs ?? 30_000 }, `/api/${method}`);
      const arg = await readJson(req).finally(stopWatching);
      const value = await dispatch(options.api, method, arg, policy);
      return sendJson(res, 200, value ?? null);
    }

    // Only the API and uploads read a body. Another request declaring one would be answered and its
    // body then drained with no time limit (requestTimeout is 0 for long uploads): anyone reaching the
    // port, token or not, could hold connections open for ever by trickling bytes.
    if (declaresBody(req)) return sendError(res, 400, 'invalid_argument', 'this request takes no body');
    if (url.pathname === EVIDENCE_DOWNLOAD_PATH)
      return downloadEvidence(req, res, url, { api: options.api, token, sendError, record: options.recordAction });
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'method_not_allowed', 'read only');
    if (url.pathname.startsWith('/download/')) return download(res, url);
    serveStatic(options.rendererDir, req, res, url.pathname, SECURITY_HEADERS);
  }

  /**
   * A finished export as a file download. A plain link cannot send the token header, so the
   * token comes in the query; it is checked like the header (constant time) and the response
   * is never cached.
   */
  function download(res: ServerResponse, url: URL): void {
    if (!tokenMatches(token, url.searchParams.get('token') ?? undefined))
      return sendError(res, 401, 'unauthorized', 'missing or wrong token');
    const match = /^\/download\/([\w-]{1,100})\/(calls|events)$/.exec(url.pathname);
    const file = match ? options.exportFiles?.file(match[1] as string, match[2] as 'calls' | 'events') : null;
    if (!file) return sendError(res, 404, 'not_found', 'no such finished export');
    // The job is known but its file was removed meanwhile (temp cleaner, a second tab's forget): say so.
    const size = statSync(file.path, { throwIfNoEntry: false })?.size ?? null;
    if (size === null) return sendError(res, 410, 'not_found', 'the export file is no longer there: export again');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${file.name}"`,
      'Content-Length': size,
      'Cache-Control': 'no-store',
    });
    createReadStream(file.path).pipe(res);
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const name = url.searchParams.get('name') ?? '';
    if (!name) return sendError(res, 400, 'invalid_argument', 'upload: ?name= is required');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxUpload) return sendError(res, 413, 'too_large', `upload larger than ${maxUpload} bytes`);
    try {
      const stopWatching = watchBody(req, res, { idleMs: options.uploadIdleTimeoutMs ?? 60_000 }, 'upload');
      const path = await receiveUpload(req, uploadDir, name, maxUpload).finally(stopWatching);
      sendJson(res, 200, { path });
    } catch (err) {
      if (err instanceof UploadTooLarge) return sendError(res, 413, 'too_large', err.message);
      throw err;
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      const failure = toFailure(err);
      if (!(err instanceof ApiError) && !apiCodeOf(err)) log(`callscope serve: ${oneLine(err)}`);
      sendError(res, HTTP_STATUS[failure.error.code], failure.error.code, failure.error.message);
    });
  });
  // Uploads of large exports may take minutes, so no limit on the whole request here: bodies are
  // watched by watchBody (API: 30 s in all; uploads: 60 s without a byte). Headers must arrive promptly.
  server.requestTimeout = 0;
  server.headersTimeout = 15_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: never reachable from another machine.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const bound = server.address() as AddressInfo;
  port = bound.port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    uploadDir,
    address: bound.address,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          rmSync(uploadDir, { recursive: true, force: true });
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
