// Compressed and piped exports (#11 item 4): .gz and .zip read without unpacking to disk, FIFOs read
// as streams and hashed while read; each file (each ZIP member) all or nothing, re-imports idempotent.
import { spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importFile } from '../../src/main/import/file-import';
import { sha256File } from '../../src/main/import/hash';
import { readerOpener } from '../../src/main/import/source';
import { openInput, WAIT_NOTICE_MS } from '../../src/main/readers/byte-source';
import type { Archive } from '../../src/main/store/archive';
import { csv, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { counts, freshArchive, TZ } from './helpers';
import { makeZip } from './zip-fixture';
import { bundledWorkerEntry } from '../common/worker-entry';

const QUEUE_LOG = readFileSync(join(__dirname, '../fixtures/formats/asterisk/queue_log'));
const callsCsv = (n = 12, first = 1000) => csv(manyCalls(n, first).flatMap(inboundRows));

/** What a user sees of the calls (the import id aside): equal archives give equal lists. */
function callRows(a: Archive): unknown[] {
  const rows = a.db.prepare('SELECT * FROM calls ORDER BY rowid').all() as Record<string, unknown>[];
  return rows.map(({ import_id: _, ...rest }) => rest);
}

async function importPath(a: Archive, path: string) {
  const input = await openInput(path);
  try {
    const records = [];
    for (const source of input.sources)
      records.push(await importFile(a.db, source, { timeZone: TZ, open: readerOpener }));
    return records;
  } finally {
    await input.dispose();
  }
}

describe('compressed exports (.gz, .zip)', () => {
  it('a .gz import gives the same calls as the plain file; the record keeps both names and hashes; a re-import is a no-op', async () => {
    const dir = tempDir();
    const plain = writeFile(dir, 'calls.csv', callsCsv());
    const gz = writeFile(dir, 'calls.csv.gz', gzipSync(readFileSync(plain)));
    const a = freshArchive();
    const b = freshArchive();
    const [p] = await importPath(a.archive, plain);
    const [g] = await importPath(b.archive, gz);
    expect(p!.status).toBe('done');
    expect(g!.status).toBe('done');
    expect(callRows(b.archive)).toEqual(callRows(a.archive));
    expect(callRows(b.archive)).toHaveLength(12);
    // The content's identity is the decompressed bytes; the gzip file's own name and hash are kept.
    expect(g!.sha256).toBe(await sha256File(plain));
    expect(g!.fileSize).toBe(readFileSync(plain).length);
    expect(g!.fileName).toBe('calls.csv.gz');
    expect(g!.container).toEqual({
      kind: 'gzip',
      name: 'calls.csv.gz',
      sha256: await sha256File(gz),
      size: readFileSync(gz).length,
      member: 'calls.csv',
    });
    expect(p!.container).toBeNull();

    const before = counts(b.archive);
    const [again] = await importPath(b.archive, gz);
    expect(again!.status).toBe('duplicate');
    expect(again!.message).toMatch(/already imported as import #1/);
    // The same content, plain, is the same import too.
    expect((await importPath(b.archive, plain))[0]!.status).toBe('duplicate');
    expect(counts(b.archive)).toEqual(before);
  });

  it('a .zip with two members (call-events CSV and an Asterisk queue_log in a folder) imports both, each with the ZIP and the member named and hashed', async () => {
    const dir = tempDir();
    const events = callsCsv(5);
    const zip = writeFile(
      dir,
      'exports.zip',
      makeZip([
        { name: 'calls.csv', data: events },
        { name: 'asterisk/' },
        { name: 'asterisk/queue_log', data: QUEUE_LOG, stored: true },
      ]),
    );
    const s = freshArchive();
    const records = await importPath(s.archive, zip);
    expect(records.map((r) => [r.fileName, r.status, r.format])).toEqual([
      ['exports.zip/calls.csv', 'done', 'call-events-csv'],
      ['exports.zip/asterisk/queue_log', 'done', 'asterisk-queue-log'],
    ]);
    const zipSha = await sha256File(zip);
    const memberSha = (b: string | Buffer) => writeFile(tempDir(), 'm', b);
    expect(records[0]!.sha256).toBe(await sha256File(memberSha(events)));
    expect(records[1]!.sha256).toBe(await sha256File(memberSha(QUEUE_LOG)));
    expect(records.map((r) => r.container)).toEqual([
      { kind: 'zip', name: 'exports.zip', sha256: zipSha, size: readFileSync(zip).length, member: 'calls.csv' },
      {
        kind: 'zip',
        name: 'exports.zip',
        sha256: zipSha,
        size: readFileSync(zip).length,
        member: 'asterisk/queue_log',
      },
    ]);
    // Stored: the imports table keeps it (the API reads it back from there).
    const row = s.archive.db.prepare('SELECT * FROM imports WHERE id = 2').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      container_kind: 'zip',
      container_member: 'asterisk/queue_log',
      container_sha256: zipSha,
    });
    // Re-import: every member is a no-op.
    const before = counts(s.archive);
    expect((await importPath(s.archive, zip)).map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(counts(s.archive)).toEqual(before);
  });

  it('a member that matches no format is reported with its reason, never dropped; the others import', async () => {
    const dir = tempDir();
    const zip = writeFile(
      dir,
      'mixed.zip',
      makeZip([
        { name: 'README.txt', data: 'hello\nworld\n' },
        { name: 'c.csv', data: callsCsv(3) },
      ]),
    );
    const s = freshArchive();
    const records = await importPath(s.archive, zip);
    expect(records.map((r) => r.status)).toEqual(['failed', 'done']);
    expect(records[0]!.message).toMatch(
      /^mixed\.zip\/README\.txt: matches no known format .*nothing of it was imported$/,
    );
  });

  it('a corrupt .gz, a cut .zip and a damaged ZIP member are refused with a clear message and write nothing', async () => {
    const dir = tempDir();
    const gz = gzipSync(Buffer.from(callsCsv(40)));
    const cutGz = writeFile(dir, 'cut.csv.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    const badGz = Buffer.from(gz);
    badGz[Math.floor(gz.length / 2)]! ^= 0xff;
    const flipped = writeFile(dir, 'flipped.csv.gz', badGz);
    const zip = makeZip([{ name: 'a.csv', data: callsCsv(4), stored: true }]);
    const cutZip = writeFile(dir, 'cut.zip', zip.subarray(0, zip.length - 30));
    const damaged = Buffer.from(zip);
    damaged[40]! ^= 0x01; // inside the stored member's content: its CRC-32 no longer matches
    const badMember = writeFile(dir, 'crc.zip', damaged);
    const s = freshArchive();
    const [cut] = await importPath(s.archive, cutGz);
    expect(cut!.status).toBe('failed');
    expect(cut!.message).toBe('cut.csv.gz: the gzip data is damaged (it ends too early: cut short?)');
    const [flip] = await importPath(s.archive, flipped);
    expect(flip!.status).toBe('failed');
    expect(flip!.message).toMatch(/^flipped\.csv\.gz: the gzip data is damaged \(.+\)$/);
    await expect(openInput(cutZip)).rejects.toThrow(/^cut\.zip: not a readable ZIP file \(.+\)$/);
    const [crc] = await importPath(s.archive, badMember);
    expect(crc!.status).toBe('failed');
    expect(crc!.message).toMatch(
      /crc\.zip\/a\.csv: the ZIP member is damaged \(its CRC-32 does not match its content\)/,
    );
    expect(counts(s.archive)).toEqual({ imports: 0, raw: 0, rejected: 0, calls: 0, events: 0, fts: 0 });
  });

  it('decompression bombs are refused: a gzip past the ratio while read, a ZIP whose members declare too much', async () => {
    const dir = tempDir();
    const zeros = Buffer.alloc(4 * 1024 * 1024, 0x30); // compresses about 1000:1
    const bombGz = writeFile(dir, 'bomb.csv.gz', gzipSync(Buffer.concat([Buffer.from(`${callsCsv(1)}`), zeros])));
    const limits = { ratio: 200, allowance: 64 * 1024 };
    const s = freshArchive();
    const input = await openInput(bombGz, { limits });
    const r = await importFile(s.archive.db, input.sources[0]!, { timeZone: TZ, open: readerOpener });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/bomb\.csv\.gz: decompresses to more than 200 times its compressed size/);
    const liar = writeFile(dir, 'liar.zip', makeZip([{ name: 'a.csv', data: 'x', declaredSize: 0xfffffff0 }]));
    await expect(openInput(liar)).rejects.toThrow(
      /liar\.zip: its members declare 4,294,967,280 bytes in all .*decompression bomb\?\)$/,
    );
    const office = writeFile(dir, 'sheet.xlsx', makeZip([{ name: '[Content_Types].xml', data: '<x/>' }]));
    await expect(openInput(office)).rejects.toThrow(/an Office document .* save the sheet as CSV first/);
    expect(counts(s.archive).imports).toBe(0);
  });
});

describe("the app and browser mode (imports.start with the saved upload or the dialog's path)", () => {
  it('a .zip and a .gz go through the same sources in the import worker: one result per member, progress over the whole ZIP', async () => {
    const { SqliteArchiveApi } = await import('../../src/main/api/sqlite-archive-api');
    const s = freshArchive();
    const api = new SqliteArchiveApi(s.archive, { worker: bundledWorkerEntry() });
    const zip = writeFile(
      s.dir,
      'upload.zip',
      makeZip([
        { name: 'a.csv', data: callsCsv(3, 100) },
        { name: 'b.csv', data: callsCsv(4, 200) },
      ]),
    );
    const gz = writeFile(s.dir, 'c.csv.gz', gzipSync(Buffer.from(callsCsv(5, 300))));
    const { jobId } = await api.imports.start({ files: [zip, gz], timeZone: TZ });
    let p = await api.imports.progress(jobId);
    while (['queued', 'running'].includes(p.state)) {
      await new Promise((r) => setTimeout(r, 20));
      p = await api.imports.progress(jobId);
    }
    expect(p.state).toBe('done');
    expect(p.results.map((r) => [r.fileName, r.status, r.container?.kind])).toEqual([
      ['upload.zip/a.csv', 'done', 'zip'],
      ['upload.zip/b.csv', 'done', 'zip'],
      ['c.csv.gz', 'done', 'gzip'],
    ]);
    expect(p.bytesRead).toBe(p.bytesTotal);
    expect((await api.calls.search({})).total).toBe(12);
    expect((await api.imports.list()).map((r) => r.container?.member)).toEqual(['a.csv', 'b.csv', 'c.csv']);
    s.archive.close();
  }, 120_000);
});

describe('FIFOs and pipes as streams', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Lets real I/O run (setImmediate is not faked) and moves the fake clock on, until `done()`. */
  async function tickUntil(done: () => boolean): Promise<void> {
    for (let i = 0; i < 5000 && !done(); i++) {
      await new Promise((r) => setImmediate(r));
      await vi.advanceTimersByTimeAsync(50);
    }
  }

  function makeFifo(dir: string): string | null {
    const path = join(dir, 'export.fifo');
    const r = spawnSync('mkfifo', [path]);
    return r.status === 0 ? path : null;
  }

  it('a FIFO is read as a stream, hashed while read (the same SHA-256 as the file), with a notice while no writer has come', async (ctx) => {
    const dir = tempDir();
    const fifo = makeFifo(dir);
    if (!fifo || process.platform === 'win32') return ctx.skip('mkfifo is not available or not permitted here');
    const file = writeFile(dir, 'calls.csv', callsCsv(6));
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const notices: string[] = [];
    const input = await openInput(fifo, { onNotice: (m) => notices.push(m) });
    const source = input.sources[0]!;
    expect(source.reopenable).toBe(false);
    const s = freshArchive();
    const pending = importFile(s.archive.db, source, { timeZone: TZ, open: readerOpener });
    await tickUntil(() => notices.length > 0);
    await vi.advanceTimersByTimeAsync(WAIT_NOTICE_MS * 3); // said once, not again
    expect(notices).toEqual([`waiting for data on ${fifo}… (nothing has been written to it yet)`]);
    vi.useRealTimers();
    const writer = createWriteStream(fifo);
    writer.end(readFileSync(file));
    const record = await pending;
    await input.dispose();
    expect(record.status).toBe('done');
    expect(record.fileName).toBe('export.fifo');
    expect(record.sha256).toBe(await sha256File(file));
    expect(record.fileSize).toBe(readFileSync(file).length);
    expect(counts(s.archive).calls).toBe(6);
    // The same content again through the FIFO: found a duplicate at its end, rolled back.
    const before = counts(s.archive);
    const again = await openInput(fifo);
    const second = importFile(s.archive.db, again.sources[0]!, { timeZone: TZ, open: readerOpener });
    createWriteStream(fifo).end(readFileSync(file));
    expect((await second).status).toBe('duplicate');
    await again.dispose();
    expect(counts(s.archive)).toEqual(before);
  });

  it('a FIFO that never gets a writer can be cancelled (Ctrl-C): the import says so and writes nothing', async (ctx) => {
    const dir = tempDir();
    const fifo = makeFifo(dir);
    if (!fifo || process.platform === 'win32') return ctx.skip('mkfifo is not available or not permitted here');
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    let cancel = false;
    const notices: string[] = [];
    const input = await openInput(fifo, { isCancelled: () => cancel, onNotice: (m) => notices.push(m) });
    const s = freshArchive();
    let settled = false;
    const pending = importFile(s.archive.db, input.sources[0]!, {
      timeZone: TZ,
      open: readerOpener,
      isCancelled: () => cancel,
    }).finally(() => (settled = true));
    await tickUntil(() => notices.length > 0);
    expect(settled).toBe(false); // still waiting for a writer
    cancel = true;
    await tickUntil(() => settled);
    const record = await pending;
    await input.dispose();
    expect(record.status).toBe('cancelled');
    expect(record.message).toBe('export.fifo: import cancelled; the archive is unchanged');
    expect(counts(s.archive).imports).toBe(0);
  });

  it('a gzip stream through a FIFO is unpacked and hashed while read (content and gzip hashes as for the files)', async (ctx) => {
    const dir = tempDir();
    const fifo = makeFifo(dir);
    if (!fifo || process.platform === 'win32') return ctx.skip('mkfifo is not available or not permitted here');
    const plain = writeFile(dir, 'calls.csv', callsCsv(3));
    const gz = writeFile(dir, 'calls.csv.gz', gzipSync(readFileSync(plain)));
    const input = await openInput(fifo);
    const reader = input.sources[0]!.open();
    createWriteStream(fifo).end(readFileSync(gz));
    const parts: Uint8Array[] = [];
    for (let c = await reader.read(); c; c = await reader.read()) parts.push(c);
    expect(Buffer.concat(parts).equals(readFileSync(plain))).toBe(true);
    expect(input.sources[0]!.digest()).toEqual({ sha256: await sha256File(plain), size: readFileSync(plain).length });
    expect(input.sources[0]!.container).toMatchObject({ kind: 'gzip', sha256: await sha256File(gz) });
    await input.dispose();
  });

  it('a ZIP cannot come through a pipe: a clear message (its table of contents is at its end)', async (ctx) => {
    const dir = tempDir();
    const fifo = makeFifo(dir);
    if (!fifo || process.platform === 'win32') return ctx.skip('mkfifo is not available or not permitted here');
    const input = await openInput(fifo);
    const reader = input.sources[0]!.open();
    createWriteStream(fifo).end(makeZip([{ name: 'a.csv', data: 'x' }]));
    await expect(reader.read()).rejects.toThrow(
      /a ZIP file cannot be read as a stream .* save it to a file and import that/,
    );
    await input.dispose();
  });
});
