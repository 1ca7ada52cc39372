// The IPC adapter: one channel for the archive API (routed through the shared
// handler map, like browser mode's HTTP) and one for the host's few extras.
// Only our own page may call; answers are envelopes with one-line errors.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import type { ArchiveApi } from '../../shared/api/archive-api';
import { IPC_API_CHANNEL, IPC_HOST_CHANNEL, type ApiEnvelope } from '../../shared/api/methods';
import { ApiError, dispatch, toFailure, type DispatchPolicy } from '../api-host/dispatch';
import { senderAllowed } from './policy';
import { evidenceRequestSchema } from '../../shared/evidence/request';

export interface HostHandlers {
  /** Native open dialog; the chosen paths are granted for import. */
  pickExportFiles(): Promise<string[] | null>;
  /** Paths the preload resolved from File objects the user chose or dropped; granted for import. */
  grantFiles(paths: string[]): string[];
  /** A done export job: Save dialogs, the files moved there; the saved paths, or null when cancelled. */
  saveExport?(jobId: string): Promise<string[] | null>;
  /** Evidence pack of one call through a Save dialog (HTML or PDF); the written path, or null when cancelled. */
  saveEvidence?(request: z.output<typeof evidenceRequestSchema>): Promise<string | null>;
}

const grantSchema = z.array(z.string().min(1).max(4096)).max(1000);
const exportJobSchema = z.string().min(1).max(100);

async function envelope(run: () => Promise<unknown> | unknown): Promise<ApiEnvelope> {
  try {
    return { ok: true, value: (await run()) ?? null };
  } catch (err) {
    return { ok: false, ...toFailure(err) };
  }
}

export function registerIpc(opts: {
  /** The open archive's API; may wait until the first archive is open. */
  api: () => Promise<ArchiveApi>;
  policy: DispatchPolicy;
  host: HostHandlers;
  devServerUrl?: string;
}): void {
  // Every call: the sending frame must be our page's top frame (not a subframe,
  // not a page the window was somehow navigated to). senderFrame is null when
  // the frame has navigated away or gone since it sent the message.
  const check = (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !senderAllowed(frame.url, opts.devServerUrl)) {
      throw new ApiError('forbidden', 'IPC from an unknown page');
    }
  };

  ipcMain.handle(IPC_API_CHANNEL, (event, method: unknown, arg: unknown) =>
    envelope(async () => {
      check(event);
      return dispatch(await opts.api(), method, arg, opts.policy);
    }),
  );

  ipcMain.handle(IPC_HOST_CHANNEL, (event, action: unknown, arg: unknown) =>
    envelope(() => {
      check(event);
      if (action === 'pickExportFiles') return opts.host.pickExportFiles();
      if (action === 'grantFiles') {
        const parsed = grantSchema.safeParse(arg);
        if (!parsed.success) throw new ApiError('invalid_argument', 'grantFiles: expected a list of file paths');
        return opts.host.grantFiles(parsed.data);
      }
      if (action === 'saveExport' && opts.host.saveExport) {
        const parsed = exportJobSchema.safeParse(arg);
        if (!parsed.success) throw new ApiError('invalid_argument', 'saveExport: expected an export job id');
        return opts.host.saveExport(parsed.data);
      }
      if (action === 'saveEvidence' && opts.host.saveEvidence) {
        const parsed = evidenceRequestSchema.safeParse(arg);
        if (!parsed.success)
          throw new ApiError('invalid_argument', 'saveEvidence: expected { callId, format, locale }');
        return opts.host.saveEvidence(parsed.data);
      }
      throw new ApiError('unknown_method', `unknown host action "${String(action).slice(0, 40)}"`);
    }),
  );
}
