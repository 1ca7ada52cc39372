// A request call's attempts for the chart (#14 item 13): derived from the call's stored rows
// by the engine, as the contract JSON is (call-doc.ts), through the row codec's loader. Not in
// the contract JSON: the call detail carries them beside it. A call whose JSON is stored
// (another platform's, or an archive of schema 2) has none.
import { deriveCall } from '../../shared/engine/index';
import type { CallAttempt } from '../../shared/model/archive-call';
import { CallRowLoader } from '../import/row-codec';
import { SqliteCompanions } from '../import/sqlite-companions';
import type { Db } from '../store/native';

const readers = new WeakMap<Db, { loader: CallRowLoader; companions: SqliteCompanions }>();

export function callAttempts(db: Db, callId: string): CallAttempt[] | undefined {
  let r = readers.get(db);
  if (r === undefined) {
    r = { loader: new CallRowLoader(db), companions: new SqliteCompanions(db) };
    readers.set(db, r);
  }
  try {
    const { rows } = r.loader.load(callId);
    if (rows.length === 0) return undefined;
    r.companions.refresh();
    return deriveCall(rows, r.companions).attempts;
  } catch {
    return undefined; // the chart goes without marks; the call itself was read by callContractJson
  }
}
