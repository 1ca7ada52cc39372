// Records out of order (spec section 6): the same calls whatever the order of
// the records in the file, for every platform.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toContractJson } from '../../src/shared/engine/contract-json';
import { PLATFORM_FORMATS } from '../../src/shared/formats';
import { fixture } from './helpers';

const opts = { fileLabel: 'f', timeZone: 'UTC' };
const callsOf = (id: string, text: string): string[] =>
  PLATFORM_FORMATS.find((f) => f.id === id)!
    .parse(text, opts)
    .calls.map((c) => toContractJson(c.derived.call))
    .sort();

describe('record order does not matter', () => {
  it.each([
    ['asterisk-queue-log', 'asterisk/queue_log'],
    ['amazon-connect-ctr', 'connect/ctr.jsonl'],
  ])('%s: shuffled lines give the same calls', (id, rel) => {
    const lines = fixture(rel)
      .split('\n')
      .filter((l) => l !== '');
    const expected = callsOf(id, lines.join('\n'));
    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }), (shuffled) => {
        expect(callsOf(id, shuffled.join('\n'))).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('genesys-cloud-conversations: shuffled participants and segments give the same calls', () => {
    const doc = JSON.parse(fixture('genesys/conversations.json')) as {
      conversations: { participants?: { sessions?: { segments?: unknown[] }[] }[] }[];
    };
    const expected = callsOf('genesys-cloud-conversations', JSON.stringify(doc));
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        let x = seed;
        const rnd = (): number => (x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
        const shuffle = <T>(a: T[]): T[] =>
          a
            .map((v) => [rnd(), v] as const)
            .sort((p, q) => p[0] - q[0])
            .map((p) => p[1]);
        const copy = structuredClone(doc);
        for (const c of copy.conversations) {
          if (!c.participants) continue;
          c.participants = shuffle(c.participants);
          for (const p of c.participants)
            for (const s of p.sessions ?? []) if (s.segments) s.segments = shuffle(s.segments);
        }
        expect(callsOf('genesys-cloud-conversations', JSON.stringify(copy))).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});
