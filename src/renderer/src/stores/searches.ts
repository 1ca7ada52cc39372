// Saved and recent searches: the list from the archive, saving the list's current
// search under a name, deleting, applying one to the list, and recording a search
// as recent once the user has paused on it (RECENT_AFTER_MS) — not every keystroke.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { SavedSearch, SavedSearchBody } from '../../../shared/api/archive-api';
import { useApi } from '../api';
import { toUiError, type UiError } from '../errors';
import { useCallsStore } from './calls';
import { buildCallSearch, emptyFilters, type CallFilters } from './search-query';

export const RECENT_AFTER_MS = 1500;

type CallsState = Pick<ReturnType<typeof useCallsStore>, 'text' | 'filters' | 'sort' | 'direction'>;

/** The list's search as stored: text, filters and sort, never a page position. */
export function savedBody(calls: CallsState): SavedSearchBody {
  const {
    limit: _limit,
    cursor: _cursor,
    ...body
  } = buildCallSearch(calls.text, calls.filters, calls.sort, calls.direction, 1);
  return body as SavedSearchBody;
}

/** A stored search as the list's filter state. */
export function filtersOf(search: SavedSearchBody): CallFilters {
  return {
    ...emptyFilters(),
    from: search.from ?? null,
    to: search.to ?? null,
    types: [...(search.types ?? [])],
    outcomes: [...(search.outcomes ?? [])],
    queues: [...(search.queues ?? [])],
    agents: [...(search.agents ?? [])],
    durationSec: { ...search.durationSec },
    waitTimeSec: { ...search.waitTimeSec },
    speakTimeSec: { ...search.speakTimeSec },
    callbackAttempts: { ...search.callbackAttempts },
    tags: [...(search.tags ?? [])],
    statuses: [...(search.statuses ?? [])],
    noteText: search.noteText ?? '',
    hasNotes: search.hasNotes ?? null,
  };
}

/** Translates a message key (vue-i18n's t); without one, keys are shown as they are. */
type Translate = (key: string) => string;

/** One line naming a stored search's parts, e.g. "4520 · queues: Support · sorted by waitTimeSec". */
export function searchSummary(s: SavedSearchBody, t: Translate = (k) => k): string {
  const parts: string[] = [];
  if (s.text) parts.push(`"${s.text}"`);
  // Types and outcomes are codes: in the user's words ("Opgivet", not "abandoned"), as the chips say them.
  const word = (key: string, code: string) => (t(key) === key ? code : t(key));
  if (s.types?.length) parts.push(s.types.map((x) => word(`callType.${x}`, x)).join(', '));
  if (s.outcomes?.length) parts.push(s.outcomes.map((x) => word(`outcome.${x}`, x)).join(', '));
  for (const k of ['queues', 'agents'] as const) if (s[k]?.length) parts.push(s[k].join(', '));
  if (s.from || s.to) parts.push(`${s.from?.slice(0, 10) ?? '…'} – ${s.to?.slice(0, 10) ?? '…'}`);
  // Review filters (#15): tags with #, statuses and notes in the user's language.
  if (s.tags?.length) parts.push(s.tags.map((x) => `#${x}`).join(', '));
  if (s.statuses?.length) parts.push(s.statuses.map((x) => t(`review.statusName.${x}`)).join(', '));
  if (s.noteText) parts.push(`${t('reviewWork.filter.noteShort')} "${s.noteText}"`);
  if (s.hasNotes !== undefined)
    parts.push(t(s.hasNotes ? 'reviewWork.filter.withNotes' : 'reviewWork.filter.withoutNotes'));
  return parts.join(' · ') || '—';
}

export const useSearchesStore = defineStore('searches', () => {
  const saved = ref<SavedSearch[]>([]);
  const recent = ref<SavedSearch[]>([]);
  const error = ref<UiError | null>(null);
  let recentTimer: ReturnType<typeof setTimeout> | null = null;
  let tracking = false;

  async function load(): Promise<void> {
    try {
      const list = await useApi().searches.list();
      saved.value = list.saved;
      recent.value = list.recent;
      error.value = null;
    } catch (e) {
      error.value = toUiError(e);
    }
  }

  async function save(name: string): Promise<boolean> {
    try {
      await useApi().searches.save({ name, search: savedBody(useCallsStore()) });
      await load();
      return true;
    } catch (e) {
      error.value = toUiError(e);
      return false;
    }
  }

  async function remove(id: number): Promise<void> {
    try {
      await useApi().searches.delete(id);
      await load();
    } catch (e) {
      error.value = toUiError(e);
    }
  }

  /** Puts a stored search into the list (text, filters, sort) and runs it. */
  function apply(search: SavedSearchBody): void {
    const calls = useCallsStore();
    calls.filters = filtersOf(search);
    calls.sort = search.sort ?? 'start';
    calls.direction = search.direction ?? 'desc';
    calls.setText(search.text ?? '');
    void calls.refresh();
  }

  async function recordNow(): Promise<void> {
    try {
      await useApi().searches.recordRecent(savedBody(useCallsStore()));
      await load();
    } catch {
      // Remembering a search is a convenience: a failure here must not disturb the search itself.
    }
  }

  /** From now on, a search the user pauses on is recorded as recent. */
  function trackRecent(): void {
    if (tracking) return;
    tracking = true;
    const calls = useCallsStore();
    watch(
      () => [calls.text, calls.filters, calls.sort, calls.direction],
      () => {
        if (recentTimer) clearTimeout(recentTimer);
        recentTimer = setTimeout(() => void recordNow(), RECENT_AFTER_MS);
      },
      { deep: true },
    );
  }

  return { saved, recent, error, load, save, remove, apply, trackRecent };
});
