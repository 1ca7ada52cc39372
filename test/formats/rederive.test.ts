// Exports cut in the middle of a call (spec section 6): a call whose records
// came in several files is derived again from all of them (what the archive
// does when a platform call arrives in a later import).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toContractJson } from '../../src/shared/engine/contract-json';
import { PLATFORM_FORMATS, parseAsterisk, rederivePlatformCalls } from '../../src/shared/formats';
import type { PlatformParse, PlatformRecord } from '../../src/shared/formats';
import { fixture, golden } from './helpers';

const parseAs = (id: string, text: string, file: string): PlatformParse =>
  PLATFORM_FORMATS.find((f) => f.id === id)!.parse(text, { fileLabel: file, timeZone: 'UTC' });
const contracts = (p: PlatformParse): string[] => p.calls.map((c) => toContractJson(c.derived.call)).sort();
const callRecords = (...parses: PlatformParse[]): PlatformRecord[] =>
  parses.flatMap((p) => p.calls.flatMap((c) => c.records));

describe('re-deriving platform calls from records of several imports', () => {
  it('Asterisk: a queue_log split anywhere gives the same calls once re-derived', () => {
    const lines = fixture('asterisk/queue_log')
      .split('\n')
      .filter((l) => l !== '');
    const whole = contracts(parseAs('asterisk-queue-log', lines.join('\n'), 'q'));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: lines.length - 1 }), (cut) => {
        const a = parseAs('asterisk-queue-log', lines.slice(0, cut).join('\n'), 'q1');
        const b = parseAs('asterisk-queue-log', lines.slice(cut).join('\n'), 'q2');
        const again = rederivePlatformCalls('asterisk-queue-log', callRecords(a, b), 'UTC')!;
        expect(contracts(again)).toEqual(whole);
      }),
      { numRuns: 45 },
    );
  });

  it('Asterisk: overlapping exports (the same lines twice) count each line once', () => {
    const text = fixture('asterisk/queue_log');
    const again = rederivePlatformCalls(
      'asterisk-queue-log',
      callRecords(parseAs('asterisk-queue-log', text, 'day1'), parseAs('asterisk-queue-log', text, 'day1-again')),
      'UTC',
    )!;
    expect(contracts(again)).toEqual(contracts(parseAs('asterisk-queue-log', text, 'q')));
    // Call 1700000000.1 has five lines (DID, ENTERQUEUE, RINGNOANSWER, CONNECT, COMPLETECALLER).
    expect(again.calls[0]!.derived.kept.filter((k) => k.reason.startsWith('duplicate of day1 line'))).toHaveLength(5);
  });

  it('Connect: one contact record a file (Firehose) gives the same calls once re-derived, older versions kept', () => {
    const lines = fixture('connect/ctr.jsonl')
      .split('\n')
      .filter((l) => l.startsWith('{"'));
    const whole = parseAs('amazon-connect-ctr', lines.join('\n'), 'all');
    const parts = lines.map((l, i) => parseAs('amazon-connect-ctr', l, `part-${i}`));
    // The archive holds each part's call records, and the superseded versions it kept.
    const stored = [...callRecords(...parts)];
    const again = rederivePlatformCalls('amazon-connect-ctr', stored, 'UTC')!;
    expect(contracts(again)).toEqual(contracts(whole).filter((c) => !c.includes('"connect:G"')));
    expect(again.kept.map((k) => k.reason)).toEqual([
      'older version of contact A (LastUpdateTimestamp 2023-11-14T10:01:00Z): superseded',
    ]);
  });

  it('every format: the records as the archive stores them read back into the same calls', () => {
    for (const [id, file] of [
      ['asterisk-queue-log', 'asterisk/queue_log'],
      ['asterisk-queue-log', 'asterisk/queue_log_db.csv'],
      ['asterisk-queue-log', 'asterisk/queue_log_data.csv'],
      ['asterisk-cdr', 'asterisk/Master.csv'],
      ['amazon-connect-ctr', 'connect/ctr.jsonl'],
      ['genesys-cloud-conversations', 'genesys/conversations.json'],
    ] as const) {
      const once = parseAs(id, fixture(file), 'f');
      const again = rederivePlatformCalls(id, callRecords(once), 'UTC')!;
      expect(contracts(again), file).toEqual(contracts(once));
      expect(again.rejected, file).toEqual([]);
    }
  });

  it('Asterisk: a CDR of a queued call waits under the queue_log call id and joins it when re-derived', () => {
    const cdr = parseAs('asterisk-cdr', fixture('asterisk/Master.csv'), 'Master.csv');
    const waiting = cdr.kept.filter((k) => k.callId);
    expect(waiting.map((k) => [k.callId, k.origin.line])).toEqual([['asterisk:1700000000.1', 1]]);
    const custom = parseAs('asterisk-cdr', fixture('asterisk/Master_custom.csv', 'latin1'), 'Master_custom.csv');
    const log = parseAs('asterisk-queue-log', fixture('asterisk/queue_log'), 'queue_log');
    // Any delivery order: the CDR first, or the queue_log first.
    for (const records of [
      [...callRecords(cdr, custom), ...waiting, ...callRecords(log)],
      [...callRecords(log), ...waiting, ...callRecords(cdr, custom)],
    ]) {
      const again = rederivePlatformCalls('asterisk-queue-log', records, 'UTC')!;
      expect(again.calls.map((c) => JSON.parse(toContractJson(c.derived.call)))).toEqual(
        golden('asterisk/joined.golden.jsonl'),
      );
    }
    // Alone, the waiting rows stay waiting (kept, with their call id).
    const alone = rederivePlatformCalls('asterisk-cdr', waiting, 'UTC')!;
    expect(alone.calls).toEqual([]);
    expect(alone.kept.map((k) => k.callId)).toEqual(['asterisk:1700000000.1']);
  });

  it('Asterisk: a stored CDR record is read in the time zone of the import that stored it', () => {
    const zone = 'Europe/Copenhagen';
    const cdr = PLATFORM_FORMATS.find((f) => f.id === 'asterisk-cdr')!.parse(fixture('asterisk/Master.csv'), {
      fileLabel: 'm',
      timeZone: zone,
    });
    const waiting = cdr.kept.filter((k) => k.callId).map((k) => ({ origin: k.origin, raw: k.raw, timeZone: zone }));
    const log = parseAs('asterisk-queue-log', fixture('asterisk/queue_log'), 'q');
    const joined = parseAsterisk(
      [{ text: fixture('asterisk/queue_log'), file: 'q' }],
      [{ text: fixture('asterisk/Master.csv'), file: 'm' }],
      zone,
    );
    // The queue_log's epoch times need no zone; the re-derivation's own zone (UTC) must not be used for the CDR.
    const again = rederivePlatformCalls('asterisk-queue-log', [...callRecords(log), ...waiting], 'UTC')!;
    const call = (p: PlatformParse) =>
      p.calls.find((c) => c.derived.call.callId === 'asterisk:1700000000.1')!.derived.call;
    expect(call(again)).toEqual(call(joined));
  });

  it('Asterisk: a CDR line delivered twice counts once', () => {
    const cdr = parseAs('asterisk-cdr', fixture('asterisk/Master.csv'), 'a');
    const again = rederivePlatformCalls(
      'asterisk-cdr',
      [...callRecords(cdr), ...callRecords(parseAs('asterisk-cdr', fixture('asterisk/Master.csv'), 'b'))],
      'UTC',
    )!;
    expect(contracts(again)).toEqual(contracts(cdr));
    expect(again.kept.map((k) => k.reason)).toEqual(['duplicate of a line 2']);
  });

  it('Connect: the same contact delivered twice is a duplicate, not an older version', () => {
    const text = fixture('connect/ctr.jsonl');
    const again = rederivePlatformCalls(
      'amazon-connect-ctr',
      callRecords(parseAs('amazon-connect-ctr', text, 'x'), parseAs('amazon-connect-ctr', text, 'y')),
      'UTC',
    )!;
    expect(contracts(again)).toEqual(contracts(parseAs('amazon-connect-ctr', text, 'x')));
    expect(again.kept.every((k) => /^duplicate of contact [A-F] as delivered in y/.test(k.reason))).toBe(true);
  });

  it('Genesys Cloud: a conversation re-sent with more segments is derived from both deliveries, in either order', () => {
    const full = JSON.parse(fixture('genesys/conversations.json')) as {
      conversations: { participants: { sessions?: { segments?: unknown[] }[] }[] }[];
    };
    // The first delivery: each conversation without its last participant's last segment, and still open.
    const partial = structuredClone(full);
    for (const c of partial.conversations) {
      const seg = (c.participants ?? [])
        .flatMap((p) => p.sessions ?? [])
        .filter((s) => (s.segments?.length ?? 0) > 1)
        .pop();
      seg?.segments?.pop();
      delete (c as Record<string, unknown>)['conversationEnd'];
    }
    const first = parseAs('genesys-cloud-conversations', JSON.stringify(partial), 'early.json');
    const last = parseAs('genesys-cloud-conversations', JSON.stringify(full), 'late.json');
    const again = rederivePlatformCalls('genesys-cloud-conversations', callRecords(first, last), 'UTC')!;
    expect(contracts(again)).toEqual(contracts(last));
    expect(again.kept.length).toBe(callRecords(first).length);
    expect(
      again.kept.every((k) =>
        /^superseded by a newer delivery of conversation .* \(late\.json record \d+\)$/.test(k.reason),
      ),
    ).toBe(true);
    // The later delivery lacking a segment: the earlier one still supplies it.
    const reversed = rederivePlatformCalls('genesys-cloud-conversations', callRecords(last, first), 'UTC')!;
    expect(reversed.calls.length).toBe(last.calls.length);
    expect(reversed.calls.reduce((n, c) => n + c.derived.call.events.length, 0)).toBe(
      last.calls.reduce((n, c) => n + c.derived.call.events.length, 0),
    );
  });
});
