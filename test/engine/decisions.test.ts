// Section 6: where the sources are silent. Each test proves one decision of
// docs/formats/engine-decisions.md.
import { describe, expect, it } from 'vitest';
import { deriveCall, selectCurrentRows, toContractJson } from '../../src/shared/engine';
import type { CallEventRow } from '../../src/shared/model/call-events';
import { CallBuilder, at, brief, companions, isoAt } from './builders';

const inbound = (file = 'a.csv', updated: number | null = null) =>
  new CallBuilder('C1', file)
    .i(0)
    .m(0, 5, 'Welcome')
    .q(5, 30, 'Support', 'k')
    .c(25, 120, { agent: 'A1', speakAt: 35, speak: 100 })
    .rows.map((r) => ({ ...r, updated }));

const withoutOrigins = (d: ReturnType<typeof deriveCall>) => toContractJson(d.call);

describe('duplicates and re-delivery', () => {
  it('D1 exact duplicates (same rec_id, e.g. a file imported twice) are used once and kept as duplicates', () => {
    const once = deriveCall(inbound('a.csv'), companions());
    const twice = deriveCall([...inbound('a.csv'), ...inbound('b.csv')], companions());
    expect(withoutOrigins(twice)).toBe(withoutOrigins(once));
    expect(twice.kept).toHaveLength(4);
    expect(twice.kept[0]!.reason).toMatch(/^duplicate row: same rec_id C1-1 as a\.csv:2$/);
    expect(twice.kept.every((k) => k.origin.file === 'b.csv')).toBe(true);
  });

  it('D2 re-delivery: a later file with newer dte_updated replaces every row of the sessions it holds', () => {
    const old = inbound('day1.csv', at(200));
    // The platform re-inserted the call with new rec_ids and a changed wrap-up (longer leg).
    const fresh = inbound('day2.csv', at(9000)).map((r) => ({ ...r, recId: `new-${r.recId}` }));
    fresh[3] = { ...fresh[3]!, durationSec: 140 };
    const d = deriveCall([...fresh, ...old], companions());
    expect(d.kept.map((k) => k.origin.file)).toEqual(Array(4).fill('day1.csv'));
    expect(d.kept[0]!.reason).toMatch(/superseded by a re-delivery of session S1 in day2\.csv/);
    expect(d.eventSources.flat().every((o) => o.file === 'day2.csv')).toBe(true);
    expect(d.call.end).toBe(isoAt(165)); // 25 + 140: the newer wrap-up wins
  });

  it('D3 a call cut over two files: a session only the older file holds survives beside the newer session', () => {
    const day1 = new CallBuilder('C1', 'day1.csv')
      .session('S1')
      .i(0, '+4512345678', '+4570000000', 80)
      .q(10, 50, 'Support', 'q')
      .rows.map((r) => ({ ...r, updated: at(80) }));
    const day2 = new CallBuilder('C1', 'day2.csv')
      .session('S2')
      .c(600, 200, { agent: 'A1', ciq: 'a', speakAt: 605, speak: 190 })
      .c(606, 180, { ciq: 'c', speakAt: 615, speak: 170 })
      .rows.map((r) => ({ ...r, updated: at(800), recId: `d2-${r.recId}` }));
    const d = deriveCall([...day2, ...day1], companions());
    expect(d.kept).toEqual([]);
    expect(brief(d.call.events)).toEqual([
      ['queue', 10, 50, null, null],
      ['queue_callback', 80, 535, 'A1', null],
      ['conversation', 615, 170, 'A1', null],
    ]);
  });

  it('D17 a session straddling the cut of two time-window exports keeps its rows from before the cut', () => {
    // Day 1 (exported before midnight) holds the attempt's queue row; day 2 holds the legs after midnight,
    // re-inserted by the platform with a newer dte_updated.
    const day1 = new CallBuilder('C1', 'day1.csv')
      .session('S1')
      .i(0, '+45', '+4570', 20)
      .q(0, 20, 'Support', 'q')
      .session('S2')
      .q(590, 10, 'Support', 'k')
      .rows.map((r) => ({ ...r, updated: at(595) }));
    const day2 = new CallBuilder('C1', 'day2.csv')
      .session('S2')
      .c(600, 200, { agent: 'A1', ciq: 'a', speakAt: 605, speak: 190 })
      .c(606, 180, { ciq: 'c', speakAt: 615, speak: 170 })
      .rows.map((r) => ({ ...r, updated: at(900), recId: `d2-${r.recId}` }));
    const d = deriveCall([...day1, ...day2], companions());
    expect(d.kept).toEqual([]);
    expect(d.eventSources.flat().some((o) => o.file === 'day1.csv' && o.line === 4)).toBe(true);
    expect(brief(d.call.events).slice(-2)).toEqual([
      ['queue_callback', 20, 595, 'A1', null],
      ['conversation', 615, 170, 'A1', null],
    ]);
  });

  it('D4 rows equal in content but with new rec_ids (re-insertion inside one file, or no dte_updated) are one row', () => {
    const a = inbound('a.csv');
    const b = inbound('a.csv').map((r) => ({
      ...r,
      recId: `x${r.recId}`,
      origin: { file: 'a.csv', line: r.origin.line + 100 },
    }));
    const d = deriveCall([...a, ...b], companions());
    expect(d.kept).toHaveLength(4);
    expect(d.kept[0]!.reason).toMatch(/same content as a\.csv:2/);
    expect(d.call.speakTimeSec).toBe(100);
  });

  it('D5 selectCurrentRows reports every superseded row with a reason and loses none', () => {
    const rows = [...inbound('a.csv', at(1)), ...inbound('b.csv', at(2)).map((r) => ({ ...r, recId: null }))];
    const sel = selectCurrentRows(rows);
    expect(sel.current.length + sel.superseded.length).toBe(rows.length);
    expect(sel.current.every((r) => r.origin.file === 'b.csv')).toBe(true);
  });
});

describe('times and codes', () => {
  it('D6 events out of order: time wins over call_sequence and over input order', () => {
    const rows = inbound();
    const scrambled: CallEventRow[] = [...rows].reverse().map((r, i) => ({ ...r, callSequence: i + 1 }));
    expect(toContractJson(deriveCall(scrambled, companions()).call)).toBe(
      toContractJson(deriveCall(rows, companions()).call),
    );
  });

  it('D7 negative durations count as 0 and are reported as warnings; absurd ones are used as exported and reported', () => {
    const b = new CallBuilder().i(0).q(5, -30, 'Support', 'h').m(40, 100000, 'Loop', 'k');
    const d = deriveCall(b.rows, companions());
    expect(brief(d.call.events)).toEqual([
      ['queue', 5, 0, null, null],
      ['menu', 40, 100000, null, null],
    ]);
    expect(d.warnings?.map((w) => w.message)).toEqual([
      'negative duration_tot_sec (-30): treated as 0',
      'duration_tot_sec of 100000 s is over 24 h: used as exported',
    ]);
  });

  it('D8 unknown result codes: the row is drawn with its raw code; the outcome uses only known codes', () => {
    const d = deriveCall(new CallBuilder().i(0).q(5, 30, 'Support', 'z').rows, companions());
    expect(d.call.events[0]!.result).toBe('z');
    expect(d.call.outcome).toBe('unanswered');
    // A leg with an unknown code but speaktime was answered (the talk proves it); a known failure code never is.
    const leg = deriveCall(
      new CallBuilder().i(0).q(0, 5).c(3, 60, { agent: 'A1', speakAt: 5, speak: 50, result: 'x' }).rows,
      companions(),
    );
    expect(leg.call.outcome).toBe('answered');
    const busy = deriveCall(
      new CallBuilder().i(0).q(0, 5, 'Support', 'h').c(3, 60, { agent: 'A1', speakAt: 5, speak: 50, result: 'b' }).rows,
      companions(),
    );
    expect([busy.call.outcome, busy.call.agents]).toEqual(['abandoned', []]);
  });

  it('D9 pending callback: no attempt in the export yet → zero-length Queue (callback) at the order, outcome pending', () => {
    const d = deriveCall(
      new CallBuilder().i(0, '+45', '+4570', 30).q(0, 20, 'Support', 'q').m(20, 10, 'Confirm').rows,
      companions(),
    );
    expect(brief(d.call.events).slice(-1)).toEqual([['queue_callback', 30, 0, null, null]]);
    expect([d.call.outcome, d.call.callbackAttempts]).toEqual(['pending', 0]);
  });

  it('D10 missing companion tables: keys are shown; with them, names', () => {
    const rows = inbound();
    expect(deriveCall(rows, companions()).call.agents).toEqual(['A1']);
    const named = deriveCall(rows, companions({ agents: { A1: 'Anna' }, queues: { Support: 'Kundeservice' } }));
    expect([named.call.agents, named.call.queues, named.agentIds]).toEqual([['Anna'], ['Kundeservice'], ['A1']]);
    expect(named.call.events.find((e) => e.type === 'queue')!.name).toBe('Kundeservice');
  });

  it('D11 a menu without name shows its key looked up in the menus table, else the key, else "Menu"', () => {
    const b = new CallBuilder()
      .i(0)
      .m(0, 5, 'x')
      .patch({ menuName: null, menuKey: 'M1' })
      .m(5, 5, 'x')
      .patch({ menuName: null });
    const look = { ...companions(), menuName: (k: string) => (k === 'M1' ? 'Opening hours' : null) };
    expect(deriveCall(b.rows, look).call.events.map((e) => e.name)).toEqual(['Opening hours', 'Menu']);
    expect(deriveCall(b.rows, companions()).call.events.map((e) => e.name)).toEqual(['M1', 'Menu']);
  });

  it('D12 rows of another call_id given to deriveCall are kept, not used', () => {
    const stray = { ...inbound()[0]!, callId: 'OTHER', origin: { file: 'a.csv', line: 99 } };
    const d = deriveCall([...inbound(), stray], companions());
    expect(d.call.callId).toBe('C1');
    expect(d.kept).toEqual([{ origin: { file: 'a.csv', line: 99 }, reason: 'belongs to call OTHER, not C1' }]);
  });

  it('D13 an export without ciq: in request calls, legs to an agent are the agent side, other legs the customer side', () => {
    const b = new CallBuilder()
      .i(0, '+4587654321')
      .q(0, 0, '__Callout_S', 'q')
      .c(0, 95, { agent: 'A1', speakAt: 1, speak: 93 })
      .c(2, 60, { dest: '+4587654321', speakAt: 12, speak: 45 });
    expect(brief(deriveCall(b.rows, companions()).call.events)).toEqual([
      ['queue', 0, 0, null, null],
      ['queue_callback', 0, 12, 'A1', null],
      ['conversation', 12, 45, 'A1', null],
    ]);
  });

  it('D14 an empty row set is an error with a clear message', () => {
    expect(() => deriveCall([], companions())).toThrow('deriveCall: a call needs at least one row');
  });

  it('D20 a row without a valid dte_start is kept, never guessed; a call with none at all is an error', () => {
    const rows = inbound();
    const broken = { ...rows[2]!, start: Number.NaN, origin: { file: 'a.csv', line: 50 } };
    const d = deriveCall([...rows, broken], companions());
    expect(d.kept).toEqual([
      { origin: { file: 'a.csv', line: 50 }, reason: 'dte_start is not a valid time: cannot be placed' },
    ]);
    expect(d.call.speakTimeSec).toBe(100);
    expect(() => deriveCall([broken], companions())).toThrow('deriveCall: no row of the call has a valid dte_start');
  });

  it('D15 a queue that has not ended when the agent answers hides the overlapping talk (one status at a time)', () => {
    const d = deriveCall(
      new CallBuilder().i(0).q(0, 40).c(20, 100, { agent: 'A1', speakAt: 35, speak: 60 }).rows,
      companions(),
    );
    expect(brief(d.call.events)).toEqual([
      ['queue', 0, 40, null, null],
      ['conversation', 40, 55, 'A1', null],
    ]);
  });

  it('D16 an unanswered inbound leg (no answer) is accounted for behind the queue event it rang during', () => {
    const d = deriveCall(
      new CallBuilder().i(0).q(0, 60, 'Support', 'h').c(10, 20, { agent: 'A1', result: 't' }).rows,
      companions(),
    );
    expect(d.eventSources[0]!.map((o) => o.line)).toEqual([3, 4]);
    expect([d.call.agents, d.call.outcome, d.kept]).toEqual([[], 'abandoned', []]);
  });
});

describe('deleted requests', () => {
  const ordering = () =>
    new CallBuilder().session('S1').i(0, '+45', '+4570', 80).q(10, 50, 'Support', 'q').m(60, 20, 'Confirm');

  it('D18 a deletion row that spans the wait (from the order to the deletion) is drawn as is; the Queue (callback) before it is zero-length', () => {
    const d = deriveCall(ordering().session('S2').q(80, 3520, 'Support', 'd').rows, companions());
    expect(brief(d.call.events).slice(-2)).toEqual([
      ['queue_callback', 80, 0, null, null],
      ['deleted', 80, 3520, null, null],
    ]);
    expect(d.call.outcome).toBe('deleted');
  });

  it('D19 deleted after an unanswered attempt: Queue (callback) until the deletion, labelled with the attempt, then Deleted', () => {
    const b = ordering()
      .session('S2')
      .c(600, 40, { agent: 'A1', ciq: 'a', speakAt: 603, speak: 35 })
      .c(605, 30, { ciq: 'c', result: 't' })
      .session('S3')
      .q(1800, 0, 'Support', 'd');
    const d = deriveCall(b.rows, companions());
    expect(brief(d.call.events).slice(-2)).toEqual([
      ['queue_callback', 80, 1720, 'A1', '1 unanswered call finished'],
      ['deleted', 1800, 0, null, null],
    ]);
    expect([d.call.outcome, d.call.callbackAttempts, d.call.agents]).toEqual(['deleted', 1, ['A1']]);
  });
});

describe('canonical JSON', () => {
  it('toContractJson prints the keys in the order of the ArchiveCall and ArchiveEvent interfaces', () => {
    const d = deriveCall(inbound(), companions());
    const shuffled = Object.fromEntries(Object.entries(d.call).reverse()) as typeof d.call;
    const json = toContractJson(shuffled);
    expect(json).toBe(toContractJson(d.call));
    expect(Object.keys(JSON.parse(json))).toEqual([
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
    expect(Object.keys(JSON.parse(json).events[0])).toEqual([
      'type',
      'start',
      'end',
      'durationSec',
      'name',
      'agent',
      'label',
      'labelDa',
      'result',
    ]);
    expect(json).not.toContain('\n');
  });
});
