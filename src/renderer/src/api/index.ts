// The renderer's only way to the backend. Pinia stores call useApi() (the
// ArchiveApi) and useHost() (what the shell adds: native dialogs, uploads,
// menu commands); components never call either. Which transport carries the
// calls — Electron IPC or browser mode's HTTP — is decided here, once, and
// tests replace both with setApi() / setHost().

import type { ArchiveApi } from '../../../shared/api/archive-api';
import type { HostCommand } from './bridge';
import { evidenceDownloadUrl, saveWithLink } from './evidence-download';
import { evidenceFileName } from '../../../shared/evidence/pack';
import type { EvidenceRequest } from '../../../shared/evidence/request';
import {
  apiProxy,
  httpSend,
  ipcSend,
  takeToken,
  TOKEN_KEY,
  unwrap,
  uploadViaHttp,
  type UploadProgress,
} from './transport';

export type { HostCommand } from './bridge';
export type { UploadProgress } from './transport';
import { ApiCallError } from './transport';
export { ApiCallError };

export interface HostApi {
  mode: 'electron' | 'browser';
  /** Electron: native open dialog → absolute paths; null when cancelled. Browser mode: null (use a file input). */
  pickExportFiles(): Promise<string[] | null>;
  /**
   * Makes File objects (from a file input or a drop) importable and returns
   * the paths to give imports.start. Browser mode uploads them to the server;
   * Electron resolves their local paths (nothing is copied). onProgress gets
   * (bytes sent, bytes total) while browser mode uploads.
   */
  uploadFiles(files: File[], onProgress?: UploadProgress): Promise<string[]>;
  /**
   * Shell requests for the UI: File → Import exports… and files dropped on the
   * window arrive as { kind: 'import', paths } — open the import dialog with
   * them. Returns the unsubscribe function.
   */
  onCommand(listener: (command: HostCommand) => void): () => void;
  /**
   * The evidence pack of one call: Electron shows a Save dialog (HTML or PDF) and
   * resolves to the written path (null: cancelled); browser mode downloads the HTML
   * through the token-checked GET and resolves to its file name.
   */
  saveEvidence?(request: EvidenceRequest): Promise<string | null>;
  /**
   * Hands on the files of a done export job: Electron asks where to save them (a Save dialog
   * per file) and moves them there; browser mode downloads them. The saved names or paths;
   * null when the user cancelled. Optional: hosts made by tests may leave it out.
   */
  saveExport?(jobId: string, files: { kind: 'calls' | 'events'; name: string }[]): Promise<string[] | null>;
}

let api: ArchiveApi | null = null;
let host: HostApi | null = null;

export function setApi(next: ArchiveApi): void {
  api = next;
}

export function useApi(): ArchiveApi {
  if (!api) installDefaultTransport();
  return api!;
}

export function setHost(next: HostApi): void {
  host = next;
}

export function useHost(): HostApi {
  if (!host) installDefaultTransport();
  return host!;
}

/**
 * Export files dropped anywhere on the window (outside a drop zone that
 * handled them itself) become a { kind: 'import' } command: the import dialog
 * opens with them. Electron resolves local paths; browser mode uploads.
 */
function listenForDrops(upload: (files: File[]) => Promise<string[]>, emit: (c: HostCommand) => void): void {
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => {
    if (e.defaultPrevented) return; // the import dialog's own drop zone took it
    e.preventDefault();
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length === 0) return;
    upload(files).then(
      (paths) => emit({ kind: 'import', paths }),
      () => emit({ kind: 'open-import-dialog' }),
    );
  });
}

function commandHub(): { emit(c: HostCommand): void; on(fn: (c: HostCommand) => void): () => void } {
  const listeners = new Set<(command: HostCommand) => void>();
  return {
    emit: (command) => listeners.forEach((fn) => fn(command)),
    on: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

function electronTransport(bridge: NonNullable<Window['callscope']>): { api: ArchiveApi; host: HostApi } {
  const hub = commandHub();
  bridge.host.onCommand((command) => hub.emit(command));
  // Nothing is copied in Electron: the files' own paths are granted at once.
  const uploadFiles = async (files: File[], onProgress?: UploadProgress) => {
    const paths = unwrap(await bridge.host.grantFiles(files)) as string[];
    const total = files.reduce((n, f) => n + f.size, 0);
    onProgress?.(total, total);
    return paths;
  };
  listenForDrops(uploadFiles, hub.emit);
  return {
    api: apiProxy(ipcSend(bridge)),
    host: {
      mode: 'electron',
      pickExportFiles: async () => unwrap(await bridge.host.pickExportFiles()) as string[] | null,
      uploadFiles,
      onCommand: hub.on,
      saveEvidence: async (request) => {
        if (!bridge.host.saveEvidence) return null;
        return unwrap(await bridge.host.saveEvidence(request)) as string | null;
      },
      saveExport: async (jobId) => unwrap(await bridge.host.saveExport(jobId)) as string[] | null,
    },
  };
}

/** Browser mode: each file of a done export as a download (a token-checked GET on the loopback server). */
function downloadExport(token: string | null, jobId: string, files: { kind: string; name: string }[]): string[] {
  for (const f of files) {
    const a = document.createElement('a');
    a.href = `/download/${encodeURIComponent(jobId)}/${f.kind}?token=${encodeURIComponent(token ?? '')}`;
    a.download = f.name;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  return files.map((f) => f.name);
}

function browserTransport(): { api: ArchiveApi; host: HostApi } {
  const token = takeToken();
  const hub = commandHub();
  const uploadFiles = (files: File[], onProgress?: UploadProgress) => uploadViaHttp(token, files, fetch, onProgress);
  listenForDrops(uploadFiles, hub.emit);
  return {
    api: apiProxy(httpSend(token)),
    host: {
      mode: 'browser',
      pickExportFiles: async () => null,
      uploadFiles,
      onCommand: hub.on,
      saveEvidence: async (request) => {
        const name = evidenceFileName(request.callId);
        saveWithLink(evidenceDownloadUrl(token, request), name);
        return name;
      },
      saveExport: async (jobId, files) => downloadExport(token, jobId, files),
    },
  };
}

/** Picks the transport for this window: IPC when the Electron preload is present, HTTP otherwise. */
export function installDefaultTransport(): void {
  const chosen = window.callscope ? electronTransport(window.callscope) : browserTransport();
  api ??= chosen.api;
  host ??= chosen.host;
}

/**
 * Called once before mounting: installs the transport (unless a test set one)
 * and fails with one line when browser mode was opened without its token.
 */
export async function connect(): Promise<void> {
  installDefaultTransport();
  if (host?.mode === 'browser' && !sessionStorage.getItem(TOKEN_KEY)) {
    throw new ApiCallError(
      'unauthorized',
      'no access token: open the full URL printed by `callscope serve` (it ends in #token=…)',
    );
  }
}
