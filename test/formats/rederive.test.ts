// Exports cut in the middle of a call (spec section 6): a call whose records
// came in several files is derived again from all of them (what the archive
// does when a platform call arrives in a later import).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toContractJson } from '../../src/shared/engine/contract-json';
import { PLATFORM_FORMATS, rederivePlatformCalls } from '../../src/shared/formats';
import type { PlatformParse, PlatformRecord } from '../../src/shared/formats';
import { fixture } from './helpers';

const parseAs = (id: string, text: string, file: string): PlatformParse =>
  PLATFORM_FORMATS.find((f) => f.id === id)!.parse(text, { fileLabel: file, timeZone: 'UTC' });
const contracts = (p: PlatformParse): string[] => p.calls.map((c) => toContractJson(c.derived.call)).sort();
const callRecords = (...parses: PlatformParse[]): PlatformRecord[] => parses.flatMap((p) => p.calls.flatMap((c) => c.records));

describe('re-deriving platform calls from records of several imports', () => {
  it('Asterisk: a queue_log split anywhere gives the same calls once re-derived', () => {
    const lines = fixture('asterisk/queue_log').split('\n').filter((l) => l !== '');
    const whole = contracts(parseAs('asterisk-queue-log', lines.join('\n'), 'q'));
    fc.assert(fc.property(fc.integer({ min: 1, max: lines.length - 1 }), (cut) => {
      const a = parseAs('asterisk-queue-log', lines.slice(0, cut).join('\n'), 'q1');
      const b = parseAs('asterisk-queue-log', lines.slice(cut).join('\n'), 'q2');
      const again = rederivePlatformCalls('asterisk-queue-log', callRecords(a, b), 'UTC')!;
      expect(contracts(again)).toEqual(whole);
    }), { numRuns: 45 });
  });

  it('Asterisk: overlapping exports (the same lines twice) count each line once', () => {
    const text = fixture('asterisk/queue_log');
    const again = rederivePlatformCalls('asterisk-queue-log', callRecords(parseAs('asterisk-queue-log', text, 'day1'), parseAs('asterisk-queue-log', text, 'day1-again')), 'UTC')!;
    expect(contracts(again)).toEqual(contracts(parseAs('asterisk-queue-log', text, 'q')));
    // Call 1700000000.1 has five lines (DID, ENTERQUEUE, RINGNOANSWER, CONNECT, COMPLETECALLER).
    expect(again.calls[0]!.derived.kept.filter((k) => k.reason.startsWith('duplicate of day1 line'))).toHaveLength(5);
  });

  it('Connect: one contact record a file (Firehose) gives the same calls once re-derived, older versions kept', () => {
    const lines = fixture('connect/ctr.jsonl').split('\n').filter((l) => l.startsWith('{"'));
    const whole = parseAs('amazon-connect-ctr', lines.join('\n'), 'all');
    const parts = lines.map((l, i) => parseAs('amazon-connect-ctr', l, `part-${i}`));
    // The archive holds each part's call records, and the superseded versions it kept.
    const stored = [...callRecords(...parts)];
    const again = rederivePlatformCalls('amazon-connect-ctr', stored, 'UTC')!;
    expect(contracts(again)).toEqual(contracts(whole).filter((c) => !c.includes('"connect:G"')));
    expect(again.kept.map((k) => k.reason)).toEqual(['older version of contact A (LastUpdateTimestamp 2023-11-14T10:01:00Z): superseded']);
  });

  it('Genesys Cloud: a conversation is delivered whole, so there is nothing to merge', () => {
    expect(rederivePlatformCalls('genesys-cloud-conversations', [], 'UTC')).toBeNull();
  });
});
