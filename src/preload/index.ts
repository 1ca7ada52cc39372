// Preload (sandboxed, context-isolated): exposes exactly one object,
// window.callscope, that forwards the archive API and the host's extras over
// IPC. No logic beyond the method allow-list: main validates every argument.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  IPC_API_CHANNEL,
  IPC_COMMAND_CHANNEL,
  IPC_HOST_CHANNEL,
  isApiMethod,
  type ApiEnvelope,
} from '../shared/api/methods';

const bridge = {
  invoke(method: string, arg: unknown): Promise<ApiEnvelope> {
    if (!isApiMethod(method)) {
      const message = `unknown API method "${String(method).slice(0, 60)}"`;
      return Promise.resolve({ ok: false, error: { code: 'unknown_method', message } });
    }
    return ipcRenderer.invoke(IPC_API_CHANNEL, method, arg) as Promise<ApiEnvelope>;
  },
  host: {
    pickExportFiles: (): Promise<ApiEnvelope> => ipcRenderer.invoke(IPC_HOST_CHANNEL, 'pickExportFiles'),
    /** Only real File objects from an input or a drop have a path; anything built in JS yields "". */
    grantFiles(files: File[]): Promise<ApiEnvelope> {
      const paths = Array.from(files, (f) => webUtils.getPathForFile(f)).filter((p) => p.length > 0);
      return ipcRenderer.invoke(IPC_HOST_CHANNEL, 'grantFiles', paths);
    },
    /** A done export job: main shows the Save dialogs and moves the files; value: string[] | null. */
    saveExport: (jobId: string): Promise<ApiEnvelope> => ipcRenderer.invoke(IPC_HOST_CHANNEL, 'saveExport', jobId),
    saveEvidence: (request: unknown): Promise<ApiEnvelope> =>
      ipcRenderer.invoke(IPC_HOST_CHANNEL, 'saveEvidence', request),
    onCommand(listener: (command: unknown) => void): () => void {
      // Never hand the IpcRendererEvent to the page: it would expose ipcRenderer's sender.
      const handler = (_event: IpcRendererEvent, command: unknown) => listener(command);
      ipcRenderer.on(IPC_COMMAND_CHANNEL, handler);
      return () => ipcRenderer.removeListener(IPC_COMMAND_CHANNEL, handler);
    },
  },
};

contextBridge.exposeInMainWorld('callscope', bridge);
