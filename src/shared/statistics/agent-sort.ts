// The Statistics view's agent table in the order a supervisor asks for: by name, or by a
// figure, most first ("who handled the most?", "who missed the most offers?"). Pure.
import type { AgentFigures } from './types';

export const AGENT_SORT_KEYS = [
  'agent',
  'answered',
  'consults',
  'handled',
  'unansweredOffers',
  'talkSec',
  'avgTalkSec',
] as const;
export type AgentSortKey = (typeof AGENT_SORT_KEYS)[number];

export interface AgentSort {
  key: AgentSortKey;
  direction: 'asc' | 'desc';
}

/** A figure's first click sorts most first; the name's first click sorts A to Z. */
export function firstDirection(key: AgentSortKey): 'asc' | 'desc' {
  return key === 'agent' ? 'asc' : 'desc';
}

/** The next sort after a click on a column: the other direction on the same column, else its first. */
export function nextAgentSort(current: AgentSort, key: AgentSortKey): AgentSort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: firstDirection(key) };
}

/**
 * The rows in that order. Names in the UI language's alphabet (`locale`, a BCP 47 tag: Danish
 * puts Å after Z). A missing figure (no average without a handled call) goes last in either
 * direction; equal figures keep the names' order, so a sort never shuffles ties.
 */
export function sortAgents(rows: readonly AgentFigures[], sort: AgentSort, locale: string): AgentFigures[] {
  const collator = new Intl.Collator(locale);
  const byName = (a: AgentFigures, b: AgentFigures) => collator.compare(a.agent, b.agent);
  if (sort.key === 'agent') {
    const sorted = [...rows].sort(byName);
    return sort.direction === 'asc' ? sorted : sorted.reverse();
  }
  const key = sort.key;
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return x === y ? byName(a, b) : (x - y) * sign;
  });
}
