// Detection by content (never by file name), the reason reported, and the
// clear error for a file that matches no format.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReaderError } from '../../src/shared/reader/errors';
import { PLATFORM_FORMATS, describeUnknown, detectPlatform } from '../../src/shared/formats';
import {
  assertFits,
  describeTriedFormats,
  detectPlatformFormat,
  noFormatMessage,
  openPlatformExport,
  openPlatformFallback,
} from '../../src/main/readers/platforms';
import type { ReaderItem } from '../../src/shared/reader/types';
import { fixture, fixturePath } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'callscope-formats-'));
/** A copy under a name that says nothing (or lies) about its format. */
function disguised(rel: string, name: string): string {
  const p = join(dir, name);
  copyFileSync(fixturePath(rel), p);
  return p;
}

const CASES: [string, string, RegExp][] = [
  ['asterisk/queue_log', 'asterisk-queue-log', /queue_log form epoch\|callid\|queuename\|agent\|EVENT/],
  ['asterisk/queue_log_db.csv', 'asterisk-queue-log', /CSV header with the queue_log table columns/],
  ['asterisk/Master.csv', 'asterisk-cdr', /cdr_csv default column order/],
  ['asterisk/Master_custom.csv', 'asterisk-cdr', /cdr_custom sample column order/],
  ['genesys/conversations.json', 'genesys-cloud-conversations', /conversationId, participants\[\]\.purpose/],
  ['connect/ctr.jsonl', 'amazon-connect-ctr', /ContactId with InitiationMethod/],
];

describe('platform format detection', () => {
  it.each(CASES)('%s → %s, from the content, with the reason', async (rel, id, why) => {
    const found = await detectPlatformFormat(disguised(rel, `export-${id.length}-${rel.length}.txt`));
    expect(found?.id).toBe(id);
    expect(found?.why).toMatch(why);
  });

  it('a misleading file name does not change the result', async () => {
    expect((await detectPlatformFormat(disguised('connect/ctr.jsonl', 'queue_log')))?.id).toBe('amazon-connect-ctr');
    expect((await detectPlatformFormat(disguised('asterisk/queue_log', 'contacts.json')))?.id).toBe(
      'asterisk-queue-log',
    );
  });

  it('each format rejects the others’ fixtures', () => {
    for (const [rel, id] of CASES) {
      const text = fixture(rel, 'latin1');
      for (const f of PLATFORM_FORMATS) if (f.id !== id) expect(f.detect(text).match, `${f.id} on ${rel}`).toBe(false);
    }
  });

  it('a call-events CSV is not taken for a platform export', () => {
    const sample =
      'call_id;internal_iq_session_id;call_sequence;event_type;dte_start;duration_tot_sec\n1;2;1;i;2024-01-01 10:00:00.000;0\n';
    expect(detectPlatform(sample).found).toBeNull();
  });

  it('a file matching no format → one clear line naming every format tried', async () => {
    const p = join(dir, 'notes.txt');
    writeFileSync(p, 'Dear supervisor,\nplease find the numbers attached.\n');
    expect(await detectPlatformFormat(p)).toBeNull();
    const err = await openPlatformExport(p, { fileLabel: 'notes.txt', timeZone: 'UTC' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReaderError);
    const msg = (err as Error).message;
    expect(msg).not.toContain('\n');
    expect(msg).toMatch(/^notes\.txt: matches no known format \(tried: /);
    for (const f of PLATFORM_FORMATS) expect(msg).toContain(f.name);
    expect(msg).toContain('call-events CSV');
    expect(msg).toContain('call-events JSON Lines');
    expect(describeTriedFormats().split(', ')).toHaveLength(2 + PLATFORM_FORMATS.length);
  });

  it('a missing file is a one-line ReaderError', async () => {
    await expect(detectPlatformFormat(join(dir, 'nope.csv'))).rejects.toThrow(/no such file/);
    await expect(
      openPlatformExport(join(dir, 'nope.csv'), { fileLabel: 'nope.csv', timeZone: 'UTC' }),
    ).rejects.toBeInstanceOf(ReaderError);
  });
});

describe('openPlatformExport', () => {
  async function items(
    path: string,
    opts: Parameters<typeof openPlatformExport>[1],
  ): Promise<{ items: ReaderItem[]; ex: Awaited<ReturnType<typeof openPlatformExport>> }> {
    const ex = await openPlatformExport(path, opts);
    const all: ReaderItem[] = [];
    for await (const b of ex.batches) all.push(...b);
    return { items: all, ex };
  }

  it('yields call, kept and rejected items; the description says which format and why', async () => {
    const { items: all, ex } = await items(disguised('connect/ctr.jsonl', 'a.dat'), {
      fileLabel: 'a.dat',
      timeZone: 'UTC',
    });
    expect(ex.description).toMatchObject({ format: 'amazon-connect-ctr', table: 'call_events', encoding: 'utf-8' });
    expect(ex.description.why).toMatch(/Amazon Connect contact records/);
    expect(all.map((i) => i.kind)).toEqual(['call', 'call', 'call', 'call', 'kept', 'kept', 'rejected']);
    expect(ex.unknown.fields).toEqual({ NewShinyField: 1 });
    expect(ex.recordCount).toBe(9);
    expect(ex.bytesRead()).toBe(ex.bytesTotal);
  });

  it('decodes CDR bytes that are not UTF-8 as Latin-1', async () => {
    const { items: all, ex } = await items(disguised('asterisk/Master_custom.csv', 'cdr.bin'), {
      fileLabel: 'cdr.bin',
      timeZone: 'UTC',
    });
    expect(ex.description.encoding).toBe('windows-1252');
    const call = all.find((i) => i.kind === 'call');
    expect(call?.kind === 'call' && call.records[0]!.raw['clid']).toBe('Øster <1002>');
  });

  it('joins CDR files given with a queue_log', async () => {
    const { items: all, ex } = await items(fixturePath('asterisk/queue_log'), {
      fileLabel: 'queue_log',
      timeZone: 'UTC',
      cdrPaths: [fixturePath('asterisk/Master.csv')],
    });
    expect(ex.description.why).toMatch(/joined with CDR Master\.csv/);
    const first = all.find((i) => i.kind === 'call');
    expect(first?.kind === 'call' && first.derived.call.events[0]!.type).toBe('menu');
  });
});

describe('openPlatformFallback (after the call-events reader refused a file)', () => {
  it('opens a platform export the call-events reader refused', async () => {
    const ex = await openPlatformFallback(
      fixturePath('asterisk/queue_log'),
      { fileLabel: 'queue_log', timeZone: 'UTC' },
      new ReaderError('queue_log: header is not a known export table'),
    );
    expect(ex.description.format).toBe('asterisk-queue-log');
  });

  it('a file no reader knows: one line naming every format and the call-events reason', async () => {
    const p = join(dir, 'letter.txt');
    writeFileSync(p, 'hello\n');
    const err = await openPlatformFallback(
      p,
      { fileLabel: 'letter.txt', timeZone: 'UTC' },
      new ReaderError('letter.txt: header is not a known export table'),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReaderError);
    expect((err as Error).message).toBe(
      `${noFormatMessage('letter.txt')}; the call-events reader said: header is not a known export table`,
    );
  });

  it('rethrows defects that are not reader errors', async () => {
    const bug = new TypeError('boom');
    await expect(
      openPlatformFallback(fixturePath('asterisk/queue_log'), { fileLabel: 'q', timeZone: 'UTC' }, bug),
    ).rejects.toBe(bug);
  });
});

describe('memory guard of the whole-file read', () => {
  it('refuses a file the process cannot hold with one clear line', () => {
    expect(() => assertFits('big.jsonl', 'amazon-connect-ctr', 400 * 1048576, 1024 * 1048576)).toThrow(
      /^big\.jsonl: a 400 MiB amazon-connect-ctr export needs about 1600 MiB of memory to read whole; this process has 1024 MiB: split the export into smaller files$/,
    );
    expect(() => assertFits('ok.jsonl', 'amazon-connect-ctr', 100 * 1048576, 1024 * 1048576)).not.toThrow();
  });
});

describe('describeUnknown', () => {
  it('one line with counts, or null', () => {
    expect(describeUnknown({ events: {}, fields: {} })).toBeNull();
    expect(describeUnknown({ events: { FOOBAR: 1 }, fields: { b: 2, a: 2, c: 5 } }, 2)).toBe(
      '1 unknown event name kept (FOOBAR ×1); 3 unknown fields kept (c ×5, a ×2, …)',
    );
  });
});
