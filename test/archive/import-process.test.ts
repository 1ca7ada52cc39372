// The app's imports in a process of their own (src/main/import/import-process*.ts): the same import,
// its results, cancel and rollback, a process that dies, and the two kinds of channel to the parent.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importFiles, processEnded } from '../../src/main/import/run-import';
import {
  importProcessEnv,
  nodeImportProcess,
  type ImportProcessLauncher,
  type ImportProcessStart,
} from '../../src/main/import/import-process-host';
import { parentChannel, serveImport, type ParentChannel } from '../../src/main/import/import-process';
import type { WorkerMessage } from '../../src/main/import/worker-protocol';
import { csv, inboundRows, manyCalls, writeFile } from './fixtures';
import { counts, freshArchive, TZ } from './helpers';
import { bundledWorkerEntry } from '../common/worker-entry';

/** nodeImportProcess, remembering what it was asked to start. */
function recording(): { launcher: ImportProcessLauncher; starts: ImportProcessStart[] } {
  const starts: ImportProcessStart[] = [];
  return {
    starts,
    launcher: (start) => {
      starts.push(start);
      return nodeImportProcess(start);
    },
  };
}

/** A file big enough that the import posts progress before it commits. */
function bigFile(dir: string): string {
  return writeFile(dir, 'big.csv', csv(manyCalls(30_000, 200_000).flatMap(inboundRows)));
}

describe('an import in a process of its own', () => {
  it('imports as the worker thread does, in a child started with the import settings', async () => {
    const s = freshArchive();
    const { launcher, starts } = recording();
    const rows = manyCalls(40).flatMap(inboundRows);
    const a = writeFile(s.dir, 'a.csv', csv(rows));
    const bad = writeFile(s.dir, 'bad.csv', 'nothing,here\n1,2\n');
    const seen: string[] = [];
    const usage: { maxRssMb: number; cpuSeconds: number }[] = [];
    const records = await importFiles(s.archive, [a, bad, a], {
      timeZone: TZ,
      worker: { ...bundledWorkerEntry(), importProcess: launcher },
      onFile: (r) => seen.push(r.status),
      onProcessUsage: (u) => usage.push(u),
    });
    // The import process's own figures, once, as it ended (a Node process is never under 20 MB).
    expect(usage).toHaveLength(1);
    expect(usage[0]!.maxRssMb).toBeGreaterThan(20);
    expect(usage[0]!.cpuSeconds).toBeGreaterThan(0);
    expect(records.map((r) => r.status)).toEqual(['done', 'failed', 'duplicate']);
    expect(seen).toEqual(['done', 'failed', 'duplicate']);
    expect(records[0]).toMatchObject({ rowsRead: rows.length, callsDerived: 40 });
    expect(counts(s.archive).calls).toBe(40);
    expect(starts).toHaveLength(1);
    expect(starts[0]!.path).toBe(bundledWorkerEntry().path);
    expect(starts[0]!.execArgv).toEqual([]);
    if (process.platform === 'linux') expect(starts[0]!.env['MALLOC_MMAP_THRESHOLD_']).toBe('131072');
    s.archive.close();
  });

  it('cancel rolls the file in progress back, and the process ends', async () => {
    const s = freshArchive();
    const before = counts(s.archive);
    const abort = new AbortController();
    const records = await importFiles(s.archive, [bigFile(s.dir)], {
      timeZone: TZ,
      worker: { ...bundledWorkerEntry(), importProcess: nodeImportProcess },
      signal: abort.signal,
      onProgress: (p) => {
        if (p.rows > 0) abort.abort();
      },
    });
    expect(records.map((r) => r.status)).toEqual(['cancelled']);
    expect(counts(s.archive)).toEqual(before);
    s.archive.close();
  });

  it('a process that dies mid-file fails the import with why, and leaves the archive as it was', async () => {
    const s = freshArchive();
    const before = counts(s.archive);
    const file = bigFile(s.dir);
    // Ended from outside (the system out of memory, a user's kill) at its first progress.
    const killedEarly: ImportProcessLauncher = (start) => {
      const child = nodeImportProcess(start);
      child.onMessage((m) => {
        if ((m as WorkerMessage).type === 'progress') child.kill();
      });
      return child;
    };
    await expect(
      importFiles(s.archive, [file], { timeZone: TZ, worker: { ...bundledWorkerEntry(), importProcess: killedEarly } }),
    ).rejects.toThrow('the import process was ended by SIGTERM; the file in progress was not imported');
    expect(counts(s.archive)).toEqual(before);
    // The archive is not held by the dead process: the same file imports now.
    const again = await importFiles(s.archive, [file], { timeZone: TZ, worker: bundledWorkerEntry() });
    expect(again.map((r) => r.status)).toEqual(['done']);
    s.archive.close();
  });

  it('standard input is the CLI’s only: an import process refuses it before starting', async () => {
    const s = freshArchive();
    const { launcher, starts } = recording();
    await expect(
      importFiles(s.archive, ['-'], { timeZone: TZ, worker: { ...bundledWorkerEntry(), importProcess: launcher } }),
    ).rejects.toThrow('standard input can only be imported by the CLI');
    expect(starts).toEqual([]);
    s.archive.close();
  });

  it('processEnded names the exit code or signal; exit code 0 is no error', () => {
    expect(processEnded(0, null)).toBeNull();
    expect(processEnded(3, null)?.message).toBe(
      'the import process stopped (exit code 3); the file in progress was not imported',
    );
    expect(processEnded(null, 'SIGKILL')?.message).toMatch(/^the import process was ended by SIGKILL;/);
  });

  it('importProcessEnv adds glibc’s import settings on Linux only, and keeps a value the user set', () => {
    expect(importProcessEnv({ A: '1' }, 'linux')).toEqual({ A: '1', MALLOC_MMAP_THRESHOLD_: '131072' });
    expect(importProcessEnv({ MALLOC_MMAP_THRESHOLD_: '65536' }, 'linux')).toEqual({
      MALLOC_MMAP_THRESHOLD_: '65536',
    });
    expect(importProcessEnv({ A: '1' }, 'darwin')).toEqual({ A: '1' });
    expect(importProcessEnv({ A: '1' }, 'win32')).toEqual({ A: '1' });
  });
});

describe('the import process’s side', () => {
  afterEach(() => vi.useRealTimers());

  /** A channel in this process: what serveImport posts, and hooks to play the parent. */
  function fakeParent() {
    const events = new EventEmitter();
    const posted: WorkerMessage[] = [];
    let closed = false;
    const channel: ParentChannel = {
      post: async (m) => {
        posted.push(m);
        events.emit('posted', m);
      },
      onMessage: (listener) => events.on('message', listener),
      onGone: (listener) => events.once('gone', listener),
      close: () => {
        closed = true;
        events.emit('closed');
      },
    };
    const ended = new Promise<void>((resolve) => events.once('closed', resolve));
    return { channel, events, posted, ended, isClosed: () => closed };
  }

  it('the parent going away rolls the file in progress back, then the channel closes', async () => {
    const s = freshArchive();
    const before = counts(s.archive);
    const parent = fakeParent();
    serveImport(parent.channel);
    parent.events.on('posted', (m: WorkerMessage) => {
      if (m.type === 'progress') parent.events.emit('gone');
    });
    parent.events.emit('message', { type: 'nonsense' }); // not a request: ignored
    const request = { dbPath: s.path, files: [bigFile(s.dir)], timeZone: TZ, singleThread: true };
    parent.events.emit('message', { type: 'start', request });
    parent.events.emit('message', { type: 'start', request }); // a second start is not a second import
    await parent.ended;
    const done = parent.posted.filter((m) => m.type === 'file-done');
    expect(done.map((m) => m.type === 'file-done' && m.record.status)).toEqual(['cancelled']);
    expect(parent.posted.at(-2)).toEqual({ type: 'done' });
    // Its own figures come last (the bench's): its peak RSS and CPU.
    expect(parent.posted.at(-1)).toEqual({
      type: 'usage',
      maxRssMb: expect.any(Number),
      cpuSeconds: expect.any(Number),
    });
    expect(counts(s.archive)).toEqual(before);
    s.archive.close();
  });

  it('a request that cannot run ends with an error message, and the channel closes', async () => {
    const parent = fakeParent();
    serveImport(parent.channel);
    parent.events.emit('message', { type: 'start', request: { dbPath: '/nowhere/x.sqlite', files: [], timeZone: TZ } });
    await parent.ended;
    expect(parent.posted).toEqual([
      { type: 'error', message: expect.stringMatching(/no archive at \/nowhere/) },
      { type: 'usage', maxRssMb: expect.any(Number), cpuSeconds: expect.any(Number) },
    ]);
  });

  it('in Electron’s utility process: messages through parentPort, and the process ends itself after closing', async () => {
    vi.useFakeTimers();
    const port = Object.assign(new EventEmitter(), { postMessage: vi.fn() });
    const exit = vi.fn();
    const proc = { parentPort: port, exit } as unknown as NodeJS.Process;
    const channel = parentChannel(proc)!;
    const got: unknown[] = [];
    channel.onMessage((m) => got.push(m));
    port.emit('message', { data: { type: 'cancel' } });
    expect(got).toEqual([{ type: 'cancel' }]);
    await channel.post({ type: 'done' });
    expect(port.postMessage).toHaveBeenCalledWith({ type: 'done' });
    channel.close();
    expect(port.listenerCount('message')).toBe(0);
    vi.advanceTimersByTime(999);
    expect(exit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('in a Node child: messages through its IPC channel; a closed channel is the parent gone', async () => {
    const proc = Object.assign(new EventEmitter(), {
      connected: true,
      send: vi.fn((_m: unknown, _h: unknown, _o: unknown, done: () => void) => setImmediate(done)),
      disconnect: vi.fn(),
    });
    const channel = parentChannel(proc as unknown as NodeJS.Process)!;
    const gone = vi.fn();
    channel.onGone(gone);
    await channel.post({ type: 'done' });
    expect(proc.send).toHaveBeenCalledWith({ type: 'done' }, undefined, {}, expect.any(Function));
    proc.emit('disconnect');
    expect(gone).toHaveBeenCalledTimes(1);
    channel.close();
    expect(proc.disconnect).toHaveBeenCalledTimes(1);
    proc.connected = false;
    channel.close();
    expect(proc.disconnect).toHaveBeenCalledTimes(1);
    // Started without a channel (neither parentPort nor send): none.
    expect(parentChannel(new EventEmitter() as unknown as NodeJS.Process)).toBeNull();
  });
});
