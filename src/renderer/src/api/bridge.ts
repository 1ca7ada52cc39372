// What the Electron preload exposes as window.callscope (src/preload/index.ts
// implements exactly this). Every call answers with an envelope rather than a
// rejection: Electron rewrites rejected IPC errors into "Error invoking remote
// method …", which would lose the code and the one-line message.

import type { ApiEnvelope } from '../../../shared/api/methods';

/** A request from the shell to the UI (application menu, a drop on the window). */
export type HostCommand =
  /** Files to import, already usable as imports.start paths: open the import dialog with them. */
  | { kind: 'import'; paths: string[] }
  /** Open the import dialog empty (File → Import exports… in browser mode, or the dialog was cancelled). */
  | { kind: 'open-import-dialog' }
  /** A callscope:// link: show this view (a query as src/shared/links encodes it; decoded and validated again). */
  | { kind: 'show-view'; query: string };

export interface CallscopeBridge {
  invoke(method: string, arg: unknown): Promise<ApiEnvelope>;
  host: {
    /** Native open dialog in main; value: string[] | null. */
    pickExportFiles(): Promise<ApiEnvelope>;
    /** Paths of File objects the user chose or dropped (webUtils in the preload); main grants them for import. */
    grantFiles(files: File[]): Promise<ApiEnvelope>;
    /** Evidence pack through a Save dialog in main; value: the written path, or null when cancelled. */
    saveEvidence?(request: unknown): Promise<ApiEnvelope>;
    /** A done export job: Save dialogs in main, files moved there; value: string[] | null. */
    saveExport(jobId: string): Promise<ApiEnvelope>;
    /** Subscribes to shell commands; returns the unsubscribe function. */
    onCommand(listener: (command: HostCommand) => void): () => void;
  };
}

declare global {
  interface Window {
    callscope?: CallscopeBridge;
  }
}
