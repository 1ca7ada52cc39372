// The silent-call filter of the call search (#14 item 5), one self-contained unit beside the
// others in buildWhere: a silent dialer call is the statistics' one (R18: a dialer call the
// contact answered with no agent free — outcome unanswered and a Menu event for the
// silent-call message, no Conversation), written once in statistics/parts.ts (isSilent) so the
// list's count equals the silent figure of the statistics.
import type { FilterUnit } from '../review/review-filters';
import { isSilent } from '../statistics/parts';

/**
 * `silent: true` keeps only silent dialer calls, `false` leaves them out. An uncorrelated IN list:
 * the dialer calls that went unanswered are read from the (type, outcome, start) index once, each
 * checked for a Menu event, however the outer query walks.
 */
export function silentFilter(q: { silent?: boolean | undefined }): FilterUnit | null {
  if (q.silent === undefined) return null;
  const silent = isSilent('d');
  return {
    sql: `c.id ${q.silent ? '' : 'NOT '}IN (SELECT d.id FROM calls d WHERE ${silent.sql})`,
    params: [...silent.params],
  };
}
