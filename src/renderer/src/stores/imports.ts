// Imports: the history, the import dialog's job (start, poll progress, cancel)
// and the rejected rows of finished imports.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ImportAttempt, ImportProgress, ImportRecord, RejectedRowRecord } from '../../../shared/api/archive-api';
import { useApi } from '../api';
import { toUiError, type UiError } from '../errors';
import { importRowPages } from './import-row-pages';

export const POLL_MS = 250;

/** The failed and cancelled attempts; an older server has no such method: the history still shows its imports. */
async function fetchAttempts(): Promise<ImportAttempt[]> {
  try {
    return await useApi().imports.attempts();
  } catch {
    return [];
  }
}

export const useImportsStore = defineStore('imports', () => {
  const history = ref<ImportRecord[]>([]);
  /** Failed and cancelled attempts (#14): they wrote nothing else; the history lists them too. */
  const attempts = ref<ImportAttempt[]>([]);
  const historyError = ref<UiError | null>(null);
  const dialogOpen = ref(false);
  /** Paths handed over by the shell (menu, drop on the window) for the dialog to import. */
  const pendingPaths = ref<string[]>([]);
  const jobId = ref<string | null>(null);
  const progress = ref<ImportProgress | null>(null);
  const startError = ref<UiError | null>(null);
  /** importId → rejected rows loaded so far (import-row-pages.ts, as the kept rows). */
  const {
    rows: rejected,
    done: rejectedDone,
    error: rejectedError,
    load: loadRejected,
  } = importRowPages<RejectedRowRecord>((q) => useApi().imports.rejected(q));
  let timer: ReturnType<typeof setTimeout> | null = null;
  const finishedListeners: (() => void)[] = [];

  async function loadHistory(): Promise<void> {
    try {
      [history.value, attempts.value] = await Promise.all([useApi().imports.list(), fetchAttempts()]);
      historyError.value = null;
    } catch (e) {
      historyError.value = toUiError(e);
    }
  }

  function stopPolling(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  async function poll(): Promise<void> {
    const id = jobId.value;
    if (!id) return;
    try {
      const p = await useApi().imports.progress(id);
      if (jobId.value !== id) return;
      progress.value = p;
      if (p.state === 'queued' || p.state === 'running') {
        timer = setTimeout(() => void poll(), POLL_MS);
        return;
      }
      // Only stored imports with rejections have rows to list (a failed file may have no record id).
      await Promise.all(p.results.filter((r) => r.id > 0 && r.rowsRejected > 0).map((r) => loadRejected(r.id)));
      await loadHistory();
      finishedListeners.forEach((fn) => fn());
    } catch (e) {
      startError.value = toUiError(e);
    }
  }

  async function start(files: string[], timeZone: string): Promise<void> {
    stopPolling();
    startError.value = null;
    progress.value = null;
    try {
      const { jobId: id } = await useApi().imports.start({ files, timeZone });
      jobId.value = id;
      await poll();
    } catch (e) {
      startError.value = toUiError(e);
    }
  }

  async function cancel(): Promise<void> {
    if (!jobId.value) return;
    try {
      await useApi().imports.cancel(jobId.value);
    } catch (e) {
      startError.value = toUiError(e);
    }
  }

  function openDialog(paths: string[] = []): void {
    // A finished job's report gives way to a new import; a running one stays on show.
    if (paths.length || (progress.value && progress.value.state !== 'running' && progress.value.state !== 'queued'))
      resetJob();
    pendingPaths.value = paths;
    dialogOpen.value = true;
  }

  /** Forgets a finished job so the dialog can start another. */
  function resetJob(): void {
    if (progress.value && (progress.value.state === 'running' || progress.value.state === 'queued')) return;
    stopPolling();
    jobId.value = null;
    progress.value = null;
    startError.value = null;
  }

  function closeDialog(): void {
    dialogOpen.value = false;
    pendingPaths.value = [];
    resetJob();
  }

  function onFinished(fn: () => void): void {
    finishedListeners.push(fn);
  }

  return {
    history,
    attempts,
    historyError,
    dialogOpen,
    pendingPaths,
    jobId,
    progress,
    startError,
    rejected,
    rejectedDone,
    rejectedError,
    loadHistory,
    start,
    cancel,
    loadRejected,
    openDialog,
    closeDialog,
    resetJob,
    onFinished,
  };
});
