// Properties over generated calls of every flow (arbitraries.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveCall, toContractJson } from '../../src/shared/engine';
import type { CallEventRow } from '../../src/shared/model/call-events';
import { isAnsweredLeg } from '../../src/shared/engine/rows';
import { anyCall } from './arbitraries';
import { companions } from './builders';

const none = companions();
const runs = { numRuns: 300 };
const originKey = (o: { file: string; line: number }) => `${o.file}:${o.line}`;

describe('engine properties', () => {
  it('P1 no event ends before it starts, durations match start/end, events are in start order', () => {
    fc.assert(
      fc.property(anyCall, (rows) => {
        const { call } = deriveCall(rows, none);
        let prev = -Infinity;
        for (const e of call.events) {
          const s = Date.parse(e.start);
          const en = Date.parse(e.end);
          expect(en).toBeGreaterThanOrEqual(s);
          expect(e.durationSec).toBeCloseTo((en - s) / 1000, 6);
          expect(s).toBeGreaterThanOrEqual(prev);
          prev = s;
        }
        expect(Date.parse(call.end)).toBeGreaterThanOrEqual(Date.parse(call.start));
      }),
      runs,
    );
  });

  it('P2 speaktime equals the sum of Conversation and Consult durations', () => {
    fc.assert(
      fc.property(anyCall, (rows) => {
        const { call } = deriveCall(rows, none);
        const sum = call.events
          .filter((e) => e.type === 'conversation' || e.type === 'consult')
          .reduce((s, e) => s + e.durationSec, 0);
        expect(Math.abs(call.speakTimeSec - sum)).toBeLessThan(0.0015);
      }),
      runs,
    );
  });

  it('P3 an agent who never answered is never involved', () => {
    fc.assert(
      fc.property(anyCall, (rows) => {
        const d = deriveCall(rows, none);
        const answered = new Set(rows.filter(isAnsweredLeg).map((r) => r.agentId));
        for (const a of d.agentIds ?? []) expect(answered.has(a)).toBe(true);
        for (const e of d.call.events)
          if (e.type === 'conversation' || e.type === 'consult') expect(answered.has(e.agent)).toBe(true);
      }),
      runs,
    );
  });

  it('P4 every input row is accounted for: behind an event, a call field, or kept with a reason', () => {
    const withDuplicates = anyCall.chain((rows) =>
      fc
        .subarray(rows)
        .map((dups) => [...rows, ...dups.map((r) => ({ ...r, origin: { file: 'again.csv', line: r.origin.line } }))]),
    );
    fc.assert(
      fc.property(withDuplicates, (rows) => {
        const d = deriveCall(rows, none);
        const seen = new Set(
          [...d.eventSources.flat(), ...(d.callSources ?? []), ...d.kept.map((k) => k.origin)].map(originKey),
        );
        for (const r of rows) expect(seen.has(originKey(r.origin))).toBe(true);
        for (const k of d.kept) expect(k.reason.length).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('P5 the output does not depend on the input order (nor on duplicates of rows)', () => {
    const shuffled = anyCall.chain((rows) =>
      fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length })),
    );
    fc.assert(
      fc.property(shuffled, ([rows, perm]) => {
        const a = deriveCall(rows, none);
        const b = deriveCall(perm, none);
        expect(toContractJson(b.call)).toBe(toContractJson(a.call));
        expect(b.eventSources).toEqual(a.eventSources);
        expect(b.kept).toEqual(a.kept);
        const dup: CallEventRow[] = [
          ...perm,
          ...rows.map((r) => ({ ...r, origin: { file: 'zz.csv', line: r.origin.line } })),
        ];
        expect(toContractJson(deriveCall(dup, none).call)).toBe(toContractJson(a.call));
      }),
      runs,
    );
  });

  it('P6 deterministic: the same rows give byte-equal output', () => {
    fc.assert(
      fc.property(anyCall, (rows) => {
        const a = deriveCall(rows, none);
        const b = deriveCall(
          rows.map((r) => ({ ...r })),
          none,
        );
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      runs,
    );
  });
});

describe('iso', () => {
  it('P7 the fast ISO formatter equals Date.prototype.toISOString for any millisecond', async () => {
    const { iso } = await import('../../src/shared/engine/draft');
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(iso(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5000 },
    );
    for (const ms of [0, -1, 951782400000, 1709164800000, 253402300799999, -62167219200000])
      expect(iso(ms)).toBe(new Date(ms).toISOString());
  });
});

describe('one status at a time', () => {
  it('P8 apart from menus (messages), no two events overlap in time', () => {
    fc.assert(
      fc.property(anyCall, (rows) => {
        const events = deriveCall(rows, none)
          .call.events.filter((e) => e.type !== 'menu')
          .map((e) => ({ s: Date.parse(e.start), e: Date.parse(e.end), t: e.type }));
        for (let i = 0; i < events.length; i++) {
          for (let j = i + 1; j < events.length; j++) {
            const a = events[i]!;
            const b = events[j]!;
            const overlap = Math.min(a.e, b.e) - Math.max(a.s, b.s);
            expect(overlap, `${a.t} ${a.s}-${a.e} overlaps ${b.t} ${b.s}-${b.e}`).toBeLessThanOrEqual(0);
          }
        }
      }),
      runs,
    );
  });
});

describe('re-delivery', () => {
  it('P9 a full re-delivery (new rec_ids, newer dte_updated, another file) gives the same call; every older row is kept as superseded', () => {
    fc.assert(
      fc.property(anyCall, fc.boolean(), (rows, laterFirst) => {
        const old = rows.map((r) => ({ ...r, updated: 1 }));
        const fresh = rows.map((r) => ({
          ...r,
          recId: `new-${r.recId}`,
          updated: 2,
          origin: { file: 'later.csv', line: r.origin.line },
        }));
        const d = deriveCall(laterFirst ? [...fresh, ...old] : [...old, ...fresh], none);
        const base = deriveCall(rows, none);
        expect(toContractJson(d.call)).toBe(toContractJson(base.call));
        // Kept: every older row (superseded), plus what the base derivation keeps anyway (e.g. a leg with nothing to draw).
        const superseded = d.kept.filter((k) => k.reason.startsWith('superseded by a re-delivery'));
        expect(superseded.map((k) => originKey(k.origin)).sort()).toEqual(old.map((r) => originKey(r.origin)).sort());
        expect(d.kept.filter((k) => !superseded.includes(k)).map((k) => [k.origin.line, k.reason])).toEqual(
          base.kept.map((k) => [k.origin.line, k.reason]),
        );
      }),
      runs,
    );
  });
});
