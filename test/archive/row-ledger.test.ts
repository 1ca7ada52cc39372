// The row ledger's decisions one by one (src/shared/model/row-ledger.ts); the parity of convert
// and import over real files is test/archive/row-accounting-parity.test.ts.
import { describe, expect, it } from 'vitest';
import { RowLedger, callRowVerdicts, pendingRowVerdicts, type RowVerdict } from '../../src/shared/model/row-ledger';
import type { DerivedCall } from '../../src/shared/model/archive-call';
import type { ReaderItem } from '../../src/shared/reader/types';

const at = (line: number) => ({ file: 'f.csv', line });

function ledger(): { l: RowLedger; seen: [number, string][] } {
  const seen: [number, string][] = [];
  const l = new RowLedger(
    undefined,
    (o, v: RowVerdict) => void seen.push([o.line, `${v.status} ${v.reason ?? ''}`.trim()]),
  );
  return { l, seen };
}

describe('RowLedger', () => {
  it('a derived call: rows the engine keeps are kept with its reason, the others used', () => {
    expect(callRowVerdicts({ kept: [{ origin: at(2), reason: 'dup' }] }, [at(1), at(2)])).toEqual([
      { status: 'used', reason: null },
      { status: 'kept', reason: 'dup' },
    ]);
  });

  it('a call the engine cannot derive: its rows are kept with the reason, not rejected', () => {
    const { l } = ledger();
    l.visit({ kind: 'row' } as ReaderItem);
    l.visit({ kind: 'row' } as ReaderItem);
    expect(l.undecided).toBe(2);
    expect(l.callNotDerived([at(1), at(2)], new Error('boom\nstack'))).toBe('call not derived: boom');
    expect([l.undecided, l.counts()]).toEqual([0, { read: 2, used: 0, kept: 2, rejected: 0 }]);
  });

  it('records waiting for the rest of their call are kept, with their own reason where they have one', () => {
    expect(pendingRowVerdicts({ kept: [{ origin: at(1), reason: 'own' }] }, 'waits', [at(1), at(2)])).toEqual([
      { status: 'kept', reason: 'own' },
      { status: 'kept', reason: 'waits' },
    ]);
  });

  it('an older companion record of the same key is superseded (kept), the newest used', () => {
    const { l, seen } = ledger();
    const agent = (line: number): ReaderItem => ({
      kind: 'agent',
      origin: at(line),
      agentId: 'A1',
      name: 'x',
      raw: {},
    });
    l.visit(agent(2));
    l.visit(agent(5));
    expect(seen).toEqual([
      [2, 'used'],
      [2, 'kept superseded by a newer record (f.csv, line 5)'],
      [5, 'used'],
    ]);
    expect(l.counts()).toEqual({ read: 2, used: 1, kept: 1, rejected: 0 });
  });

  it('a registration given twice counts once; the copy is kept', () => {
    const { l } = ledger();
    const reg = (line: number): ReaderItem => ({
      kind: 'registration',
      origin: at(line),
      registration: { callId: 'c', agentId: null, text: 't', at: null },
      raw: {},
    });
    expect(l.visit(reg(2))?.status).toBe('used');
    expect(l.visit(reg(3))).toEqual({
      status: 'kept',
      reason: 'duplicate of an enquiry registration already in the archive',
    });
  });

  it("a platform call's records: kept where its mapper keeps them, else used", () => {
    const { l } = ledger();
    const derived = { kept: [{ origin: at(3), reason: 'raw only' }] } as unknown as DerivedCall;
    l.visit({
      kind: 'call',
      derived,
      records: [
        { origin: at(2), raw: {} },
        { origin: at(3), raw: {} },
      ],
    });
    expect(l.counts()).toEqual({ read: 2, used: 1, kept: 1, rejected: 0 });
  });
});
