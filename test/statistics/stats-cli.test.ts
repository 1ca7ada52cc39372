// `callscope stats` as a user runs it on the hand-written archive: the JSON shape
// of the issue (figure names of the spec, null where a ratio has no denominator,
// days in the chosen zone), CSV with a BOM and the ';' variant, one-line errors.
import { describe, expect, it } from 'vitest';
import { archiveFileOf } from './archive-fixture';
import { HAND_CALLS, HAND_ZONE } from './hand-archive';
import { runCli } from '../common/run-cli';

const run = (...args: string[]) => runCli(['stats', ...args]);
const db = archiveFileOf(HAND_CALLS, HAND_ZONE);

describe('callscope stats', () => {
  it('--format json: parameters, groups with key and figures, total; the archive zone by default', async () => {
    const r = await run('--db', db, '--by', 'day', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.parameters).toMatchObject({
      slSeconds: 20,
      slAbandons: 'ignore',
      shortAbandonSeconds: 5,
      timeZone: HAND_ZONE,
    });
    expect(s.groups.map((g: { key: object }) => g.key)).toEqual([
      { day: '2026-03-27' },
      { day: '2026-03-28' },
      { day: '2026-03-29' },
    ]);
    expect(s.groups[1]).toMatchObject({
      offered: 6,
      serviceLevelPct: 66.7,
      asaSec: 13.3,
      maxWaitSec: 25,
      avgTalkSec: 62.5,
    });
    expect(s.total).toMatchObject({ offered: 26, serviceLevelPct: 42.9, answerRatePct: 50, asaSec: 37.3 });
  });

  it('options: --tz, --from/--to (local dates), --sl-seconds, --sl-abandons, --short-abandon-seconds; null ratios', async () => {
    const r = await run(
      '--db',
      db,
      '--by',
      'queue,hourofday',
      '--tz',
      'UTC',
      '--from',
      '2026-03-27T23:00',
      '--to',
      '2026-03-28T00:00',
      '--sl-seconds',
      '1',
      '--sl-abandons',
      'fail',
      '--short-abandon-seconds',
      '3',
      '--format',
      'json',
    );
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    // 23:00–24:00 UTC on the 27th holds c17 only (Copenhagen midnight): abandoned after 2 s, short (< 3).
    expect(s.groups).toHaveLength(1);
    expect(s.groups[0].key).toEqual({ queue: 'Support', hourofday: '23' });
    expect(s.total).toMatchObject({
      offered: 1,
      abandoned: 1,
      shortAbandoned: 1,
      serviceLevelPct: 0,
      asaSec: null,
      avgTalkSec: null,
    });
    expect(s.parameters.from).toBe('2026-03-27T23:00:00.000Z');
  });

  it('--format csv: UTF-8 with BOM, formulas as comments, the spec names as header; --sep ";" writes decimal commas', async () => {
    const r = await run('--db', db, '--by', 'queue', '--format', 'csv');
    expect(r.stdout.startsWith('\uFEFF# period')).toBe(true);
    const lines = r.stdout
      .slice(1)
      .trim()
      .split('\r\n')
      .filter((l) => !l.startsWith('#'));
    expect(lines[0]).toBe(
      'queue,offered,answered,abandoned,unanswered,deleted,rejected,pending,shortAbandoned,callbacksRequested,callbacksAnswered,answeredWithinSl,abandonedWithinSl,serviceLevelPct,answerRatePct,abandonRatePct,asaSec,maxWaitSec,avgTalkSec',
    );
    // Sales (hand-archive.ts): offered 10, answered c07 c10 c15 c18 c25, talk (30+120+200+50+45) ÷ 5 = 89.
    expect(lines[1]).toBe('Sales,10,5,1,1,1,1,1,1,1,0,4,1,44.4,50,10,11.8,60,89');
    expect(lines[3]?.startsWith('total,26,')).toBe(true);
    const semi = await run('--db', db, '--by', 'queue', '--format', 'csv', '--sep', ';');
    expect(semi.stdout).toContain('Sales;10;5;1;1;1;1;1;1;1;0;4;1;44,4;50;10;11,8;60;89');
  });

  it('--format table (default): the table, the formulas as a footer, agents and outbound', async () => {
    const r = await run('--db', db);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/serviceLevelPct: answeredWithinSl ÷ \(offered − abandonedWithinSl\) × 100/);
    expect(r.stdout).toMatch(/DialSpring\s+3\s+1\s+33\.3\s+OVER/);
  });

  it('bad input: one line, exit 2', async () => {
    for (const args of [
      ['--by', 'colour'],
      ['--sl-abandons', 'maybe'],
      ['--tz', 'Mars/Base'],
      ['--from', 'yesterday'],
      ['--format', 'xml'],
    ]) {
      const r = await run('--db', db, ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
