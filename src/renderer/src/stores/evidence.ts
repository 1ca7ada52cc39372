// The open call, taken away: its evidence pack (Save dialog in Electron, a
// download in browser mode), printing, and a link to the current view.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { encodeAppLink } from '../../../shared/links';
import type { Locale } from '../../../shared/i18n/messages';
import { useHost } from '../api';
import { toUiError, type UiError } from '../errors';
import { currentView, viewUrl } from '../url-sync';
import { useArchiveStore } from './archive';
import { useCallsStore } from './calls';
import { useDetailStore } from './detail';

export const useEvidenceStore = defineStore('evidence', () => {
  const saving = ref(false);
  /** The file written (Electron: its path; browser mode: the download's name). */
  const savedAs = ref<string | null>(null);
  const error = ref<UiError | null>(null);

  async function save(callId: string, locale: Locale, format: 'html' | 'pdf' = 'html'): Promise<void> {
    const host = useHost();
    if (!host.saveEvidence || saving.value) return;
    saving.value = true;
    error.value = null;
    savedAs.value = null;
    try {
      savedAs.value = await host.saveEvidence({ callId, locale, format });
    } catch (e) {
      error.value = toUiError(e);
    } finally {
      saving.value = false;
    }
  }

  /** The view as a link: the page's URL in browser mode, callscope://open?archive=…&… in Electron. */
  function link(): string {
    const view = currentView(useCallsStore(), useDetailStore());
    if (useHost().mode === 'electron') return encodeAppLink(useArchiveStore().info?.path ?? null, view);
    return viewUrl(view, globalThis.location.href);
  }

  /** The browser's print (its dialog can also save a PDF); the print stylesheet shows the open call only. */
  function print(): void {
    globalThis.print?.();
  }

  /** Electron prints PDFs itself; in a browser the print dialog does (Print → Save as PDF). */
  const canPdf = (): boolean => useHost().mode === 'electron';

  return { saving, savedAs, error, save, link, print, canPdf };
});
