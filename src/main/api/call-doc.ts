// The contract JSON of an archive call (what `show --json` and calls.get give),
// built on read: a call-events call is derived again by the engine from its
// stored rows (the same rows, companions and engine the import used, so the
// text is byte-equal to what `convert` prints); another platform's call, which
// the engine cannot derive, has its JSON stored in call_docs (so has every call
// of an archive of schema 2 or older, read as it is).
import { deriveCall } from '../../shared/engine/index';
import { toContractJson } from '../../shared/engine/contract-json';
import { CallRowLoader } from '../import/row-codec';
import { SqliteCompanions } from '../import/sqlite-companions';
import type { Db } from '../store/native';
import { one, sql } from '../store/sql';

export interface StoredCallDoc {
  /** calls.id */
  id: number;
  json: string;
}

const CALL_DOC = sql<{ id: number; json: string | null }, [callId: string]>(
  'SELECT c.id, d.json FROM calls c LEFT JOIN call_docs d ON d.call = c.id WHERE c.call_id = ?',
);

interface DocReader {
  loader: CallRowLoader;
  companions: SqliteCompanions;
}

/** Per connection: the record interpreters (a zone clock and a compiled record reader each). */
const readers = new WeakMap<Db, DocReader>();

function readerOf(db: Db): DocReader {
  let r = readers.get(db);
  if (r === undefined) {
    r = {
      loader: new CallRowLoader(db),
      companions: new SqliteCompanions(db),
    };
    readers.set(db, r);
  }
  return r;
}

/** The call's contract JSON, or null when the archive has no such call. */
export function callContractJson(db: Db, callId: string): StoredCallDoc | null {
  const reader = readerOf(db);
  const row = one(db, CALL_DOC, callId);
  if (row === undefined) return null;
  if (row.json !== null) return { id: row.id, json: row.json };
  const { rows } = reader.loader.load(callId);
  if (rows.length === 0) throw new Error(`call ${callId} has neither stored rows nor a stored contract JSON`);
  // Names read afresh: an import may have changed them since the last call.
  reader.companions.refresh();
  const derived = deriveCall(rows, reader.companions);
  return { id: row.id, json: toContractJson(derived.call) };
}
