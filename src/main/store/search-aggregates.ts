// What the search needs computed at the end of every import (called once from the import's
// end-of-file step, inside its transaction): full optimizer statistics for the tables the
// search reads. The import's general ANALYZE runs with an analysis_limit, which leaves
// sqlite_stat4 empty; without its samples the planner takes every range (`duration ≥ 0`) for
// a selective one and reads a million calls through an index instead of scanning them.
// About 2 s per 150,000 calls.
import type { Db } from './native';
import { linkRows } from './link-rows';

export function refreshSearchAggregates(db: Db): void {
  // The link tables as stored (views cannot be analysed: link-rows.ts).
  const [queues, agents] = [linkRows(db, 'queue').table, linkRows(db, 'agent').table];
  db.exec(
    `PRAGMA analysis_limit = 0; ANALYZE calls; ANALYZE ${queues}; ANALYZE ${agents}; PRAGMA analysis_limit = 2000;`,
  );
}
