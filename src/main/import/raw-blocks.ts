// Stored raw values in compressed blocks (issue #10, archive size). A raw row's
// values (the row codec's encoded text, see row-codec.ts) are kept, once an
// import has committed, in the block of its id: raw_blocks row `id >> BLOCK_BITS`
// holds the values of the BLOCK_ROWS consecutive raw_rows ids of that block,
// deflated together (neighbouring rows repeat dates, queues, agents and call ids:
// 127 bytes of values become ≈ 27). raw_rows keeps every other column per row
// (status, call id, line, …) and `fields = ''` for a row whose values are in its
// block. An import inserts its rows with `fields = ''` and gives their values to
// a RawBlockWriter, which writes each block once its last id has gone by (and the
// last one at the end of the file), all in the file's transaction: a failed import
// leaves nothing behind. Until then the import reads those values from the writer
// (storedValuesText looks there first). The upgrade packs existing rows (packRawRows).
//
// '' is never an encoded value of a row not yet packed (encodeValues writes a
// one-empty-value record as JSON), so `fields = ''` means "in the block". In an
// archive not yet upgraded (no raw_blocks table) '' keeps its old meaning.
//
// The digests (imports.rows_digest, verify) are over the values, never over the
// compressed bytes: a block is only a way to keep the same text.
import type { Statement } from 'better-sqlite3';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Db } from '../store/native';
import { prepareOwn, sql, value } from '../store/sql';

export const BLOCK_BITS = 6;
export const BLOCK_ROWS = 1 << BLOCK_BITS;
const SLOT_MASK = BLOCK_ROWS - 1;

/** The block table (created by the migration that introduced blocks; see schema.ts). */
export const RAW_BLOCKS_SQL = `
CREATE TABLE IF NOT EXISTS raw_blocks (
  id INTEGER PRIMARY KEY,           -- raw_rows.id >> 6
  data BLOB NOT NULL                -- deflateRaw of the block's slots (see encodeBlock)
) STRICT;
`;

type Slots = (string | null)[];

/**
 * A block's bytes: per slot (raw row id & 63, in order) `length:text` of the stored
 * encoded values (length in UTF-16 units), or a bare ':' for an id with no row; deflated.
 */
export function encodeBlock(slots: Slots): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < BLOCK_ROWS; i++) {
    const v = slots[i];
    parts.push(v === null || v === undefined ? ':' : `${v.length}:${v}`);
  }
  return deflateRawSync(Buffer.from(parts.join(''), 'utf8'));
}

export function decodeBlock(data: Uint8Array): Slots {
  const text = inflateRawSync(data).toString('utf8');
  const out: Slots = new Array<string | null>(BLOCK_ROWS).fill(null);
  let p = 0;
  for (let i = 0; i < BLOCK_ROWS; i++) {
    const colon = text.indexOf(':', p);
    if (colon < 0) throw new Error('a raw-values block is damaged (a slot is missing)');
    if (colon === p) {
      p = colon + 1;
      continue;
    }
    const n = Number(text.slice(p, colon));
    out[i] = text.slice(colon + 1, colon + 1 + n);
    p = colon + 1 + n;
  }
  return out;
}

/** Inflated blocks, most recently used last; an entry is used only while its bytes are the stored ones. */
const LRU_SIZE = 128;
const lru = new Map<number, { data: Buffer; slots: Slots }>();

function slotsOf(blockId: number, data: Buffer): Slots {
  const hit = lru.get(blockId);
  if (hit !== undefined && hit.data.equals(data)) {
    lru.delete(blockId);
    lru.set(blockId, hit);
    return hit.slots;
  }
  const slots = decodeBlock(data);
  lru.delete(blockId);
  const oldest = lru.keys().next();
  if (lru.size >= LRU_SIZE && oldest.done !== true) lru.delete(oldest.value);
  lru.set(blockId, { data: Buffer.from(data), slots });
  return slots;
}

const hasBlocks = new WeakMap<Db, true>();

/** The archive keeps values in blocks (its schema has raw_blocks); remembered once true. */
function blocksExist(db: Db): boolean {
  if (hasBlocks.has(db)) return true;
  const yes =
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'raw_blocks'").get() !== undefined;
  if (yes) hasBlocks.set(db, true);
  return yes;
}

const BLOCK_DATA = sql<Buffer, [blockId: number]>('SELECT data FROM raw_blocks WHERE id = ?');
const blockStatements = new WeakMap<Db, Statement<[blockId: number], Buffer>>();

function blockData(db: Db, blockId: number): Buffer | undefined {
  let st = blockStatements.get(db);
  if (st === undefined) blockStatements.set(db, (st = prepareOwn(db, BLOCK_DATA, 'pluck')));
  return st.get(blockId);
}

/** Per connection: values of the running import's rows whose block is not written yet. */
const pendingOf = new WeakMap<Db, Map<number, string>>();

/** The encoded values of a stored raw row, from `raw_rows.fields` (`stored`) or its block. */
export function storedValuesText(db: Db, id: number, stored: string): string {
  if (stored !== '') return stored;
  const pending = pendingOf.get(db)?.get(id);
  if (pending !== undefined) return pending;
  if (!blocksExist(db)) return stored;
  const blockId = id >> BLOCK_BITS;
  const data = blockData(db, blockId);
  const text = data === undefined ? null : slotsOf(blockId, data)[id & SLOT_MASK];
  if (text === null || text === undefined) throw new Error(`the values of raw row ${id} are missing from its block`);
  return text;
}

/** Rows read per statement while packing (whole blocks). */
const PACK_BLOCKS = 256;

/**
 * Moves the values of raw rows with id >= fromId into their blocks (merging with a block's
 * rows already packed) and empties their `fields`. `every`: every such row still holds its
 * values in `fields` (the rows of the running import; every row of an archive without blocks,
 * where '' is a record of one empty value); else rows with `fields = ''` are already packed
 * and are left alone. Runs in the caller's transaction. onProgress: rows packed so far.
 */
export function packRawRows(db: Db, fromId: number, every: boolean, onProgress?: (rowsDone: number) => void): number {
  const maxId = value(db, sql<number | null>('SELECT max(id) FROM raw_rows')) ?? null;
  if (maxId === null || maxId < fromId) return 0;
  const rows = prepareOwn(
    db,
    sql<[id: number, fields: string], [lo: number, hi: number]>(
      `SELECT id, fields FROM raw_rows WHERE id >= ? AND id < ?${every ? '' : " AND fields <> ''"} ORDER BY id`,
    ),
    'raw',
  );
  const upsert = db.prepare('INSERT OR REPLACE INTO raw_blocks (id, data) VALUES (?, ?)');
  const empty = db.prepare("UPDATE raw_rows SET fields = '' WHERE id >= ? AND id < ?");
  let done = 0;
  for (let block = fromId >> BLOCK_BITS; block <= maxId >> BLOCK_BITS; block += PACK_BLOCKS) {
    const lo = Math.max(fromId, block << BLOCK_BITS);
    const hi = (block + PACK_BLOCKS) << BLOCK_BITS;
    const batch = rows.all(lo, hi);
    if (batch.length === 0) continue;
    let current = -1;
    let slots: Slots = [];
    const flush = () => {
      if (current >= 0) upsert.run(current, encodeBlock(slots));
    };
    for (const [id, fields] of batch) {
      const b = id >> BLOCK_BITS;
      if (b !== current) {
        flush();
        current = b;
        const existing = blockData(db, b);
        slots = existing === undefined ? new Array<string | null>(BLOCK_ROWS).fill(null) : decodeBlock(existing);
      }
      slots[id & SLOT_MASK] = fields;
    }
    flush();
    empty.run(lo, hi);
    done += batch.length;
    onProgress?.(done);
  }
  return done;
}

/**
 * The block writer of one import: its rows are inserted with `fields = ''` in increasing id
 * order and their values given to add(); a block is written when an id of a later block comes,
 * and the last one by flush() (the end of the file). close() after the transaction either way.
 */
export class RawBlockWriter {
  private block = -1;
  private readonly values = new Map<number, string>();
  private readonly upsert: Statement;

  constructor(private readonly db: Db) {
    this.upsert = db.prepare('INSERT OR REPLACE INTO raw_blocks (id, data) VALUES (?, ?)');
    pendingOf.set(db, this.values);
  }

  add(id: number, values: string): void {
    const block = id >> BLOCK_BITS;
    if (block !== this.block) {
      this.flush();
      this.block = block;
    }
    this.values.set(id, values);
  }

  /** Writes the current block (merged with the rows an earlier import packed into it). */
  flush(): void {
    if (this.values.size === 0) return;
    const existing = blockData(this.db, this.block);
    const slots = existing === undefined ? new Array<string | null>(BLOCK_ROWS).fill(null) : decodeBlock(existing);
    for (const [id, text] of this.values) slots[id & SLOT_MASK] = text;
    this.upsert.run(this.block, encodeBlock(slots));
    this.values.clear();
  }

  close(): void {
    if (pendingOf.get(this.db) === this.values) pendingOf.delete(this.db);
  }
}

/** Replaces the stored encoded values of one raw row (erasure), in `fields` or in its block. */
export function writeStoredValues(db: Db, id: number, encoded: string): void {
  const stored = value(db, sql<string, [id: number]>('SELECT fields FROM raw_rows WHERE id = ?'), id);
  if (stored === undefined) throw new Error(`raw row ${id} does not exist`);
  if (stored !== '' || !blocksExist(db)) {
    db.prepare('UPDATE raw_rows SET fields = ? WHERE id = ?').run(encoded, id);
    return;
  }
  const blockId = id >> BLOCK_BITS;
  const data = blockData(db, blockId);
  if (data === undefined) throw new Error(`the values of raw row ${id} are missing from its block`);
  const slots = decodeBlock(data);
  slots[id & SLOT_MASK] = encoded;
  db.prepare('UPDATE raw_blocks SET data = ? WHERE id = ?').run(encodeBlock(slots), blockId);
}
