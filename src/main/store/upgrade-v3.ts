// Migration 3 (compact storage, issue #10): every exported value kept once.
// - raw_rows.fields: JSON arrays become the compact form of row-codec.ts (the
//   rows digest is over the JSON form either way, so verify still proves v2 imports);
// - raw_rows.norm: NULL where the record interpreter gives the very same row
//   again from the stored values (checked row by row), kept where it does not;
// - call_docs: only other platforms' calls keep a stored contract JSON; a
//   call-events call's JSON is derived on read (src/main/api/call-doc.ts);
// - events.label / label_da: dropped (computed by the engine on read);
// - the index raw_rows_import: dropped (verify reads raw_rows in one pass in id order).
// Runs inside migrate's transaction: a failure or a crash leaves the v2 archive as it was.
// migrate then compacts the file (VACUUM): rows rewritten shorter leave half-empty pages.
import { decodeValues, encodeNorm, encodeValues, StoredRowInterpreter } from '../import/row-codec';
import type { Db } from './native';
import { all, run, sql, value } from './sql';
import { tableColumns } from './table-columns';

/** Where an upgrade is: rows re-encoded so far of all rows. */
export interface UpgradeProgress {
  /** The version being made. */
  toVersion: number;
  done: number;
  total: number;
  /** 'compacting': the rows are done and committed; the file is being compacted (VACUUM, no count). */
  phase?: 'compacting';
}

const BATCH = 20_000;

type Row = {
  id: number;
  line: number;
  tbl: string;
  norm: string | null;
  layout: number;
  fields: string;
  file_label: string;
  time_zone: string;
};

const RAW_ROW_COUNT = sql<number>('SELECT count(*) FROM raw_rows');
const PAGE = sql<Row, [afterId: number, limit: number]>(
  'SELECT r.id, r.line, r.tbl, r.norm, r.layout, r.fields, i.file_label, i.time_zone ' +
    'FROM raw_rows r JOIN imports i ON i.id = r.import_id WHERE r.id > ? ORDER BY r.id LIMIT ?',
);
const UPDATE = sql<void, [fields: string, norm: string | null, id: number]>(
  'UPDATE raw_rows SET fields = ?, norm = ? WHERE id = ?',
);

export function upgradeToV3(db: Db, onProgress: (done: number, total: number) => void): void {
  // An import's rows are a rowid range (one transaction each): verify and the import's own counts
  // read them without this index.
  db.exec('DROP INDEX IF EXISTS raw_rows_import');
  const eventColumns = tableColumns(db, 'events');
  for (const column of ['label', 'label_da'])
    if (eventColumns.has(column)) db.exec(`ALTER TABLE events DROP COLUMN ${column}`);
  db.exec(`DELETE FROM call_docs WHERE call IN (SELECT c.id FROM calls c WHERE EXISTS
    (SELECT 1 FROM raw_rows r WHERE r.call_id = c.call_id AND r.tbl = 'call_events'))`);
  const total = value(db, RAW_ROW_COUNT) ?? 0;
  const interpreter = new StoredRowInterpreter(db);
  // Run again over a newer archive (tests set user_version back): values in compressed blocks
  // (fields = '', raw-blocks.ts) are already in the compact form. A real v2 archive has no blocks.
  const inBlocks = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'raw_blocks'").get() !== undefined;
  let done = 0;
  onProgress(0, total);
  for (let last = 0; ;) {
    const rows = all(db, PAGE, last, BATCH);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (!(inBlocks && r.fields === '')) rewrite(db, r, interpreter);
      last = r.id;
    }
    done += rows.length;
    onProgress(done, total);
  }
}

function rewrite(db: Db, r: Row, interpreter: StoredRowInterpreter): void {
  const values = decodeValues(r.fields);
  const fields = encodeValues(values);
  let norm = r.norm;
  if (norm !== null && r.tbl === 'call_events' && sameAgain(r, values, interpreter)) norm = null;
  if (fields !== r.fields || norm !== r.norm) run(db, UPDATE, fields, norm, r.id);
}

/** The record interpreter makes the stored normalised row again from the values. */
function sameAgain(r: Row, values: string[], interpreter: StoredRowInterpreter): boolean {
  try {
    const item = interpreter.readerOf(r.layout, r.time_zone, r.file_label)(values, r.line);
    return item.kind === 'row' && encodeNorm(item.row) === r.norm;
  } catch {
    return false;
  }
}
