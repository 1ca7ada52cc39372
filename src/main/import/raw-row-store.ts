// The import's "store raw" stage: every record of a file becomes one raw row (its values encoded by
// their layout, in a compressed block) or one rejected row, each digested for `verify`. The call-events
// path, the companion tables and the platform readers all store through here, so the counts, the
// digests and the import's first row id are kept in one place.
import { createHash, type Hash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { CallEventRow } from '../../shared/model/call-events';
import type { RejectedRow } from '../../shared/model/row-accounting';
import { supersededReason } from '../../shared/model/row-ledger';
import type { Db } from '../store/native';
import { prepareOwn, sql } from '../store/sql';
import { layoutsTrailer, rawRowDigestLine } from '../store/digest';
import { callKeyOf, rawStatusCode, rawTableCode, SET_RAW_STATUS } from '../store/coded-columns';
import { INSERT_RAW_ROW } from '../store/compact-rows';
import { RawBlockWriter } from './raw-blocks';
import { decodeValues, encodeNorm, Layouts, type StoredRowInterpreter } from './row-codec';
import type { PackedRows } from './parse-worker';

/** Rows per layout whose re-interpretation is compared with the reader's row before it is trusted. */
const TRUST_SAMPLE = 32;

/** The per-row columns of a raw row besides its values (which table's keys it names, and its status). */
export interface RawRowExtra {
  agentId?: string | null;
  queueKey?: string | null;
  menuKey?: string | null;
  status?: 'used' | 'kept';
  reason?: string | null;
}

/** How the store decides whether a call-events row's normalised form must be stored. */
export interface RawRowStoreOptions {
  /**
   * The rows come from the project's reader, whose record interpreter gives the same row again
   * from the stored values (ExportSource.reinterpretable): their normalised row is not stored.
   */
  reinterpretable?: boolean;
  /** The import's time zone (re-interpreting rows); required with reinterpretable. */
  timeZone?: string;
  /** Compress the raw-value blocks in a worker of their own (block-compressor.ts); else in this thread. */
  compressBlocksElsewhere?: boolean;
}

export class RawRowStore {
  readonly rowsDigest: Hash = createHash('sha256');
  readonly rejectedDigest: Hash = createHash('sha256');
  /** Records read: stored and rejected. */
  read = 0;
  rejected = 0;
  stored = 0;
  /** The import's first raw_rows id: its rows are the ids from here on (one transaction), found by rowid range. */
  firstRawId: number | null = null;
  readonly layouts: Layouts;
  /** Layout ids this import used: their column lists close the rows digest (see finishDigest). */
  private readonly usedLayouts = new Set<number>();
  /** Writes the raw values into their compressed blocks (raw-blocks.ts). */
  private readonly blocks: RawBlockWriter;
  /** Per layout: rows left to compare (> 0), trusted (0) or not re-interpretable (-1). */
  private readonly trust = new Map<number, number>();
  /** Parse-worker layout index → the archive's layout id (per file: one packer per file). */
  private readonly packedLayouts = new Map<number, number>();
  private readonly reinterpretable: boolean;
  private readonly timeZone: string;
  private readonly s: RawRowStatements;

  constructor(
    private readonly db: Db,
    private readonly importId: number,
    private readonly fileLabel: string,
    private readonly interpreter: StoredRowInterpreter,
    options: RawRowStoreOptions = {},
  ) {
    this.layouts = new Layouts(db);
    this.blocks = new RawBlockWriter(db, options.compressBlocksElsewhere === true);
    this.reinterpretable = options.reinterpretable === true && options.timeZone !== undefined;
    this.timeZone = options.timeZone ?? 'UTC';
    this.s = prepareRawRowStatements(db);
  }

  /**
   * One record: encoded by its layout, digested, its normalised row (`row`, call-events records only)
   * kept only when it cannot be computed again from the values; returns the raw row's id.
   */
  insert(
    line: number,
    tbl: string,
    callId: string | null,
    fields: Record<string, string>,
    extra: RawRowExtra & { row?: CallEventRow } = {},
  ): number {
    const { layout, values, list } = this.layouts.encode(fields);
    this.usedLayouts.add(layout);
    this.rowsDigest.update(rawRowDigestLine(line, tbl, layout, JSON.stringify(list)));
    const norm = extra.row === undefined ? null : this.normToStore(extra.row, layout, list);
    return this.insertStored(line, tbl, callId, layout, values, norm, extra);
  }

  /**
   * A parse worker's packed call-events rows (values already encoded, each row as encodeNorm), stored
   * as insert stores a reader's row, without its objects; `onRow` gets each stored row in order.
   */
  insertPacked(p: PackedRows, onRow: (id: number, callId: string, line: number, norm: string) => void): void {
    for (const [index, keys] of p.newLayouts)
      if (!this.packedLayouts.has(index)) this.packedLayouts.set(index, this.layouts.idOf(keys));
    for (let i = 0; i < p.line.length; i++) {
      const layout = this.packedLayouts.get(cell(p.layout, i));
      if (layout === undefined) throw new Error(`packed rows of ${p.file}: layout ${cell(p.layout, i)} was never sent`);
      const [line, callId, values, norm] = [cell(p.line, i), cell(p.callId, i), cell(p.values, i), cell(p.norm, i)];
      this.usedLayouts.add(layout);
      this.rowsDigest.update(rawRowDigestLine(line, 'call_events', layout, cell(p.listJson, i)));
      const trusted = this.trusted(
        layout,
        () => norm,
        () => decodeValues(values),
        p.file,
        line,
      );
      const extra = { agentId: cell(p.agentId, i), queueKey: cell(p.queueKey, i), menuKey: cell(p.menuKey, i) };
      onRow(
        this.insertStored(line, 'call_events', callId, layout, values, trusted ? null : norm, extra),
        callId,
        line,
        norm,
      );
    }
  }

  /** A record the reader refused: counted, digested and listed with its line and reason. */
  reject(r: RejectedRow): void {
    this.read++;
    this.rejected++;
    this.rejectedDigest.update(`${r.origin.line}\t${r.reason}\t${r.raw}\n`);
    this.s.insertRejected.run(this.importId, this.fileLabel, r.origin.line, r.reason, r.raw);
  }

  /** Sets a stored raw row's status: kept with a reason, or used (reason null). */
  setStatus(id: number, status: 'used' | 'kept', reason: string | null): void {
    this.s.setStatus.run(status, reason, id);
  }

  /** "superseded by a newer record (import #i, line n)" for a stored raw row. */
  supersededBy(rawRowId: number): string {
    const r = this.s.rowLine.get(rawRowId);
    if (!r) throw new Error(`raw row ${rawRowId} is not stored`);
    return supersededReason(`import #${r.import_id}, line ${r.line}`);
  }

  /** Writes every block started and the one being filled (every row stored so far is then in its block). */
  flushBlocks(): void {
    this.blocks.flush();
  }

  close(): void {
    this.blocks.close();
  }

  /** The rows digest, closed with the column lists of the layouts its rows use. */
  finishDigest(): string {
    this.rowsDigest.update(layoutsTrailer(this.db, [...this.usedLayouts]));
    return this.rowsDigest.digest('hex');
  }

  /** The one insert of a raw row (its values already encoded and digested): counts it and returns its id. */
  private insertStored(
    line: number,
    tbl: string,
    callId: string | null,
    layout: number,
    values: string,
    norm: string | null,
    extra: RawRowExtra,
  ): number {
    this.read++;
    this.stored++;
    const table = rawTableCode(tbl);
    const info = this.s.insertRaw.run(
      this.importId,
      line,
      table.code,
      table.other,
      callKeyOf(callId),
      extra.agentId ?? null,
      extra.queueKey ?? null,
      extra.menuKey ?? null,
      rawStatusCode(extra.status ?? 'used'),
      extra.reason ?? null,
      norm,
      layout,
      '', // the values go to their compressed block (raw-blocks.ts)
    );
    const id = Number(info.lastInsertRowid);
    this.blocks.add(id, values);
    this.firstRawId ??= id;
    return id;
  }

  /** encodeNorm(row), or null when the row can be computed again from its stored values. */
  private normToStore(row: CallEventRow, layout: number, values: string[]): string | null {
    // A trusted layout's rows (all but the first TRUST_SAMPLE) are decided without a closure: this runs per row.
    if (this.reinterpretable && this.trust.get(layout) === 0) return null;
    const norm = encodeNorm(row);
    return this.trusted(
      layout,
      () => norm,
      () => values,
      row.origin.file,
      row.origin.line,
    )
      ? null
      : norm;
  }

  /**
   * Whether a layout's rows are re-interpreted to the reader's row: the first TRUST_SAMPLE rows
   * of each layout are checked; one mismatch stores the normalised row of every later row of it.
   * `norm` and `values` are functions: a trusted layout's rows never compute them.
   */
  private trusted(layout: number, norm: () => string, values: () => string[], file: string, line: number): boolean {
    if (!this.reinterpretable) return false;
    let left = this.trust.get(layout) ?? TRUST_SAMPLE;
    if (left > 0) {
      let same: boolean;
      try {
        const again = this.interpreter.readerOf(layout, this.timeZone, file)(values(), line);
        same = again.kind === 'row' && encodeNorm(again.row) === norm();
      } catch {
        same = false;
      }
      left = same ? left - 1 : -1;
      this.trust.set(layout, left);
    }
    return left !== -1;
  }
}

/** Entry `i` of a packed column: every column has one per row, so a missing one is the packer's bug. */
function cell<T>(column: readonly T[], i: number): T {
  const v = column[i];
  if (v === undefined) throw new Error(`packed rows: column without entry ${i}`);
  return v;
}

type RawRowParams = [
  importId: number,
  line: number,
  tblCode: number | null,
  tblOther: string | null,
  callKey: bigint | string | null,
  agentId: string | null,
  queueKey: string | null,
  menuKey: string | null,
  kept: number | null,
  reason: string | null,
  norm: string | null,
  layout: number,
  fields: string,
];

/** The statements run per row: prepared once per store (prepareOwn), typed where declared. */
function prepareRawRowStatements(db: Db) {
  return {
    insertRaw: prepareOwn(db, sql<void, RawRowParams>(INSERT_RAW_ROW)),
    insertRejected: prepareOwn(
      db,
      sql<void, [importId: number, file: string, line: number, reason: string, raw: string]>(
        'INSERT INTO rejected_rows (import_id, file, line, reason, raw) VALUES (?, ?, ?, ?, ?)',
      ),
    ),
    setStatus: prepareOwn(
      db,
      sql<void, [status: 'used' | 'kept', reason: string | null, id: number]>(
        `UPDATE raw_rows SET ${SET_RAW_STATUS}, reason = ? WHERE id = ?`,
      ),
    ),
    rowLine: prepareOwn(
      db,
      sql<{ import_id: number; line: number }, [id: number]>('SELECT import_id, line FROM raw_rows WHERE id = ?'),
    ),
  } satisfies Record<string, Statement>;
}
type RawRowStatements = ReturnType<typeof prepareRawRowStatements>;
