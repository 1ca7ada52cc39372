// exports.start / progress / cancel: a job writes the whole result into the
// host's temporary folder; the host then takes the file (Save dialog, download).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TZ } from '../archive/helpers';
import { exportFileName } from '../../src/main/export/export-jobs';
import { exportArchive } from './helpers';

let fx: Awaited<ReturnType<typeof exportArchive>>;
beforeAll(async () => {
  fx = await exportArchive(1100);
}, 120_000);
afterAll(() => fx.close());

describe('exportFileName', () => {
  it('stamps the name with the UTC time to the second, marked Z', () => {
    expect(exportFileName('events', 'xlsx', new Date('2026-03-29T14:15:07.250Z'))).toBe(
      'callscope-events-2026-03-29-141507Z.xlsx',
    );
  });
});

describe('export jobs', () => {
  it('run to done with counts, and offer the calls and events files by name', async () => {
    const { jobId } = await fx.api.exports.start({
      search: { queues: ['sales'], limit: 3 },
      format: 'csv',
      separator: ';',
      includeEvents: true,
      timeZone: TZ,
    });
    const done = await fx.api.exportJobs.settled(jobId);
    const want = (await fx.api.calls.search({ queues: ['sales'] })).total;
    expect(want).toBeGreaterThan(200);
    expect(done).toMatchObject({ state: 'done', calls: want, total: want, error: null });
    expect(done.files.map((f) => f.kind)).toEqual(['calls', 'events']);
    // The stamp is UTC and says so (Z), to the second: the action log's time and the name agree.
    expect(done.files[0]!.name).toMatch(/^callscope-calls-\d{4}-\d\d-\d\d-\d{6}Z\.csv$/);
    const file = fx.api.exportJobs.file(jobId, 'calls')!;
    expect(readFileSync(file.path, 'utf8').split('\r\n')).toHaveLength(want + 2);
    fx.api.exportJobs.forget(jobId);
    expect(existsSync(file.path)).toBe(false);
    await expect(fx.api.exports.progress(jobId)).rejects.toThrow(/no export job/);
  });

  it("records a done job in the archive's action log: files, format, counts and each file's SHA-256", async () => {
    const { jobId } = await fx.api.exports.start({
      search: { text: 'sales' },
      format: 'csv',
      includeEvents: true,
      timeZone: TZ,
    });
    const done = await fx.api.exportJobs.settled(jobId);
    expect(done.state).toBe('done');
    const sha = (kind: 'calls' | 'events') =>
      createHash('sha256')
        .update(readFileSync(fx.api.exportJobs.file(jobId, kind)!.path))
        .digest('hex');
    const [entry] = await fx.api.review.log({});
    expect(entry).toMatchObject({
      action: 'export',
      calls: done.calls,
      details: {
        file: done.files[0]!.name,
        format: 'csv',
        sha256: sha('calls'),
        events: done.events,
        eventsFile: done.files[1]!.name,
        eventsSha256: sha('events'),
        timeZone: TZ,
      },
    });
    // Not the search: its text may be a phone number, and the log is never rewritten.
    expect(JSON.stringify(entry)).not.toContain('sales');
    fx.api.exportJobs.forget(jobId);
  });

  it('cancel stops the job and leaves no file', async () => {
    const { jobId } = await fx.api.exports.start({ search: {}, format: 'xlsx', timeZone: TZ, includeEvents: true });
    await fx.api.exports.cancel(jobId);
    const p = await fx.api.exports.progress(jobId);
    expect(p.state).toBe('cancelled');
    expect(fx.api.exportJobs.file(jobId, 'calls')).toBeNull();
  });

  it('refuses a bad request in one line before starting', async () => {
    await expect(fx.api.exports.start({ search: {}, format: 'pdf' as never, timeZone: TZ })).rejects.toThrow(
      /invalid export request/,
    );
    await expect(fx.api.exports.start({ search: {}, format: 'csv', timeZone: 'Mars/Base' })).rejects.toThrow(
      /unknown time zone/,
    );
  });
});
