// The thresholds that pick a search strategy (./search-strategies). Passed to a CallSearcher when
// it is made (tests and the bench pass their own), never changed on a live one.

export interface SearchTuning {
  /** Below this many matches a sort of the matches is cheap; above, the sort index may be walked. */
  readonly walkMinMatches: number;
  /** Above this many matches a free-text-only search sorted by start walks the start index in windows. */
  readonly ftsWalkMinMatches: number;
  /** The first such window holds at least this many calls… */
  readonly ftsWindow: number;
  /** …or as many as a page needs at the match's density, when this is on. */
  readonly ftsWindowEstimate: boolean;
  /** Hourly-count jumps, one-link walks, completed type / outcome lists, keyset time bounds; off = the plain queries. */
  readonly shortcuts: boolean;
}

export const DEFAULT_SEARCH_TUNING: SearchTuning = Object.freeze({
  walkMinMatches: 2000,
  ftsWalkMinMatches: 5000,
  ftsWindow: 1024,
  ftsWindowEstimate: true,
  shortcuts: true,
});

/** A tuning with some thresholds changed (tests force each strategy on a small archive). */
export const tuned = (changes: Partial<SearchTuning> = {}): SearchTuning =>
  Object.freeze({ ...DEFAULT_SEARCH_TUNING, ...changes });
