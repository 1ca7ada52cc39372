// Erasure from the app (#15): what to erase (a phone number, an e-mail address, or the
// caller numbers of every call before a date) and why; the API's dry run first (how many
// calls and rows), then — only after the user confirmed that preview — the erasure itself.
// Afterwards the action log and the list are read again, so the entry and the marker show.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ErasurePreview, ErasureRequest, ErasureResult } from '../../../shared/api/archive-api';
import { useApi } from '../api';
import { toUiError, type UiError } from '../errors';
import { useCallsStore } from './calls';
import { useReviewStore } from './review';

export type ErasureKind = 'number' | 'email' | 'before';

export type ErasureStep = 'form' | 'preview' | 'running' | 'done';

export interface ErasureForm {
  kind: ErasureKind;
  /** The number or address (kinds number and email). */
  value: string;
  /** yyyy-mm-dd (kind before): calls that started before this day, in the machine's time zone. */
  date: string;
  reason: string;
}

/** The local day's start as an ISO instant ('' or an invalid day: null). */
export function dayStartIso(day: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, dd] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(y, mo - 1, dd);
  // Date rolls 2024-13-01 over into 2025: a day that does not exist is refused instead.
  if (d.getFullYear() !== y || d.getMonth() !== mo - 1 || d.getDate() !== dd) return null;
  return d.toISOString();
}

/** The API request of a form, or null while it is not complete (the buttons stay disabled). */
export function requestOf(form: ErasureForm): ErasureRequest | null {
  const reason = form.reason.trim();
  if (reason.length < 3) return null;
  if (form.kind === 'before') {
    const before = dayStartIso(form.date);
    return before ? { before, reason } : null;
  }
  const value = form.value.trim();
  if (value.length < 3) return null;
  if (form.kind === 'email' && !/^[^\s@]+@[^\s@]+$/.test(value)) return null;
  if (form.kind === 'number' && !/\d{3}/.test(value.replace(/\D/g, ''))) return null;
  return { value, reason };
}

/** Whether a preview found nothing to change (erasing would only add a log entry). */
export function nothingToErase(p: ErasurePreview): boolean {
  return p.calls === 0 && p.rawRows === 0 && p.rejectedRows === 0 && p.notes === 0;
}

export const useErasureStore = defineStore('erasure', () => {
  const open = ref(false);
  const step = ref<ErasureStep>('form');
  const form = ref<ErasureForm>({ kind: 'number', value: '', date: '', reason: '' });
  const preview = ref<ErasurePreview | null>(null);
  /** The request the preview was made for: confirming erases exactly that, not an edited form. */
  const previewed = ref<ErasureRequest | null>(null);
  const result = ref<ErasureResult | null>(null);
  const error = ref<UiError | null>(null);
  const busy = ref(false);
  const request = computed(() => requestOf(form.value));

  function openDialog(): void {
    form.value = { kind: 'number', value: '', date: '', reason: '' };
    step.value = 'form';
    preview.value = null;
    previewed.value = null;
    result.value = null;
    error.value = null;
    open.value = true;
  }

  function close(): void {
    // An erasure that runs cannot be stopped (one transaction); the dialog stays until it ends.
    if (step.value === 'running') return;
    open.value = false;
  }

  /** The dry run: counts only, nothing written. */
  async function runPreview(): Promise<void> {
    const req = request.value;
    if (!req || busy.value) return;
    busy.value = true;
    error.value = null;
    try {
      preview.value = await useApi().review.erasePreview(req);
      previewed.value = req;
      step.value = 'preview';
    } catch (e) {
      error.value = toUiError(e);
    } finally {
      busy.value = false;
    }
  }

  /** Back from the preview to change the form (the preview is then made again). */
  function edit(): void {
    step.value = 'form';
    preview.value = null;
    previewed.value = null;
  }

  /** Erases what was previewed; then the log and the list are read again. */
  async function confirm(): Promise<void> {
    const req = previewed.value;
    if (!req || step.value !== 'preview') return;
    step.value = 'running';
    error.value = null;
    try {
      result.value = await useApi().review.erase(req);
      step.value = 'done';
    } catch (e) {
      error.value = toUiError(e);
      step.value = 'preview';
      return;
    }
    const review = useReviewStore();
    review.summaries = {};
    await Promise.all([review.loadLog(), useCallsStore().refresh()]);
  }

  return {
    open,
    step,
    form,
    preview,
    previewed,
    result,
    error,
    busy,
    request,
    openDialog,
    close,
    runPreview,
    edit,
    confirm,
  };
});
