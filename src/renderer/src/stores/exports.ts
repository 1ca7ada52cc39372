// Export of the current result from the app: the dialog's choices, the job (start,
// poll progress, cancel) and, when it is done, handing the files on through the
// host (a Save dialog in Electron, a download in browser mode).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ExportProgress } from '../../../shared/api/archive-api';
import { useApi, useHost } from '../api';
import { toUiError, type UiError } from '../errors';
import { displayZone } from '../format';
import { useCallsStore } from './calls';
import { savedBody } from './searches';

export const EXPORT_POLL_MS = 250;
/** The dialog's format choices: CSV comes in two flavours (the separator). */
export const EXPORT_CHOICES = ['csv', 'csv-semicolon', 'xlsx', 'jsonl'] as const;
export type ExportChoice = (typeof EXPORT_CHOICES)[number];

export const useExportsStore = defineStore('exports', () => {
  const dialogOpen = ref(false);
  const choice = ref<ExportChoice>('csv');
  const includeEvents = ref(false);
  const jobId = ref<string | null>(null);
  const progress = ref<ExportProgress | null>(null);
  const error = ref<UiError | null>(null);
  /** Names (browser mode) or paths (Electron) the files went to; null while not handed on. */
  const saved = ref<string[] | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;

  function stopPolling(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  async function handOn(p: ExportProgress): Promise<void> {
    const host = useHost();
    if (!host.saveExport) return;
    try {
      saved.value = await host.saveExport(p.jobId, p.files);
    } catch (e) {
      error.value = toUiError(e);
    }
  }

  async function poll(): Promise<void> {
    if (!jobId.value) return;
    try {
      const p = await useApi().exports.progress(jobId.value);
      progress.value = p;
      if (p.state === 'running') timer = setTimeout(() => void poll(), EXPORT_POLL_MS);
      else if (p.state === 'done') await handOn(p);
    } catch (e) {
      error.value = toUiError(e);
    }
  }

  /** Exports the list's current search (every call, its sort order), times in the display zone. */
  async function start(): Promise<void> {
    stopPolling();
    error.value = null;
    progress.value = null;
    saved.value = null;
    const calls = useCallsStore();
    const format = choice.value === 'csv-semicolon' ? 'csv' : choice.value;
    try {
      const { jobId: id } = await useApi().exports.start({
        search: savedBody(calls),
        format,
        separator: choice.value === 'csv-semicolon' ? ';' : ',',
        includeEvents: includeEvents.value,
        // The zone the list shows times in (Times shown in), so the file's times are the screen's.
        timeZone: displayZone.value,
      });
      jobId.value = id;
      await poll();
    } catch (e) {
      error.value = toUiError(e);
    }
  }

  async function cancel(): Promise<void> {
    if (!jobId.value) return;
    stopPolling();
    try {
      await useApi().exports.cancel(jobId.value);
      progress.value = await useApi().exports.progress(jobId.value);
    } catch (e) {
      error.value = toUiError(e);
    }
  }

  /** Asks again where to save (after a cancelled Save dialog). */
  async function saveAgain(): Promise<void> {
    if (progress.value?.state === 'done') await handOn(progress.value);
  }

  function openDialog(): void {
    if (progress.value?.state !== 'running') {
      progress.value = null;
      saved.value = null;
      error.value = null;
    }
    dialogOpen.value = true;
  }

  function closeDialog(): void {
    dialogOpen.value = false;
  }

  return {
    dialogOpen,
    choice,
    includeEvents,
    jobId,
    progress,
    error,
    saved,
    start,
    cancel,
    saveAgain,
    openDialog,
    closeDialog,
  };
});
