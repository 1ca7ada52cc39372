import { describe, expect, it } from 'vitest';
import { parseAsterisk } from '../../src/shared/formats';
import { asteriskCdr, asteriskQueueLog } from '../../src/shared/formats/asterisk';
import { namedParams } from '../../src/shared/formats/asterisk/events';
import { contract, expectAccounted, fixture, golden } from './helpers';

const opts = { fileLabel: 'queue_log', timeZone: 'UTC' };

describe('Asterisk queue_log', () => {
  const parse = asteriskQueueLog.parse(fixture('asterisk/queue_log'), opts);

  it('maps every documented event onto the hand-checked golden calls', () => {
    expect(contract(parse)).toEqual(golden('asterisk/queue_log.golden.jsonl'));
  });

  it('accounts for every line: calls, kept (agent / system events) and rejected', () => {
    expectAccounted(parse);
    expect(parse.recordCount).toBe(46);
    expect(parse.kept.map((k) => k.raw['event'])).toEqual([
      'QUEUESTART',
      'CONFIGRELOAD',
      'ADDMEMBER',
      'AGENTLOGIN',
      'PAUSE',
      'UNPAUSE',
      'PAUSEALL',
      'UNPAUSEALL',
      'AGENTLOGOFF',
      'REMOVEMEMBER',
    ]);
    expect(parse.rejected).toHaveLength(1);
    expect(parse.rejected[0]!.origin.line).toBe(44);
  });

  it('counts unknown events and keeps them in the call', () => {
    expect(parse.unknown.events).toEqual({ FOOBAR: 1 });
    const cut = parse.calls.find((c) => c.derived.call.callId === 'asterisk:1700001200.12')!;
    expect(cut.derived.kept.map((k) => k.reason)).toContain('unknown queue_log event FOOBAR: kept, not drawn');
  });

  it('keeps RINGNOANSWER / RINGCANCELED raw: the ringing agent is not involved', () => {
    const a = parse.calls[0]!.derived;
    expect(a.call.agents).toEqual(['Alice']);
    expect(a.kept.some((k) => k.reason.startsWith('Bob rang 15000 ms'))).toBe(true);
  });

  it('reads ATTENDEDTRANSFER parameters from the end (BRIDGE and LINK forms)', () => {
    expect(namedParams('ATTENDEDTRANSFER', ['BRIDGE', 'a1b2c3', '3', '40', '1'])).toMatchObject({
      method: 'BRIDGE',
      target: 'a1b2c3',
      holdtime: '3',
      calltime: '40',
    });
    expect(namedParams('ATTENDEDTRANSFER', ['LINK', 'PJSIP/a', 'PJSIP/b', '2', '30', '1'])).toMatchObject({
      target: 'PJSIP/a|PJSIP/b',
      calltime: '30',
    });
  });

  it('older versions: fewer parameters read as missing, never misread', () => {
    expect(namedParams('EXITWITHTIMEOUT', ['1'])).toEqual({ position: '1', origposition: null, waittime: null });
    expect(namedParams('TRANSFER', ['2000', 'from-internal', '10', '50'])).toMatchObject({
      calltime: '50',
      origposition: null,
    });
  });

  it('reads the database CSV export (data1..data5, SQL times with microseconds)', () => {
    const p = asteriskQueueLog.parse(fixture('asterisk/queue_log_db.csv'), { fileLabel: 'db.csv', timeZone: 'UTC' });
    expectAccounted(p);
    const c = p.calls[0]!.derived.call;
    expect(c.start).toBe('2023-11-14T22:13:20.123Z');
    expect(c.speakTimeSec).toBe(120.5);
    expect(c.waitTimeSec).toBe(29.877);
    expect(p.rejected.map((r) => r.reason)).toEqual(['unreadable time "not-a-time"']);
    expect(p.unknown.fields).toEqual({});
  });

  it('reads the CSV export with one pipe-joined data column', () => {
    const p = asteriskQueueLog.parse(fixture('asterisk/queue_log_data.csv'), opts);
    expect(p.calls[0]!.derived.call).toMatchObject({
      callerNumber: '+4599999999',
      outcome: 'abandoned',
      waitTimeSec: 30,
    });
  });

  it('applies the solution time zone to times without an offset', () => {
    const p = asteriskQueueLog.parse(fixture('asterisk/queue_log_db.csv'), {
      fileLabel: 'db.csv',
      timeZone: 'Europe/Copenhagen',
    });
    expect(p.calls[0]!.derived.call.start).toBe('2023-11-14T21:13:20.123Z');
  });
});

describe('Asterisk CDR join', () => {
  const parse = parseAsterisk(
    [{ text: fixture('asterisk/queue_log'), file: 'queue_log' }],
    [
      { text: fixture('asterisk/Master.csv'), file: 'Master.csv' },
      { text: fixture('asterisk/Master_custom.csv', 'latin1'), file: 'Master_custom.csv' },
    ],
    'UTC',
  );

  it('matches the golden calls: IVR time before the queue, outbound calls from CDR alone', () => {
    expect(contract(parse)).toEqual(golden('asterisk/joined.golden.jsonl'));
    expectAccounted(parse);
  });

  it('shows the dialplan time before ENTERQUEUE as a Menu from the CDR', () => {
    const a = parse.calls[0]!.derived;
    expect(a.call.events[0]).toMatchObject({ type: 'menu', name: 'IVR (from-pstn)', durationSec: 15 });
    expect(a.eventSources[0]).toEqual([{ file: 'Master.csv', line: 1 }]);
  });

  it('reads the cdr_custom column order and Latin-1 bytes', () => {
    const p = asteriskCdr.parse(fixture('asterisk/Master_custom.csv', 'latin1'), {
      fileLabel: 'Master_custom.csv',
      timeZone: 'UTC',
    });
    expect(p.calls[0]!.derived.call).toMatchObject({
      type: 'callout',
      outcome: 'unanswered',
      agents: ['1002'],
      callerNumber: '+4511112222',
    });
    expect(p.calls[0]!.records[0]!.raw['clid']).toBe('Øster <1002>');
  });

  it('imported alone, the CDR of a queued call is kept raw (its call comes from queue_log), other CDR groups are calls', () => {
    const p = asteriskCdr.parse(fixture('asterisk/Master.csv'), { fileLabel: 'Master.csv', timeZone: 'UTC' });
    expectAccounted(p);
    expect(p.calls.map((c) => c.derived.call.callId)).toEqual(['asterisk:1700000400.20']);
    expect(p.kept.map((k) => [k.origin.line, k.table])).toEqual([[1, 'cdr']]);
  });

  it('a semicolon export with an unquoted pipe-joined data column: the delimiter comes from the header', () => {
    const text =
      'time;callid;queuename;agent;event;data\n1700000000;9.1;sales;NONE;ENTERQUEUE;|+4511111111|1\n1700000030;9.1;sales;Bob;CONNECT;30|9.2|2\n1700000090;9.1;sales;Bob;COMPLETECALLER;30|60|1\n';
    expect(asteriskQueueLog.detect(text).match).toBe(true);
    const p = asteriskQueueLog.parse(text, opts);
    expectAccounted(p);
    expect(p.calls[0]!.derived.call).toMatchObject({
      callerNumber: '+4511111111',
      agents: ['Bob'],
      waitTimeSec: 30,
      speakTimeSec: 60,
    });
  });
});
