// Stored raw values in compressed blocks (issue #10, archive size). A raw row's
// values (the row codec's encoded text, see row-codec.ts) are kept, once an
// import has committed, in the block of its id: raw_blocks row `id >> BLOCK_BITS`
// holds the values of the BLOCK_ROWS consecutive raw_rows ids of that block,
// compressed together (neighbouring rows repeat dates, queues, agents and call ids:
// 127 bytes of values become ≈ 20; see BlockFormat for the two layouts). raw_rows
// keeps every other column per row (status, call id, line, …) and `fields = ''` for
// a row whose values are in its block. An import inserts its rows with `fields = ''`
// and gives their values to a RawBlockWriter, which writes each block once its last
// id has gone by (and the last one at the end of the file), all in the file's
// transaction: a failed import leaves nothing behind. Until then the import reads
// those values from the writer (storedValuesText looks there first). The upgrades
// pack existing rows (packRawRows) and rewrite blocks in the newer layout
// (repackOldBlocks).
//
// '' is never an encoded value of a row not yet packed (encodeValues writes a
// one-empty-value record as JSON), so `fields = ''` means "in the block". In an
// archive not yet upgraded (no raw_blocks table) '' keeps its old meaning.
//
// The digests (imports.rows_digest, verify) are over the values, never over the
// compressed bytes: a block is only a way to keep the same text.
import {
  brotliCompressSync,
  brotliDecompressSync,
  constants as zlibConstants,
  deflateRawSync,
  inflateRawSync,
} from 'node:zlib';
import type { Db } from '../store/native';
import { one, prepareOwn, run, sql, value, values } from '../store/sql';
import { tableColumns } from '../store/table-columns';
import { startBlockCompressor, STARTED_AFTER_BLOCKS, type BlockCompressor } from './block-compressor';
import { columnsText } from './block-text';

export const BLOCK_BITS = 6;
export const BLOCK_ROWS = 1 << BLOCK_BITS;
const SLOT_MASK = BLOCK_ROWS - 1;

/** The block table (created by the migration that introduced blocks; see schema.ts). */
export const RAW_BLOCKS_SQL = `
CREATE TABLE IF NOT EXISTS raw_blocks (
  id INTEGER PRIMARY KEY,           -- raw_rows.id >> 6
  data BLOB NOT NULL                -- the block's slots (see encodeBlock); LEAN_TABLES_VERSION adds \`format\`
) STRICT;
`;

type Slots = (string | null)[];

/**
 * How a block's bytes are laid out (`raw_blocks.format`; an archive whose raw_blocks has no such
 * column holds only the first kind):
 * - ROWS_DEFLATED (schema RAW_BLOCKS_VERSION): per slot `length:text`, deflated;
 * - COLUMNS_BROTLI (schema LEAN_TABLES_VERSION): the slots' values column by column, brotli.
 *   A block's rows are mostly of one layout, so a column holds one kind of value (dates, queue
 *   keys, agent ids): 27 % fewer bytes than ROWS_DEFLATED at 1M calls, for ≈ 2 µs more per row written.
 */
export const ROWS_DEFLATED = 0;
export const COLUMNS_BROTLI = 1;
export type BlockFormat = typeof ROWS_DEFLATED | typeof COLUMNS_BROTLI;

const SEP = '\u001f';
const BROTLI = {
  params: {
    [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
    [zlibConstants.BROTLI_PARAM_LGWIN]: 16,
    [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
  },
};

function damaged(why: string): Error {
  return new Error(`a raw-values block is damaged (${why})`);
}

function slotsOfColumns(text: string): Slots {
  const newline = text.indexOf('\n');
  if (newline < 0) throw damaged('no header');
  const counts = text.slice(0, newline).split(',');
  if (counts.length !== BLOCK_ROWS) throw damaged('a slot is missing');
  const widths = counts.map((c) => (c === '-' ? -1 : Number(c)));
  const total = widths.reduce((sum, w) => sum + Math.max(0, w), 0);
  const values = total === 0 ? [] : text.slice(newline + 1).split(SEP);
  if (values.length !== total || widths.some((w) => !Number.isInteger(w))) throw damaged('its values do not add up');
  const rows: string[][] = widths.map(() => []);
  let k = 0;
  for (let c = 0, widest = Math.max(...widths); c < widest; c++) {
    widths.forEach((w, i) => {
      if (w > c) rows[i]?.push(values[k++] ?? '');
    });
  }
  return widths.map((w, i) => (w < 0 ? null : (rows[i] ?? []).join(SEP)));
}

/** A block's bytes in the given format (the newest by default). */
export function encodeBlock(slots: Slots, format: BlockFormat = COLUMNS_BROTLI): Buffer {
  if (format === COLUMNS_BROTLI) return brotliCompressSync(Buffer.from(columnsText(slots), 'utf8'), BROTLI);
  const parts: string[] = [];
  for (let i = 0; i < BLOCK_ROWS; i++) {
    const v = slots[i];
    parts.push(v === null || v === undefined ? ':' : `${v.length}:${v}`);
  }
  return deflateRawSync(Buffer.from(parts.join(''), 'utf8'));
}

export function decodeBlock(data: Uint8Array, format: BlockFormat = COLUMNS_BROTLI): Slots {
  let bytes: Buffer;
  try {
    bytes = format === COLUMNS_BROTLI ? brotliDecompressSync(data) : inflateRawSync(data);
  } catch {
    throw damaged('its bytes do not decompress');
  }
  const text = bytes.toString('utf8');
  if (format === COLUMNS_BROTLI) return slotsOfColumns(text);
  const out: Slots = new Array<string | null>(BLOCK_ROWS).fill(null);
  let p = 0;
  for (let i = 0; i < BLOCK_ROWS; i++) {
    const colon = text.indexOf(':', p);
    if (colon < 0) throw damaged('a slot is missing');
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

/** Decoded blocks, most recently used last; an entry is used only while its bytes are the stored ones. */
const LRU_SIZE = 128;
const lru = new Map<number, { block: StoredBlock; slots: Slots }>();

interface StoredBlock {
  data: Buffer;
  format: BlockFormat;
}

function slotsOf(blockId: number, block: StoredBlock): Slots {
  const hit = lru.get(blockId);
  if (hit !== undefined && hit.block.format === block.format && hit.block.data.equals(block.data)) {
    lru.delete(blockId);
    lru.set(blockId, hit);
    return hit.slots;
  }
  const slots = decodeBlock(block.data, block.format);
  lru.delete(blockId);
  const oldest = lru.keys().next();
  if (lru.size >= LRU_SIZE && oldest.done !== true) lru.delete(oldest.value);
  lru.set(blockId, { block: { data: Buffer.from(block.data), format: block.format }, slots });
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

const hasFormat = new WeakSet<Db>();

/**
 * raw_blocks has its `format` column (schema LEAN_TABLES_VERSION); remembered once true (the
 * upgrade adds it on the same connection). Without it every block is ROWS_DEFLATED, and blocks are
 * written so: the migration that made blocks writes the kind its schema knows.
 */
export function blocksHaveFormat(db: Db): boolean {
  if (hasFormat.has(db)) return true;
  const yes = blocksExist(db) && tableColumns(db, 'raw_blocks').has('format');
  if (yes) hasFormat.add(db);
  return yes;
}

const BLOCK_WITH_FORMAT = sql<StoredBlock, [blockId: number]>('SELECT data, format FROM raw_blocks WHERE id = ?');
const BLOCK_OF_ROWS = sql<StoredBlock, [blockId: number]>(
  `SELECT data, ${ROWS_DEFLATED} AS format FROM raw_blocks WHERE id = ?`,
);

function storedBlock(db: Db, blockId: number): StoredBlock | undefined {
  return one(db, blocksHaveFormat(db) ? BLOCK_WITH_FORMAT : BLOCK_OF_ROWS, blockId);
}

/** A block's slots as stored, or every slot empty when it has none yet. */
function blockSlots(db: Db, blockId: number): Slots {
  const block = storedBlock(db, blockId);
  return block === undefined ? new Array<string | null>(BLOCK_ROWS).fill(null) : decodeBlock(block.data, block.format);
}

const PUT_BLOCK = sql<void, [blockId: number, data: Buffer, format: BlockFormat]>(
  'INSERT OR REPLACE INTO raw_blocks (id, data, format) VALUES (?, ?, ?)',
);
const PUT_BLOCK_OF_ROWS = sql<void, [blockId: number, data: Buffer]>(
  'INSERT OR REPLACE INTO raw_blocks (id, data) VALUES (?, ?)',
);

/** Writes a block in the newest format its schema holds. */
function putBlock(db: Db, blockId: number, slots: Slots): void {
  if (blocksHaveFormat(db)) run(db, PUT_BLOCK, blockId, encodeBlock(slots, COLUMNS_BROTLI), COLUMNS_BROTLI);
  else run(db, PUT_BLOCK_OF_ROWS, blockId, encodeBlock(slots, ROWS_DEFLATED));
}

/**
 * Rewrites every block not yet in the newest format (the upgrade to LEAN_TABLES_VERSION, after it
 * added raw_blocks.format); onProgress: blocks done. Runs in the caller's transaction.
 */
export function repackOldBlocks(db: Db, onProgress?: (done: number) => void): void {
  const old = sql<number>(`SELECT id FROM raw_blocks WHERE format = ${ROWS_DEFLATED} ORDER BY id`);
  const ids = values(db, old);
  ids.forEach((id, i) => {
    putBlock(db, id, blockSlots(db, id));
    if ((i + 1) % 4096 === 0 || i + 1 === ids.length) onProgress?.(i + 1);
  });
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
  const block = storedBlock(db, blockId);
  const text = block === undefined ? null : slotsOf(blockId, block)[id & SLOT_MASK];
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
      if (current >= 0) putBlock(db, current, slots);
    };
    for (const [id, fields] of batch) {
      const b = id >> BLOCK_BITS;
      if (b !== current) {
        flush();
        current = b;
        slots = blockSlots(db, b);
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

/** Blocks sent to the compressor and not yet back, at most; past it a block is compressed in this thread. */
export const BLOCKS_IN_FLIGHT = 256;

/** A started block: written, in the order blocks were started, once its bytes are there. */
interface BlockJob {
  block: number;
  ids: number[];
  /** Its slots, kept until its bytes are there (a worker that fails leaves them to this thread). */
  slots: Slots;
  data: Buffer | null;
}

/**
 * The block writer of one import: its rows are inserted with `fields = ''` in increasing id
 * order and their values given to add(); a block is started when an id of a later block comes,
 * and the last one by flush() (the end of the file). close() after the transaction either way.
 *
 * A started block is compressed by a BlockCompressor on another core (block-compressor.ts) and
 * written, still in the file's transaction and in the order blocks were started, at a later add()
 * once its bytes are back, or by flush(). Until then its rows' values stay readable here
 * (pendingOf). When BLOCKS_IN_FLIGHT blocks are already out (no core to spare), or with no worker,
 * the block is compressed in this thread: the work shares itself out between the cores.
 */
export class RawBlockWriter {
  private block = -1;
  /** The values of every row added and not yet written in its block (read by storedValuesText). */
  private readonly values = new Map<number, string>();
  /** The ids of the block being filled. */
  private current: number[] = [];
  /** Started blocks not yet written; started[i] has seq firstSeq + i. */
  private readonly started: BlockJob[] = [];
  private firstSeq = 0;
  private blocksStarted = 0;
  private compressor: BlockCompressor | null = null;

  constructor(
    private readonly db: Db,
    /** Compress on another core (a worker, started once the file has filled STARTED_AFTER_BLOCKS blocks). */
    private readonly otherCore = false,
  ) {
    pendingOf.set(db, this.values);
  }

  add(id: number, values: string): void {
    const block = id >> BLOCK_BITS;
    if (block !== this.block) {
      this.start();
      this.writeDone();
      this.block = block;
    }
    this.values.set(id, values);
    this.current.push(id);
  }

  /** Writes every block started and the one being filled (merged with rows an earlier import packed into it). */
  flush(): void {
    this.start();
    this.compressor?.takeAll(this.answer);
    this.writeDone();
  }

  close(): void {
    if (pendingOf.get(this.db) === this.values) pendingOf.delete(this.db);
    this.compressor?.close();
    this.compressor = null;
  }

  /** Starts the block being filled (an archive of the older block kind: written now, deflated). */
  private start(): void {
    if (this.current.length === 0) return;
    const slots = blockSlots(this.db, this.block);
    for (const id of this.current) slots[id & SLOT_MASK] = this.values.get(id) ?? null;
    const ids = this.current;
    this.current = [];
    if (!blocksHaveFormat(this.db)) {
      putBlock(this.db, this.block, slots);
      for (const id of ids) this.values.delete(id);
      return;
    }
    const job: BlockJob = { block: this.block, ids, slots, data: null };
    const seq = this.firstSeq + this.started.length;
    this.started.push(job);
    if (++this.blocksStarted === STARTED_AFTER_BLOCKS && this.otherCore)
      this.compressor = startBlockCompressor(BROTLI.params);
    const c = this.compressor;
    if (c !== null && c.usable && c.inFlight < BLOCKS_IN_FLIGHT) c.send(seq, slots);
    else job.data = encodeBlock(slots);
  }

  /** A block's bytes from the compressor (null: it could not, compressed here). */
  private readonly answer = (seq: number, data: Buffer | null): void => {
    const job = this.started[seq - this.firstSeq];
    if (job !== undefined) job.data = data ?? encodeBlock(job.slots);
  };

  /** Writes the started blocks whose bytes are there, in the order they were started. */
  private writeDone(): void {
    this.compressor?.take(this.answer);
    for (let job = this.started[0]; job?.data != null; job = this.started[0]) {
      run(this.db, PUT_BLOCK, job.block, job.data, COLUMNS_BROTLI);
      for (const id of job.ids) this.values.delete(id);
      this.started.shift();
      this.firstSeq++;
    }
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
  if (storedBlock(db, blockId) === undefined) throw new Error(`the values of raw row ${id} are missing from its block`);
  const slots = blockSlots(db, blockId);
  slots[id & SLOT_MASK] = encoded;
  putBlock(db, blockId, slots);
}
