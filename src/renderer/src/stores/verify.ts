// verify --deep from the app (#11): start a deep verification of the open archive, poll its progress,
// keep the differences it found (call id and field) for the imports view.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DeepVerifyState } from '../../../shared/api/archive-api';
import { useApi } from '../api';
import { toUiError, type UiError } from '../errors';

export const VERIFY_POLL_MS = 500;

export const useVerifyStore = defineStore('verify', () => {
  const state = ref<DeepVerifyState | null>(null);
  const error = ref<UiError | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function poll(jobId: string): Promise<void> {
    try {
      state.value = await useApi().verify.progress(jobId);
      if (state.value.state === 'running') timer = setTimeout(() => void poll(jobId), VERIFY_POLL_MS);
    } catch (e) {
      error.value = toUiError(e);
    }
  }

  async function start(): Promise<void> {
    if (timer) clearTimeout(timer);
    error.value = null;
    try {
      const { jobId } = await useApi().verify.startDeep();
      await poll(jobId);
    } catch (e) {
      error.value = toUiError(e);
    }
  }

  return { state, error, start };
});
