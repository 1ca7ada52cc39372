// The two carriers of the archive API, behind one proxy that implements
// ArchiveApi: Electron IPC (window.callscope.invoke) and browser mode's
// loopback HTTP (POST /api/<method> with the per-start token).

import type { ArchiveApi } from '../../../shared/api/archive-api';
import { API_METHODS, type ApiEnvelope, type ApiErrorCode, type ApiFailure } from '../../../shared/api/methods';
import type { CallscopeBridge } from './bridge';

export const TOKEN_HEADER = 'x-callscope-token';
export const TOKEN_KEY = 'callscope.token';

/** A failed API call: `message` is one line meant for the user. */
export class ApiCallError extends Error {
  constructor(
    readonly code: ApiErrorCode | string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

export type Send = (method: string, arg: unknown) => Promise<unknown>;

/** An ArchiveApi whose every method forwards to send("<namespace>.<name>", arg). */
export function apiProxy(send: Send): ArchiveApi {
  const api: Record<string, Record<string, (arg?: unknown) => Promise<unknown>>> = {};
  for (const method of API_METHODS) {
    const [ns, name] = method.split('.') as [string, string];
    (api[ns] ??= {})[name] = (arg?: unknown) => send(method, arg);
  }
  return api as unknown as ArchiveApi;
}

export function unwrap(envelope: ApiEnvelope): unknown {
  if (envelope.ok) return envelope.value;
  throw new ApiCallError(envelope.error.code, envelope.error.message);
}

export function ipcSend(bridge: CallscopeBridge): Send {
  return async (method, arg) => unwrap(await bridge.invoke(method, arg));
}

/**
 * The token arrives once in the URL fragment (#token=…; fragments never reach
 * a server or a Referer). It is moved to sessionStorage so a reload keeps
 * working, and removed from the address bar so it is not copied by accident.
 */
export function takeToken(loc: Location = location, store: Storage = sessionStorage): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(loc.hash);
  if (match?.[1]) {
    store.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', loc.pathname + loc.search);
    return match[1];
  }
  return store.getItem(TOKEN_KEY);
}

async function failureOf(res: Response): Promise<ApiCallError> {
  try {
    const body = (await res.json()) as Partial<ApiFailure>;
    if (body.error?.message) return new ApiCallError(body.error.code ?? String(res.status), body.error.message);
  } catch {
    // not our JSON: fall through to the status line
  }
  return new ApiCallError(String(res.status), `the Callscope server answered ${res.status} ${res.statusText}`);
}

export function httpSend(token: string | null, fetchFn: typeof fetch = fetch): Send {
  return async (method, arg) => {
    if (!token) {
      throw new ApiCallError(
        'unauthorized',
        'no access token: open the full URL printed by `callscope serve` (…/#token=…)',
      );
    }
    let res: Response;
    try {
      res = await fetchFn(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(arg ?? null),
      });
    } catch {
      throw new ApiCallError('offline', 'cannot reach the Callscope server: is `callscope serve` still running?');
    }
    if (!res.ok) throw await failureOf(res);
    return res.json();
  };
}

/** Bytes sent so far of all files, and their total: for a progress bar while large exports upload. */
export type UploadProgress = (sent: number, total: number) => void;

/** One file with XMLHttpRequest, whose upload events (unlike fetch's) report progress. */
function uploadOneWithProgress(token: string, file: File, onBytes: (sent: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader(TOKEN_HEADER, token);
    xhr.upload.onprogress = (e) => onBytes(e.loaded);
    xhr.onerror = () => reject(new ApiCallError('offline', 'the upload failed: is `callscope serve` still running?'));
    xhr.onload = () => {
      let body: { path?: string; error?: { code?: string; message?: string } } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not our JSON: the status line below
      }
      if (xhr.status === 200 && body.path) return resolve(body.path);
      const message = body.error?.message ?? `the Callscope server answered ${xhr.status}`;
      reject(new ApiCallError(body.error?.code ?? String(xhr.status), message));
    };
    xhr.send(file);
  });
}

/** Browser mode's upload: one POST /upload per file, streamed; resolves with the server paths. */
export async function uploadViaHttp(
  token: string | null,
  files: File[],
  fetchFn: typeof fetch = fetch,
  onProgress?: UploadProgress,
): Promise<string[]> {
  if (!token) throw new ApiCallError('unauthorized', 'no access token: open the full URL printed by `callscope serve`');
  if (onProgress) {
    const total = files.reduce((n, f) => n + f.size, 0);
    const paths: string[] = [];
    let done = 0;
    for (const file of files) {
      paths.push(await uploadOneWithProgress(token, file, (sent) => onProgress(done + sent, total)));
      done += file.size;
      onProgress(done, total);
    }
    return paths;
  }
  const paths: string[] = [];
  for (const file of files) {
    const res = await fetchFn(`/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', [TOKEN_HEADER]: token },
      body: file,
    });
    if (!res.ok) throw await failureOf(res);
    paths.push(((await res.json()) as { path: string }).path);
  }
  return paths;
}
