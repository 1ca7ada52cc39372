// `callscope convert`: stdout JSON lines, stderr summary, exit codes.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTemp } from './helpers';
import { runCli } from '../common/run-cli';

// Paths relative to the repository root, as a user types them (vitest runs there).
const fx = (name: string) => join('test', 'fixtures', 'reader', name);

/** The command in this process (test/archive/cli.test.ts keeps the spawned run of the bin). */
async function convert(...args: string[]) {
  const r = await runCli(['convert', ...args]);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOneLineError(r: Awaited<ReturnType<typeof convert>>, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('callscope convert', async () => {
  it('a cut file (its last record cut, no line break at its end) is refused as import refuses it, nothing written', async () => {
    const whole = readFileSync(fx('convert-part1.csv'), 'utf8').trimEnd();
    const cut = writeTemp(whole.slice(0, whole.length - 12), 'cut.csv');
    const r = await convert(cut, '--tz', 'Europe/Oslo');
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /cut\.csv: the file is truncated \(its last record, line \d+, is cut: .*\); nothing was converted\n$/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(1);
    // The same text whole, ending in a line break, converts.
    expect((await convert(writeTemp(`${whole}\n`, 'whole.csv'), '--tz', 'Europe/Oslo')).code).toBe(0);
  });

  it('groups rows of a call across files given in any order, orders calls by start, uses companion names, and summarises', async () => {
    const r = await convert(fx('convert-part2.csv'), fx('agents.csv'), fx('convert-part1.csv'), '--tz', 'Europe/Oslo');
    expect(r.code).toBe(0);
    const calls = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(calls.map((c) => [c.callId, c.start])).toEqual([
      ['3000', '2024-03-05T09:00:00.000Z'],
      ['3001', '2024-03-05T10:00:00.000Z'],
    ]);
    const c3001 = calls[1];
    expect(Object.keys(c3001)).toEqual([
      'callId',
      'type',
      'dialerMode',
      'start',
      'end',
      'callerNumber',
      'accessNumber',
      'queues',
      'agents',
      'outcome',
      'timeBeforeAnswerSec',
      'waitTimeSec',
      'speakTimeSec',
      'callbackAttempts',
      'registrations',
      'events',
    ]);
    expect(c3001).toMatchObject({ type: 'inbound', callerNumber: '4711111111', outcome: 'answered', speakTimeSec: 90 });
    expect(c3001.events.map((e: { type: string }) => e.type)).toEqual(['menu', 'queue', 'conversation']);
    expect(c3001.events[2].agent).toBe('Anne Ås');
    expect(calls[0].events[0]).toMatchObject({ type: 'queue', durationSec: 45.5 });

    // 7 call-event records + 2 agents records (one kept: no name) = 9 read; the breakdown adds up to
    // them (it left out the rejected record and the kept one: 6 + 1 of 9).
    expect(r.stderr).toContain(`${fx('convert-part1.csv')}:6: unparsable dte_start "not-a-date"`);
    expect(r.stderr).toMatch(/rows read: 9 \(call events 6, companion records 1, other records 2\)/);
    expect(r.stderr).toMatch(/\nused: 7\n/);
    expect(r.stderr).toMatch(/\nkept: 1\n/);
    expect(r.stderr).toMatch(/\nrejected: 1\n/);
    expect(r.stderr).toMatch(/\ncalls derived: 2\n/);
  });

  it('says when a file read as UTF-8 turned out to hold Windows-1252 bytes past its first 64 KB', async () => {
    const header = 'call_id,event_type,dte_start,duration_tot_sec,menu_name\n';
    const ascii = '1,m,2024-01-01 00:00:00,4,Menu\n'.repeat(2300);
    const file = writeTemp(
      Buffer.concat([Buffer.from(header + ascii), Buffer.from('2,m,2024-01-01 00:00:00,4,K\xf8\n', 'latin1')]),
    );
    const r = await convert(file, '--tz', 'UTC');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/: not valid UTF-8 from about byte [\d,]+ on: read as Windows-1252 from there/);
    expect(r.stdout).toContain('"name":"Kø"');
  });

  it('reads a file given twice once, as import does (its rows counted once: all used, not all kept)', async () => {
    // Both copies' rows had the same file:line, so the second copy's duplicates marked the first's
    // rows kept too: `used: 0, kept: 8` for a file whose call rows are all used when given once.
    const once = await convert(fx('convert-part1.csv'), '--tz', 'Europe/Oslo');
    const twice = await convert(fx('convert-part1.csv'), fx('convert-part1.csv'), '--tz', 'Europe/Oslo');
    expect(twice.code).toBe(0);
    expect(twice.stdout).toBe(once.stdout);
    const figures = (s: string) =>
      s.split('\n').filter((l) => /^(rows read|used|kept|rejected|calls derived):/.test(l));
    expect(figures(twice.stderr)).toEqual(figures(once.stderr));
    expect(twice.stderr).toContain(`${fx('convert-part1.csv')}: given more than once; read once`);
  });

  it('defaults to Europe/Copenhagen', async () => {
    const r = await convert(fx('basic.csv'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).start).toBe('2024-03-05T09:00:00.000Z');
  });

  it('exits 2 with one line and no stack trace for a missing file, before printing anything', async () => {
    expectOneLineError(
      await convert(fx('basic.csv'), 'no/such/file.csv'),
      /^callscope convert: cannot read no\/such\/file\.csv: no such file\n$/,
    );
  });

  it('exits 2 for a directory, a binary file, a non-export and an unknown zone', async () => {
    expectOneLineError(await convert(mkdtempSync(join(tmpdir(), 'dir-'))), /it is a directory/);
    expectOneLineError(await convert(writeTemp(Buffer.from([0, 1, 2, 3, 255, 254, 0, 7, 9]), 'x.bin')), /binary file/);
    expectOneLineError(await convert(writeTemp('a,b\n1,2\n', 'other.csv')), /not a known export table/);
    expectOneLineError(await convert(fx('basic.csv'), '--tz', 'Europe/Olso'), /unknown time zone "Europe\/Olso"/);
    expectOneLineError(await convert(), /give at least one export file/);
  });

  it('leaves no listener on the process streams, however often it runs in one process', async () => {
    // A CI run failed when eleven in-process runs had piled error listeners on process.stderr
    // and Node's MaxListenersExceededWarning landed in another command's captured stderr.
    const before = [process.stdout.listenerCount('error'), process.stderr.listenerCount('error')];
    await convert(fx('basic.csv'));
    await convert(writeTemp('a,b\n1,2\n', 'other.csv'));
    expect([process.stdout.listenerCount('error'), process.stderr.listenerCount('error')]).toEqual(before);
  });
});
