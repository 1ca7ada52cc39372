// Groups call-events rows by call_id ACROSS files with bounded memory: rows are
// staged in a temporary SQLite database file (os.tmpdir(), deleted by close()),
// then read back call by call in call_id order. Companion records that can be
// large (enquiry registrations, call variables) are staged too; names (agents,
// queues, menus) are small and stay in memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallEventRow, CompanionLookup, EnquiryRegistration, RowOrigin } from '../../shared/model/call-events';
import type { LedgerMemory } from '../../shared/model/row-ledger';
import { compareIds, OrderedOutput, type OutputSort } from './output-order';
import { prepareOwn, sql } from '../store/sql';
import type { Statement } from 'better-sqlite3';
import { openDatabase, type Db } from '../store/native';

// A row is packed as a compact JSON array (no keys): about a quarter of the size of the object's JSON.
type Packed = [
  string,
  string | null,
  number | null,
  CallEventRow['eventType'],
  number,
  number,
  number | null,
  number | null,
  string | null,
  string | null,
  string | null,
  CallEventRow['ciq'],
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number | null,
  Record<string, string> | 0,
  number,
  number,
];

function openDb(path: string): Db {
  const db = openDatabase(path); // the one way into SQLite (store/native.ts configures the library first)
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('temp_store = FILE');
  db.pragma('cache_size = -4000');
  return db;
}

export class CallStage {
  private readonly dir: string;
  /** Rows: written while reading, then iterated (a second connection serves lookups meanwhile). */
  private readonly rowsDb: Db;
  private readonly sideDb: Db;
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  private readonly insertRow: Statement;
  private readonly insertReg: Statement;
  private readonly insertVar: Statement;
  private pendingWrites = 0;
  readonly agents = new Map<string, string>();
  readonly queues = new Map<string, string>();
  readonly menus = new Map<string, string>();

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'callscope-convert-'));
    this.output = new OrderedOutput(join(this.dir, 'out.jsonl'), () => this.outputSort());
    this.rowsDb = openDb(join(this.dir, 'rows.db'));
    this.sideDb = openDb(join(this.dir, 'side.db'));
    this.rowsDb.exec('CREATE TABLE rows (call_id TEXT NOT NULL, data TEXT NOT NULL)');
    this.sideDb.exec(`
      CREATE TABLE regs (call_id TEXT NOT NULL, data TEXT NOT NULL);
      CREATE TABLE vars (call_id TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL);
      CREATE TABLE ledger (key TEXT PRIMARY KEY, file TEXT NOT NULL, line INTEGER NOT NULL) WITHOUT ROWID;`);
    this.insertRow = this.rowsDb.prepare('INSERT INTO rows VALUES (?, ?)');
    this.insertReg = this.sideDb.prepare('INSERT INTO regs VALUES (?, ?)');
    this.insertVar = this.sideDb.prepare('INSERT INTO vars VALUES (?, ?, ?)');
    this.rowsDb.exec('BEGIN');
    this.sideDb.exec('BEGIN');
  }

  private tick(): void {
    // Commit in large transactions: one per ~50k writes.
    if (++this.pendingWrites >= 50_000) {
      this.pendingWrites = 0;
      this.rowsDb.exec('COMMIT; BEGIN');
      this.sideDb.exec('COMMIT; BEGIN');
    }
  }

  /** Call-events rows staged so far (none when `convert` derives each call as its run ends: ./call-runs). */
  stagedRows = 0;

  /** A path in the stage's temporary folder (deleted by close()). */
  tempPath(name: string): string {
    return join(this.dir, name);
  }

  addRow(r: CallEventRow): void {
    this.stagedRows++;
    let fi = this.fileIndex.get(r.origin.file);
    if (fi === undefined) {
      fi = this.files.push(r.origin.file) - 1;
      this.fileIndex.set(r.origin.file, fi);
    }
    const packed: Packed = [
      r.callId,
      r.sessionId,
      r.callSequence,
      r.eventType,
      r.start,
      r.durationSec,
      r.speakStart,
      r.speakSec,
      r.source,
      r.destination,
      r.resultCode,
      r.ciq,
      r.queueKey,
      r.agentId,
      r.menuName,
      r.menuKey ?? null,
      r.recId,
      r.updated,
      Object.keys(r.extras).length > 0 ? r.extras : 0,
      fi,
      r.origin.line,
    ];
    // Exports list a call's rows together: consecutive rows of one call_id share one
    // staged record, which divides the SQLite work by the rows per call.
    if (r.callId !== this.runCallId || this.run.length >= 512) this.flushRun();
    this.runCallId = r.callId;
    this.run.push(packed);
  }

  private run: Packed[] = [];
  private runCallId = '';

  private flushRun(): void {
    if (this.run.length === 0) return;
    this.insertRow.run(this.runCallId, JSON.stringify(this.run));
    this.run = [];
    this.tick();
  }

  addRegistration(reg: EnquiryRegistration): void {
    this.insertReg.run(reg.callId, JSON.stringify(reg));
    this.tick();
  }

  addVariable(callId: string, name: string, value: string): void {
    this.insertVar.run(callId, name, value);
    this.tick();
  }

  private unpack(p: Packed): CallEventRow {
    return {
      callId: p[0],
      sessionId: p[1],
      callSequence: p[2],
      eventType: p[3],
      start: p[4],
      durationSec: p[5],
      speakStart: p[6],
      speakSec: p[7],
      source: p[8],
      destination: p[9],
      resultCode: p[10],
      ciq: p[11],
      queueKey: p[12],
      agentId: p[13],
      menuName: p[14],
      menuKey: p[15],
      recId: p[16],
      updated: p[17],
      extras: p[18] === 0 ? {} : p[18],
      origin: { file: this.files[p[19]] as string, line: p[20] },
    };
  }

  /**
   * The row ledger's memory of companion keys (src/shared/model/row-ledger.ts) in the staging file:
   * a run over millions of variables and registrations stays within bounded memory.
   */
  ledgerMemory(): LedgerMemory {
    const get = prepareOwn(this.sideDb, sql<RowOrigin, [key: string]>('SELECT file, line FROM ledger WHERE key = ?'));
    const put = this.sideDb.prepare('INSERT OR REPLACE INTO ledger VALUES (?, ?, ?)');
    const add = this.sideDb.prepare('INSERT OR IGNORE INTO ledger VALUES (?, ?, 0)');
    return {
      replace: (key, origin) => {
        const older = get.get(key) ?? null;
        put.run(key, origin.file, origin.line);
        this.tick();
        return older;
      },
      first: (key) => {
        const added = add.run(key, '').changes === 1;
        this.tick();
        return added;
      },
    };
  }

  /** Ends staging; indexes are built once, after the bulk load (faster than maintaining them). */
  seal(): void {
    this.flushRun();
    this.rowsDb.exec('COMMIT');
    this.sideDb.exec('COMMIT');
    this.rowsDb.exec('CREATE INDEX rows_call ON rows (call_id)');
    this.sideDb.exec('CREATE INDEX regs_call ON regs (call_id); CREATE INDEX vars_call ON vars (call_id);');
  }

  /** The rows of each call_id, one call at a time, in call_id order. */
  *calls(): Generator<CallEventRow[]> {
    let current: string | null = null;
    let group: CallEventRow[] = [];
    const it = prepareOwn(
      this.rowsDb,
      sql<[callId: string, data: string]>('SELECT call_id, data FROM rows ORDER BY call_id'),
      'raw',
    ).iterate();
    for (const [callId, data] of it) {
      if (callId !== current) {
        if (group.length > 0) yield group;
        group = [];
        current = callId;
      }
      for (const p of JSON.parse(data) as Packed[]) group.push(this.unpack(p));
    }
    if (group.length > 0) yield group;
  }

  /**
   * Names in memory, registrations and variables from the staging database. calls() gives the calls
   * in call_id order, so each of the two tables is read once, in that order, beside them (a merge,
   * not a query per call); a call asked for out of that order is looked up on its own.
   */
  companions(): CompanionLookup {
    const regById = prepareOwn(
      this.sideDb,
      sql<string, [callId: string]>('SELECT data FROM regs WHERE call_id = ? ORDER BY rowid'),
      'pluck',
    );
    const varsById = prepareOwn(
      this.sideDb,
      sql<[string, string], [callId: string]>('SELECT name, value FROM vars WHERE call_id = ? ORDER BY rowid'),
      'raw',
    );
    const regsOf = (rows: unknown[][]): EnquiryRegistration[] =>
      rows.map((r) => JSON.parse(r[1] as string) as EnquiryRegistration);
    const varsOf = (rows: unknown[][]): Record<string, string> =>
      Object.fromEntries(rows.map((r) => [r[1] as string, r[2] as string]));
    const regs = new OrderedLookup(
      () => this.sideDb.prepare('SELECT call_id, data FROM regs ORDER BY call_id, rowid').raw().iterate(),
      regsOf,
      (callId) => regsOf(regById.all(callId).map((d) => [callId, d])),
    );
    const vars = new OrderedLookup(
      () => this.sideDb.prepare('SELECT call_id, name, value FROM vars ORDER BY call_id, rowid').raw().iterate(),
      varsOf,
      (callId) => varsOf(varsById.all(callId).map(([n, v]) => [callId, n, v])),
    );
    this.lookups.push(regs, vars);
    return {
      agentName: (id) => this.agents.get(id) ?? null,
      queueName: (key) => this.queues.get(key) ?? null,
      menuName: (id) => this.menus.get(id) ?? null,
      registrations: (callId) => regs.get(callId),
      variables: (callId) => vars.get(callId),
    };
  }

  private readonly lookups: OrderedLookup<unknown>[] = [];

  private outPending = 0;
  private readonly output: OrderedOutput;

  /** Stages one output line, to be printed in (start, callId) order. */
  addOutput(startMs: number, callId: string, json: string): void {
    this.output.add(startMs, callId, json);
  }

  /** The staged output in (start, callId) order: pieces of whole lines (bytes or text), each line ending in "\n". */
  outputText(): Generator<string | Buffer> {
    return this.output.text();
  }

  /** Whether the output came nearly in order (no sort in SQLite was needed); for the timings. */
  get outputWasOrdered(): boolean {
    return this.output.fellBackAt === null;
  }

  /**
   * The fallback of ./output-order: every line sorted in a database of its own (the side database
   * is being read by the companion lookups while calls are derived, and a connection that is
   * reading cannot write).
   */
  private outputSort(): OutputSort {
    const db = openDb(join(this.dir, 'out.db'));
    this.outDb = db;
    db.exec('CREATE TABLE out (start_ms INTEGER NOT NULL, call_id TEXT NOT NULL, json TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO out VALUES (?, ?, ?)');
    db.exec('BEGIN');
    return {
      add: (startMs, callId, json) => {
        insert.run(startMs, callId, json);
        if (++this.outPending >= 50_000) {
          this.outPending = 0;
          db.exec('COMMIT; BEGIN');
        }
      },
      sorted: () => {
        db.exec('COMMIT');
        // Sorting small keys, then reading the table through the index (nearly in table
        // order: calls come out of the stage roughly by start), beats sorting whole JSON lines.
        db.exec('CREATE INDEX out_order ON out (start_ms, call_id)');
        return prepareOwn(db, sql<string>('SELECT json FROM out ORDER BY start_ms, call_id'), 'pluck').iterate();
      },
    };
  }

  private outDb: Db | null = null;

  /** Closes both databases and deletes the temporary folder. Safe to call twice. */
  close(): void {
    this.output.close();
    this.lookups.splice(0).forEach((l) => l.end());
    for (const db of [this.rowsDb, this.sideDb, this.outDb]) {
      if (db === null) continue;
      try {
        if (db.open) db.close();
      } catch {
        // already closed / busy iterator: the folder is removed regardless
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Per call id, the rows of a table read in call_id order beside a caller that asks in that order:
 * one pass over the table. Asked again for the same id, the same value; asked for an id before
 * the last one, the point query.
 */
class OrderedLookup<T> {
  private it: IterableIterator<unknown> | null = null;
  private head: unknown[] | null = null;
  private lastId: string | null = null;
  private last!: T;

  constructor(
    private readonly iterate: () => IterableIterator<unknown>,
    private readonly build: (rows: unknown[][]) => T,
    private readonly point: (callId: string) => T,
  ) {}

  get(callId: string): T {
    if (this.lastId !== null) {
      const order = compareIds(callId, this.lastId);
      if (order === 0) return this.last;
      if (order < 0) return this.point(callId);
    }
    if (this.it === null) {
      this.it = this.iterate();
      this.advance();
    }
    while (this.head !== null && compareIds(this.head[0] as string, callId) < 0) this.advance();
    const rows: unknown[][] = [];
    while (this.head !== null && this.head[0] === callId) {
      rows.push(this.head);
      this.advance();
    }
    this.lastId = callId;
    this.last = this.build(rows);
    return this.last;
  }

  /** Ends the table's read (before its database closes). */
  end(): void {
    this.it?.return?.();
    this.it = null;
    this.head = null;
  }

  private advance(): void {
    const r = (this.it as IterableIterator<unknown>).next();
    this.head = r.done ? null : (r.value as unknown[]);
  }
}
