// Review work (#15): the open call's notes, tags and status, the archive's tag list,
// the list's status / tag column (summaries of the loaded rows), the keyboard review
// flow (next / previous unreviewed call of the current list) and the action log.
// The only caller of the `review` API namespace.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  ActionLogEntry,
  CallReview,
  CallReviewSummary,
  ReviewStatus,
  ReviewTag,
} from '../../../shared/api/archive-api';
import { useApi } from '../api';
import { toUiError, type UiError } from '../errors';
import { useCallsStore } from './calls';
import { useDetailStore } from './detail';
import { buildCallSearch } from './search-query';

// eslint-disable-next-line max-lines-per-function -- Pinia setup store: one namespace of the API
export const useReviewStore = defineStore('review', () => {
  const review = ref<CallReview | null>(null);
  const tags = ref<ReviewTag[]>([]);
  const summaries = ref<Record<string, CallReviewSummary>>({});
  const error = ref<UiError | null>(null);
  const busy = ref(false);
  /** Set when next / previous found no unreviewed call in that direction. */
  const noMore = ref(false);
  const log = ref<ActionLogEntry[]>([]);
  const logEnd = ref(false);
  let generation = 0;

  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    error.value = null;
    busy.value = true;
    try {
      return await fn();
    } catch (e) {
      error.value = toUiError(e);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  /** Keeps the list column of a call in step with what was just written. */
  function remember(r: CallReview): void {
    if (review.value?.callId === r.callId || !review.value) review.value = r;
    summaries.value = {
      ...summaries.value,
      [r.callId]: { status: r.status, tags: r.tags, notes: r.notes.length },
    };
  }

  async function load(callId: string): Promise<void> {
    const mine = ++generation;
    noMore.value = false;
    const r = await run(() => useApi().review.get(callId));
    if (mine === generation && r) {
      review.value = r;
      remember(r);
    }
  }

  async function loadTags(): Promise<void> {
    const t = await run(() => useApi().review.tags());
    if (t) tags.value = t;
  }

  async function loadSummaries(callIds: string[]): Promise<void> {
    const missing = callIds.filter((id) => !(id in summaries.value));
    if (!missing.length) return;
    try {
      const got = await useApi().review.summaries(missing.slice(0, 1000));
      summaries.value = { ...summaries.value, ...got };
    } catch {
      // The list column stays empty; the detail's own load shows any error.
    }
  }

  async function setStatus(status: ReviewStatus): Promise<void> {
    const callId = review.value?.callId;
    if (!callId) return;
    const r = await run(() => useApi().review.setStatus({ callId, status }));
    if (r) remember(r);
  }

  async function addTag(name: string): Promise<void> {
    const callId = review.value?.callId;
    const tag = name.trim();
    if (!callId || !tag) return;
    const r = await run(() => useApi().review.addTag({ callId, tag }));
    if (r) {
      remember(r);
      await loadTags();
    }
  }

  async function removeTag(name: string): Promise<void> {
    const callId = review.value?.callId;
    if (!callId) return;
    const r = await run(() => useApi().review.removeTag({ callId, tag: name }));
    if (r) {
      remember(r);
      await loadTags();
    }
  }

  async function addNote(text: string, eventIndex: number | null): Promise<boolean> {
    const callId = review.value?.callId;
    if (!callId || !text.trim()) return false;
    const n = await run(() => useApi().review.addNote({ callId, text, eventIndex }));
    if (n) await load(callId);
    return n !== undefined;
  }

  async function editNote(noteId: number, text: string): Promise<boolean> {
    const callId = review.value?.callId;
    if (!callId || !text.trim()) return false;
    const n = await run(() => useApi().review.editNote({ noteId, text }));
    if (n) await load(callId);
    return n !== undefined;
  }

  /** Opens the next (or previous) unreviewed call of the current list, in its order. */
  async function step(direction: 'next' | 'previous'): Promise<void> {
    const calls = useCallsStore();
    const detail = useDetailStore();
    const query = buildCallSearch(calls.text, calls.filters, calls.sort, calls.direction, 1);
    delete query.limit;
    const id = await run(() =>
      useApi().review.neighbour({ query, callId: detail.callId ?? review.value?.callId ?? null, direction }),
    );
    if (id === undefined) return;
    noMore.value = id === null;
    if (id) {
      await Promise.all([detail.open(id), load(id)]);
    }
  }

  /** Sets the status of the open call, then moves on to the next unreviewed call. */
  async function decide(status: ReviewStatus): Promise<void> {
    await setStatus(status);
    if (!error.value) await step('next');
  }

  async function loadLog(more = false): Promise<void> {
    const before = more ? log.value[log.value.length - 1]?.id : undefined;
    const page = await run(() => useApi().review.log({ limit: 200, ...(before ? { beforeId: before } : {}) }));
    if (!page) return;
    log.value = more ? [...log.value, ...page] : page;
    logEnd.value = page.length < 200;
  }

  return {
    review,
    tags,
    summaries,
    error,
    busy,
    noMore,
    log,
    logEnd,
    load,
    loadTags,
    loadSummaries,
    setStatus,
    addTag,
    removeTag,
    addNote,
    editNote,
    step,
    decide,
    loadLog,
  };
});
