// What archive is open (name, demo flag, counts), and whether it is still being opened: an
// archive of an older schema is upgraded first (#10), its progress polled from archive.opening
// every UPGRADE_POLL_MS while the page's other calls wait for it.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ArchiveInfo, ArchiveOpening } from '../../../shared/api/archive-api';
import { useApi } from '../api';
import { toUiError, type UiError } from '../errors';

export const UPGRADE_POLL_MS = 400;

export const useArchiveStore = defineStore('archive', () => {
  const info = ref<ArchiveInfo | null>(null);
  const error = ref<UiError | null>(null);
  const opening = ref<ArchiveOpening>({ state: 'ready' });
  /** A failed upgrade's message was read and closed. */
  const openingSeen = ref(false);
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
  /** Asks how opening goes, and again every UPGRADE_POLL_MS while an upgrade runs. */
  async function watchOpening(): Promise<void> {
    try {
      opening.value = await useApi().archive.opening();
    } catch {
      // A host that cannot say: the archive's own calls will tell what is wrong.
      opening.value = { state: 'ready' };
    }
    if (opening.value.state === 'upgrading') setTimeout(() => void watchOpening(), UPGRADE_POLL_MS);
  }
  return { info, error, name, load, opening, openingSeen, watchOpening };
});
