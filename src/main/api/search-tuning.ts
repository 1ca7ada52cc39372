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
  /**
   * A walk of the sort index gives up after this many times the index entries it expects to pass
   * (at least walkBudgetMin), and the matches are sorted instead (see walkBudget). Defaults:
   * WALK_BUDGET_FACTOR and WALK_BUDGET_MIN; tests set them to 0 to make every walk give up.
   */
  readonly walkBudgetFactor?: number;
  readonly walkBudgetMin?: number;
}

/**
 * The walk expects matches spread evenly over the sort order; when a filter is correlated with the
 * sort (rejected calls have no talk time, so they all sit at one end of the talk-time index) the
 * walk passes nearly every call before its page (3.5 s of CPU at 1M calls). Eight times the
 * expected visits is far past an even spread's variance, and bounds such a walk to at most about
 * twice the cost of sorting the matches (a walk is only chosen when its expected cost is under a
 * quarter of the sort's).
 */
export const WALK_BUDGET_FACTOR = 8;
export const WALK_BUDGET_MIN = 4096;

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
