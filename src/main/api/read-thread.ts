// A read worker of the pool (./read-pool): its own read-only connection to the archive,
// answering calls.search / calls.facets one at a time. Started from the import worker's entry
// (role 'read'), so that the Electron bundle needs no entry of its own. A request the pool
// gives up on is not cancelled here: the pool terminates this thread, which ends the statement.
import { parentPort, workerData } from 'node:worker_threads';
import { callSearchSchema } from '../../shared/api/schemas';
import { openArchive } from '../store/archive';
import { CallFacets } from './call-facets';
import { CallSearcher } from './call-search';
import type { ColumnsMessage, MatchListMessage, ReadReply, ReadRequest, ReadWorkerData } from './read-protocol';
import { MatchLists } from './fts-text';
import { lowerThisThreadsPriority } from './thread-priority';

const data = workerData as ReadWorkerData;
const nice = data.background ? lowerThisThreadsPriority() : null;
const archive = openArchive(data.path, { readonly: true });
const searcher = new CallSearcher(archive.db, data.tuning);
const facets = new CallFacets(archive.db, searcher);
/** The calls' columns in memory last sent by the pool (./call-columns). */
let attached: ColumnsMessage | null = null;
/** Full match lists of texts, for the attached columns' generation (read here or passed on by the pool). */
let lists: MatchLists | null = null;

function listsFor(generation: number | undefined): MatchLists | null {
  if (generation === undefined) return null;
  if (lists?.generation !== generation) lists = new MatchLists(generation);
  return lists;
}

/**
 * Tests only: a deliberately slow request that holds this worker about `ms`, a short statement
 * every 10 ms and asleep between them (a spin burned a core for as long: seconds of a test run).
 */
function holdForTests(ms: number): void {
  const statement = archive.db.prepare(
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) SELECT count(*) FROM n',
  );
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (const end = Date.now() + ms; Date.now() < end;) {
    statement.get();
    Atomics.wait(sleeper, 0, 0, Math.min(10, Math.max(0, end - Date.now())));
  }
}

function answer(req: ReadRequest): ReadReply {
  try {
    if (req.slowMs) holdForTests(req.slowMs);
    const q = callSearchSchema.parse(req.query);
    // Only the generation the pool names: it knows whether they match the archive's state now.
    const columns = req.columns !== undefined && attached?.generation === req.columns ? attached.columns : null;
    searcher.columns = columns;
    searcher.fts.lists = columns ? listsFor(req.columns) : null;
    const value = req.op === 'facets' ? facets.facets(q, { sampleEvery: req.sampleEvery }) : searcher.search(q);
    const fresh = searcher.fts.lists?.takeFresh() ?? [];
    return {
      id: req.id,
      ok: true,
      value,
      ...(req.op === 'search' ? { strategy: searcher.lastStrategy } : {}),
      ...(fresh.length > 0 && req.columns !== undefined ? { lists: { generation: req.columns, lists: fresh } } : {}),
    };
  } catch (err) {
    const e = err as { message?: string; code?: string };
    return {
      id: req.id,
      ok: false,
      message: String(e.message ?? err),
      code: typeof e.code === 'string' ? e.code : 'ARCHIVE',
    };
  }
}

parentPort?.on('message', (req: ReadRequest | ColumnsMessage | MatchListMessage) => {
  if (req.op === 'columns') attached = req;
  else if (req.op === 'match-list') listsFor(req.generation)?.put(req.match, req.ids, false);
  else parentPort?.postMessage(answer(req));
});
parentPort?.postMessage({ id: 0, ok: true, value: 'ready', nice } satisfies ReadReply);
