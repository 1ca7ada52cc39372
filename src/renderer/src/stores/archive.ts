// What archive is open (name, demo flag, counts).
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ArchiveInfo } from '../../../shared/api/archive-api';
import { useApi } from '../api';
import { toUiError, type UiError } from '../errors';

export const useArchiveStore = defineStore('archive', () => {
  const info = ref<ArchiveInfo | null>(null);
  const error = ref<UiError | null>(null);
  const name = computed(() => {
    const path = info.value?.path ?? '';
    return path.split(/[\\/]/).pop() ?? path;
  });
  async function load(): Promise<void> {
    try {
      info.value = await useApi().archive.info();
      error.value = null;
    } catch (e) {
      error.value = toUiError(e);
    }
  }
  return { info, error, name, load };
});
