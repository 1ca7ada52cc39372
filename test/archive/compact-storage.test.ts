// Compact storage (schema v3, issue #10): each exported value stored once, the
// normalised rows and the contract JSON computed again on read; an archive of
// schema v2 (test/fixtures/archive-v2, written by the v2 code) read as it is,
// upgraded in place with progress, and left usable by a failed upgrade.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { convertFiles } from '../../src/main/cli/commands/convert';
import { importFiles } from '../../src/main/import/run-import';
import { decodeValues, encodeValues, loadCallEventRows, valuesDigestJson } from '../../src/main/import/row-codec';
import { writeSimulatedExport } from '../../src/main/simulator/write-export';
import { openArchive, type Archive } from '../../src/main/store/archive';
import { SCHEMA_VERSION, type UpgradeProgress } from '../../src/main/store/schema';
import { verifyArchive } from '../../src/main/store/verify';
import { tempDir } from './fixtures';
import { storedRawRows, TZ } from './helpers';
import { runCli } from '../common/run-cli';

const FIXTURE = join(__dirname, '../fixtures/archive-v2');
/** The fixture's export files in the order they were imported into it. */
const FILES = ['part1-bad.csv', 'agents.csv', 'queues.csv', 'menus.csv', 'enqreg.csv', 'agent_events.csv', 'part2.csv'];

interface Expected {
  calls: Record<string, { json: string; rawRows: unknown[]; eventSources: unknown[] }>;
  imports: { id: number; rowsRead: number; rowsUsed: number; rowsKept: number; rowsRejected: number }[];
}
const expected = (): Expected =>
  JSON.parse(
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON fixture
    JSON.stringify(require(join(FIXTURE, 'expected.json'))),
  ) as Expected;

const opened: Archive[] = [];
afterEach(() => {
  for (const a of opened.splice(0)) a.close();
});

function v2Copy(): string {
  const dir = tempDir();
  const path = join(dir, 'archive-v2.db');
  copyFileSync(join(FIXTURE, 'archive-v2.db'), path);
  return path;
}

/** convert's line per call id, for these files. */
async function converted(paths: string[]): Promise<Map<string, string>> {
  let text = '';
  const sink = { write: (t: string) => ((text += t), Promise.resolve()) };
  await convertFiles(paths, TZ, sink, { write: () => Promise.resolve() });
  const out = new Map<string, string>();
  for (const line of text.split('\n'))
    if (line.startsWith('{')) out.set((JSON.parse(line) as { callId: string }).callId, line);
  return out;
}

async function everyCall(api: SqliteArchiveApi, archive: Archive) {
  const ids = archive.db.prepare('SELECT call_id FROM calls ORDER BY call_id').pluck().all() as string[];
  const out = new Map<string, { json: string | null; rawRows: unknown[]; eventSources: unknown[] }>();
  for (const id of ids) {
    const d = await api.calls.get(id);
    out.set(id, {
      json: api.contractJson(id),
      rawRows: d!.rawRows.map((r) => ({ ...r, id: undefined })),
      eventSources: d!.eventSources,
    });
  }
  return out;
}

describe('raw-row codec', () => {
  it('keeps every value byte-exact in either stored form, and digests both forms alike', () => {
    const cases = [
      ['a', '', 'b c', '"q"', '\\', 'æøå €'],
      ['[starts like JSON', 'x'],
      ['has \u001f separator', ''],
      [''],
      [],
    ];
    for (const values of cases) {
      const text = encodeValues(values);
      expect(decodeValues(text)).toEqual(values);
      expect(valuesDigestJson(text)).toBe(JSON.stringify(values));
    }
    expect(encodeValues(['a', 'b'])).toBe('a\u001fb');
  });
});

describe('schema v2 archive (fixture written by the v2 code)', () => {
  it('opened read-only: read as it is, with its stored contract JSON and raw rows', async () => {
    const ro = openArchive(v2Copy(), { readonly: true });
    opened.push(ro);
    expect(ro.db.pragma('user_version', { simple: true })).toBe(2);
    const calls = await everyCall(new SqliteArchiveApi(ro), ro);
    const exp = expected();
    expect(calls.size).toBe(Object.keys(exp.calls).length);
    for (const [id, c] of calls) expect(c).toEqual(exp.calls[id]);
  });

  it('opened for writing: upgraded in place with progress; raw rows, counts and digests unchanged; JSON as convert', async () => {
    const path = v2Copy();
    const progress: UpgradeProgress[] = [];
    const rw = openArchive(path, { onUpgrade: (p) => progress.push(p) });
    opened.push(rw);
    expect(rw.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    // Rows re-encoded, then the file compacted once the upgrade has committed.
    expect(progress[progress.length - 1]!.phase).toBe('compacting');
    // The schema 3 rewrite's progress (later migrations report their own rows).
    const rowsProgress = progress.filter((p) => p.phase === undefined && p.toVersion === 3);
    expect(rowsProgress.length).toBeGreaterThan(1);
    const last = rowsProgress[rowsProgress.length - 1]!;
    expect(last.done).toBe(last.total);
    expect(last.total).toBe(rw.db.prepare('SELECT count(*) FROM raw_rows').pluck().get());
    // Each value once: no normalised row, no stored contract JSON of a call-events call, no event labels.
    expect(
      rw.db.prepare("SELECT count(*) FROM raw_rows WHERE norm IS NOT NULL AND tbl = 'call_events'").pluck().get(),
    ).toBe(0);
    expect(rw.db.prepare('SELECT count(*) FROM call_docs').pluck().get()).toBe(0);
    const eventColumns = (rw.db.pragma('table_info(events)') as { name: string }[]).map((c) => c.name);
    expect(eventColumns).not.toContain('label');
    expect(storedRawRows(rw.db).filter((r) => r.text.startsWith('[')).length).toBe(0);

    const report = verifyArchive(rw.db);
    expect(report.problems).toEqual([]);
    const exp = expected();
    expect(report.totals.read).toBe(exp.imports.reduce((a, i) => a + i.rowsRead, 0));

    const api = new SqliteArchiveApi(rw);
    const calls = await everyCall(api, rw);
    const lines = await converted(FILES.map((f) => join(FIXTURE, f)));
    for (const [id, c] of calls) {
      expect(c.rawRows).toEqual(exp.calls[id]!.rawRows);
      expect(c.eventSources).toEqual(exp.calls[id]!.eventSources);
      // The v2 code derived calls again after the first registrations were imported without
      // them (its lookup had decided there were none); built on read, the JSON is convert's.
      expect(c.json).toBe(lines.get(id));
    }
    expect(calls.size).toBe(lines.size);
  });

  it('callscope import upgrades a v2 archive with a progress line before importing', async () => {
    const path = v2Copy();
    const r = await runCli(['import', join(FIXTURE, 'part2.csv'), '--db', path]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/upgrading the archive to schema \d+: 100 % \(\d+ of \d+ stored rows\)/);
    expect(r.stderr).toMatch(/compacting the file/);
    expect(r.stderr).toMatch(/already imported as import #7/);
  }, 180_000);

  it('a failed upgrade leaves the v2 archive as it was and usable; the next open upgrades it', async () => {
    const path = v2Copy();
    expect(() =>
      openArchive(path, {
        onUpgrade: (p) => {
          if (p.done > 0) throw new Error('disk full (simulated)');
        },
      }),
    ).toThrow(/disk full/);
    const ro = openArchive(path, { readonly: true });
    opened.push(ro);
    expect(ro.db.pragma('user_version', { simple: true })).toBe(2);
    expect(verifyArchive(ro.db).problems).toEqual([]);
    const exp = expected();
    for (const [id, c] of await everyCall(new SqliteArchiveApi(ro), ro)) expect(c).toEqual(exp.calls[id]);
    const rw = openArchive(path);
    opened.push(rw);
    expect(rw.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('after the upgrade: the same file again is a no-op, a new file derives its calls from all their rows', async () => {
    const path = v2Copy();
    openArchive(path).close();
    const again = await importFiles(path, [join(FIXTURE, 'part2.csv')], { timeZone: TZ, inProcess: true });
    expect(again[0]!.status).toBe('duplicate');
    // part1 without its rejected line is another file with the same rows: a re-delivery.
    const dir = tempDir();
    const copy = join(dir, 'part1-again.csv');
    const text = readFileSync(join(FIXTURE, 'part1-bad.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(copy, `${text.slice(0, -1).join('\n')}\n`);
    const [r] = await importFiles(path, [copy], { timeZone: TZ, inProcess: true });
    expect(r!.status).toBe('done');
    const a = openArchive(path, { readonly: true });
    opened.push(a);
    expect(verifyArchive(a.db).problems).toEqual([]);
    const lines = await converted(FILES.map((f) => join(FIXTURE, f)));
    const api = new SqliteArchiveApi(a);
    for (const [id, line] of lines) expect(api.contractJson(id)).toBe(line);
  });
});

describe('a simulated archive (schema v3)', () => {
  it('show --json is byte-equal to convert for every call; rows load again as engine input', async () => {
    const dir = tempDir();
    const out = join(dir, 'sim.csv');
    await writeSimulatedExport({ calls: 400, seed: 11, timeZone: TZ, out, deliveries: 3 });
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => join(dir, f));
    const path = join(dir, 'sim.db');
    openArchive(path, { create: true }).close();
    // chunkRows small: calls cut across chunks and files are derived again from stored rows.
    const records = await importFiles(path, files, { timeZone: TZ, inProcess: true, chunkRows: 200 });
    expect(records.every((r) => r.status === 'done')).toBe(true);
    const a = openArchive(path, { readonly: true });
    opened.push(a);
    expect(
      a.db.prepare("SELECT count(*) FROM raw_rows WHERE norm IS NOT NULL AND tbl = 'call_events'").pluck().get(),
    ).toBe(0);
    expect(verifyArchive(a.db).problems).toEqual([]);
    const lines = await converted(files);
    const api = new SqliteArchiveApi(a);
    const ids = a.db.prepare('SELECT call_id FROM calls').pluck().all() as string[];
    expect(ids.length).toBe(lines.size);
    for (const id of ids) expect(api.contractJson(id)).toBe(lines.get(id));
    const some = ids[0]!;
    const loaded = loadCallEventRows(a.db, some);
    expect(loaded.rows.length).toBe(loaded.refs.length);
    expect(loaded.rows.every((r) => r.callId === some)).toBe(true);
  });
});
