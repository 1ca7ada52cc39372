// The import bench's design-independent ceiling (issue #10): the export's
// files loaded into a fresh SQLite database, one table per file with every
// column TEXT, one prepared INSERT per table, one transaction, rows parsed
// with papaparse — "read the rows and put them in SQLite", with no
// interpretation, no engine, no index. And, when the sqlite3 shell is on the
// PATH, the same with its `.import --csv` (what a user could do without us).
import { spawnSync } from 'node:child_process';
import { createReadStream, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { openDatabase } from '../store/native';

export interface BareLoad {
  seconds: number;
  rows: number;
  bytes: number;
}

function removeDb(path: string): void {
  for (const s of ['', '-wal', '-shm', '-journal']) rmSync(path + s, { force: true });
}

const tableName = (file: string, i: number): string => `t${i}_${basename(file).replace(/\W+/g, '_')}`;

/** Loads every file into its own all-TEXT table with papaparse + better-sqlite3; times the whole. */
export async function bareLoad(files: string[], dbPath: string): Promise<BareLoad> {
  removeDb(dbPath);
  const t0 = performance.now();
  const db = openDatabase(dbPath, {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  let rows = 0;
  db.exec('BEGIN');
  for (const [i, file] of files.entries()) {
    const table = tableName(file, i);
    let insert: ((values: string[]) => void) | null = null;
    let width = 0;
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(createReadStream(file, 'utf8'), {
        skipEmptyLines: true,
        chunk: (result) => {
          for (const record of result.data) {
            if (insert === null) {
              width = record.length;
              const cols = record.map((_, k) => `c${k} TEXT`).join(', ');
              db.exec(`CREATE TABLE ${table} (${cols})`);
              const stmt = db.prepare(`INSERT INTO ${table} VALUES (${record.map(() => '?').join(', ')})`);
              insert = (values) => void stmt.run(values);
              continue;
            }
            const values = record.length === width ? record : record.slice(0, width);
            while (values.length < width) values.push('');
            insert(values);
            rows++;
          }
        },
        complete: () => resolve(),
        error: (err: Error) => reject(err),
      });
    });
  }
  db.exec('COMMIT');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const seconds = (performance.now() - t0) / 1000;
  const bytes = statSync(dbPath).size;
  removeDb(dbPath);
  return { seconds, rows, bytes };
}

/** The same with the sqlite3 shell's `.import --csv` (null when there is no sqlite3 on the PATH). */
export function shellImport(files: string[], dbPath: string): BareLoad | null {
  removeDb(dbPath);
  const script = files.map((f, i) => `.import --csv '${f.replace(/'/g, "''")}' ${tableName(f, i)}`).join('\n');
  const t0 = performance.now();
  const r = spawnSync('sqlite3', [dbPath], { input: `BEGIN;\n${script}\nCOMMIT;\n`, encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  if (r.error || r.status !== 0) {
    removeDb(dbPath);
    return null;
  }
  const bytes = statSync(dbPath).size;
  removeDb(dbPath);
  return { seconds, rows: -1, bytes };
}
