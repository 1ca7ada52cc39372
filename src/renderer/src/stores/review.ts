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
  CallSearch,
  ReviewFacets,
  ReviewStatus,
  ReviewTag,
} from '../../../shared/api/archive-api';
import { useApi } from '../api';
import { toUiError, type UiError } from '../errors';
import { useCallsStore } from './calls';
import { useDetailStore } from './detail';
import { buildCallSearch } from './search-query';

/** A note being written on a call: its text and the event it is on (null: the whole call). */
export interface NoteDraft {
  text: string;
  on: number | null;
}
export const EMPTY_DRAFT: Readonly<NoteDraft> = Object.freeze({ text: '', on: null });

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
  /** Tag and status counts of the list's search, for the filter chips (loaded while one is open). */
  const facets = ref<ReviewFacets>({ status: [], tag: [] });
  const facetsLoading = ref(false);
  let facetsGeneration = 0;
  /** The tag list dialog (create, rename, recolour). */
  const tagManagerOpen = ref(false);
  /** What the review keys (R / F / U) marked last: said by the panel's status line. */
  const marked = ref<{ callId: string; status: ReviewStatus } | null>(null);
  /**
   * Unsaved new notes, per call id (in memory only, never stored): a draft belongs to its call,
   * so another call shows its own, and coming back shows the first one's again.
   */
  const drafts = ref<Record<string, NoteDraft>>({});

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

  /**
   * After a change of call `callId`'s notes: reads it again. Shown only while it is the open
   * call: once another call is open (the user moved on meanwhile) only its list mark is updated,
   * and that call's own load is not overtaken.
   */
  async function reread(callId: string): Promise<void> {
    const open = useDetailStore().callId;
    if (!open || open === callId) return load(callId);
    const r = await run(() => useApi().review.get(callId));
    if (r) remember(r);
  }

  async function addNote(
    text: string,
    eventIndex: number | null,
    callId = review.value?.callId ?? null,
  ): Promise<boolean> {
    if (!callId || !text.trim()) return false;
    const n = await run(() => useApi().review.addNote({ callId, text, eventIndex }));
    if (n) await reread(callId);
    return n !== undefined;
  }

  async function editNote(noteId: number, text: string): Promise<boolean> {
    const callId = review.value?.callId;
    if (!callId || !text.trim()) return false;
    const n = await run(() => useApi().review.editNote({ noteId, text }));
    if (n) await reread(callId);
    return n !== undefined;
  }

  /** Call `callId`'s unsaved note (an empty one when there is none). */
  function draftOf(callId: string | null): NoteDraft {
    return (callId ? drafts.value[callId] : undefined) ?? EMPTY_DRAFT;
  }

  function setDraft(callId: string, change: Partial<NoteDraft>): void {
    const next = { ...draftOf(callId), ...change };
    if (!next.text && next.on === null) delete drafts.value[callId];
    else drafts.value[callId] = next;
  }

  /** Saves call `callId`'s draft as a note on that call (whichever call is open by then); then it is empty. */
  async function saveDraft(callId: string): Promise<boolean> {
    const { text, on } = draftOf(callId);
    const saved = await addNote(text, on, callId);
    if (saved) delete drafts.value[callId];
    return saved;
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
      const opened = Promise.all([detail.open(id), load(id)]);
      // The list's selection goes along (when the row is loaded): the next ↓ continues from here.
      calls.selectCall(id);
      await opened;
    }
  }

  /** Sets the status of the open call (said in the status line), then moves on to the next unreviewed call. */
  async function decide(status: ReviewStatus): Promise<void> {
    const callId = review.value?.callId;
    await setStatus(status);
    if (error.value || !callId) return;
    marked.value = { callId, status };
    await step('next');
  }

  async function loadLog(more = false): Promise<void> {
    const before = more ? log.value[log.value.length - 1]?.id : undefined;
    const page = await run(() => useApi().review.log({ limit: 200, ...(before ? { beforeId: before } : {}) }));
    if (!page) return;
    log.value = more ? [...log.value, ...page] : page;
    logEnd.value = page.length < 200;
  }

  /** Counts for the tag and status chips; an answer to an older search is dropped. */
  async function loadFacets(query: CallSearch): Promise<void> {
    const mine = ++facetsGeneration;
    facetsLoading.value = true;
    try {
      const f = await useApi().review.facets(query);
      if (mine === facetsGeneration) facets.value = f;
    } catch {
      // Counts are a help: the chips work without them.
    } finally {
      if (mine === facetsGeneration) facetsLoading.value = false;
    }
  }

  /**
   * After the tag list changed (a rename or a new colour): the list's marks and the open
   * call show tags by name and colour, so what was loaded is read again.
   */
  async function tagsChanged(): Promise<void> {
    // The rows in view are among those loaded last; the API takes up to 1,000 ids at a time.
    const ids = Object.keys(summaries.value).slice(-1000);
    summaries.value = {};
    await Promise.all([loadTags(), loadSummaries(ids), review.value ? load(review.value.callId) : undefined]);
  }

  async function createTag(name: string, colour: string): Promise<boolean> {
    const tag = await run(() => useApi().review.createTag({ name: name.trim(), colour }));
    if (tag) await loadTags();
    return tag !== undefined;
  }

  /** Renames and / or recolours a tag; filters naming the old name follow it. */
  async function updateTag(id: number, change: { name?: string; colour?: string }): Promise<boolean> {
    const before = tags.value.find((x) => x.id === id);
    const tag = await run(() => useApi().review.updateTag({ id, ...change }));
    if (!tag) return false;
    const calls = useCallsStore();
    if (before && before.name !== tag.name && calls.filters.tags.includes(before.name))
      calls.setFilters({ tags: calls.filters.tags.map((x) => (x === before.name ? tag.name : x)) });
    await tagsChanged();
    return true;
  }

  return {
    facets,
    facetsLoading,
    loadFacets,
    tagManagerOpen,
    marked,
    drafts,
    draftOf,
    setDraft,
    saveDraft,
    createTag,
    updateTag,
    tagsChanged,
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
