// Browser mode: the address bar holds the view (search text, filters, sort, the
// open call; the tab, and the statistics shown) so back / forward step through it
// and a copied URL opens the same view. A new search or filter pushes a history
// entry; opening another call in the same list, or typing on, replaces the current
// one (one entry per list). Another tab or other statistics push one too.
// Encoding and decoding are pure (src/shared/links, property-tested).
import { watch } from 'vue';
import {
  decodePlaceState,
  decodeViewState,
  encodePlaceState,
  encodeViewState,
  joinQueries,
  sameList,
  type PlaceState,
  type ViewState,
} from '../../shared/links';
import { useCallsStore } from './stores/calls';
import { useDetailStore } from './stores/detail';
import { useNavStore } from './stores/nav';
import { useStatisticsStore } from './stores/statistics';
import type { CallFilters } from './stores/search-query';

type CallsStore = ReturnType<typeof useCallsStore>;
type DetailStore = ReturnType<typeof useDetailStore>;
type NavStore = ReturnType<typeof useNavStore>;
type StatsStore = ReturnType<typeof useStatisticsStore>;

/** The view the stores show now. */
export function currentView(calls: CallsStore, detail: DetailStore): ViewState {
  const f = calls.filters;
  const range = (r: CallFilters['durationSec']) => ({
    ...(r.min !== undefined ? { min: r.min } : {}),
    ...(r.max !== undefined ? { max: r.max } : {}),
  });
  return {
    text: calls.text.trim(),
    from: f.from,
    to: f.to,
    types: [...f.types],
    outcomes: [...f.outcomes],
    queues: [...f.queues],
    agents: [...f.agents],
    durationSec: range(f.durationSec),
    waitTimeSec: range(f.waitTimeSec),
    speakTimeSec: range(f.speakTimeSec),
    callbackAttempts: range(f.callbackAttempts),
    sort: calls.sort,
    direction: calls.direction,
    call: detail.callId,
    // Review filters (#15): only when set, so a view without them keeps its URL.
    ...(f.tags.length ? { tags: [...f.tags] } : {}),
    ...(f.statuses.length ? { statuses: [...f.statuses] } : {}),
    ...(f.noteText.trim() ? { noteText: f.noteText.trim() } : {}),
    ...(f.hasNotes !== null ? { hasNotes: f.hasNotes } : {}),
    ...(typeof f.silent === 'boolean' ? { silent: f.silent } : {}),
  };
}

/** Shows `view`: the list's search and the open call. */
export function applyView(view: ViewState, calls: CallsStore, detail: DetailStore): void {
  calls.text = view.text;
  calls.sort = view.sort;
  calls.direction = view.direction;
  calls.setFilters({
    from: view.from,
    to: view.to,
    types: view.types,
    outcomes: view.outcomes,
    queues: view.queues,
    agents: view.agents,
    durationSec: view.durationSec,
    waitTimeSec: view.waitTimeSec,
    speakTimeSec: view.speakTimeSec,
    callbackAttempts: view.callbackAttempts,
    tags: view.tags ?? [],
    statuses: view.statuses ?? [],
    noteText: view.noteText ?? '',
    hasNotes: view.hasNotes ?? null,
    silent: view.silent ?? null,
  }); // refreshes the list
  if (view.call && view.call !== detail.callId) void detail.open(view.call);
  else if (!view.call && detail.callId) detail.close();
}

/** The tab shown, and on the Statistics tab the statistics asked for (not the form being edited). */
export function currentPlace(nav: NavStore, stats: StatsStore): PlaceState {
  return { tab: nav.tab, stats: nav.tab === 'statistics' ? stats.asked : null };
}

/** Shows `place`: its tab, and the statistics it names unless they are asked for already. */
export function applyPlace(place: PlaceState, nav: NavStore, stats: StatsStore): void {
  nav.tab = place.tab;
  if (!place.stats) return;
  const same = stats.asked && encodePlaceState(currentPlace(nav, stats)) === encodePlaceState(place);
  if (!same) void stats.show(place.stats);
}

/** A callscope:// link's view (Electron): decoded and validated here again, then shown. */
export function showView(query: string): void {
  applyView(decodeViewState(query), useCallsStore(), useDetailStore());
  applyPlace(decodePlaceState(query), useNavStore(), useStatisticsStore());
}

/** The page's URL for a view (keeps the path; the token lives in sessionStorage, never in the URL). */
export function viewUrl(view: ViewState, base: string, place?: PlaceState): string {
  const url = new URL(base);
  url.search = joinQueries(encodeViewState(view), place ? encodePlaceState(place) : '');
  url.hash = '';
  return url.toString();
}

/**
 * Whether going from one view to the next is a new history entry. Another call in
 * the same list is not (arrowing through a list would bury Back under hundreds of
 * entries); neither is typing on in the search box, until a call was opened from
 * its results: then a new text is a new search. Filters and sort always are.
 */
export function pushes(from: ViewState, to: ViewState, viewedSinceTyping: boolean): boolean {
  if (sameList(from, to)) return false;
  const onlyText = sameList({ ...from, text: to.text, call: to.call }, to);
  return !onlyText || viewedSinceTyping;
}

/**
 * Whether going from one place to the next is a new history entry: another tab or other
 * statistics are; the Statistics view's own first figures (none named before) are not.
 */
export function placePushes(from: PlaceState, to: PlaceState): boolean {
  if (encodePlaceState(from) === encodePlaceState(to)) return false;
  return !(from.tab === to.tab && from.stats === null);
}

/** Starts keeping the URL and the view in step; returns the stop function. */
export function installUrlSync(win: Window = window): () => void {
  const calls = useCallsStore();
  const detail = useDetailStore();
  const nav = useNavStore();
  const stats = useStatisticsStore();
  let shown = decodeViewState(win.location.search);
  let shownPlace = decodePlaceState(win.location.search);
  if (win.location.search) {
    applyView(shown, calls, detail);
    applyPlace(shownPlace, nav, stats);
  }
  let applying = false;
  let viewedSinceTyping = false;
  const onPop = () => {
    applying = true;
    shown = decodeViewState(win.location.search);
    shownPlace = decodePlaceState(win.location.search);
    applyView(shown, calls, detail);
    applyPlace(shownPlace, nav, stats);
    applying = false;
  };
  win.addEventListener('popstate', onPop);
  const stop = watch(
    () => joinQueries(encodeViewState(currentView(calls, detail)), encodePlaceState(currentPlace(nav, stats))),
    (query) => {
      if (applying) return;
      const next = decodeViewState(query);
      const nextPlace = decodePlaceState(query);
      const url = viewUrl(next, win.location.href, nextPlace);
      if (url === win.location.href) return;
      const push = pushes(shown, next, viewedSinceTyping) || placePushes(shownPlace, nextPlace);
      if (push) win.history.pushState(null, '', url);
      else win.history.replaceState(null, '', url);
      viewedSinceTyping = sameList(shown, next) ? viewedSinceTyping || next.call !== shown.call : false;
      shown = next;
      shownPlace = nextPlace;
    },
  );
  return () => {
    stop();
    win.removeEventListener('popstate', onPop);
  };
}
