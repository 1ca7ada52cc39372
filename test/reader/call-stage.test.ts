// The convert stage (src/main/readers/call-stage.ts): companion lookups read beside the calls in
// call_id order (and on their own when asked out of that order), and the output sorted in SQLite
// when it comes too far out of order for the window of ./output-order.
import { afterEach, describe, expect, it } from 'vitest';
import { CallStage } from '../../src/main/readers/call-stage';
import { REORDER_WINDOW } from '../../src/main/readers/output-order';

const stages: CallStage[] = [];
afterEach(() => {
  for (const s of stages.splice(0)) s.close();
});

function stage(): CallStage {
  const s = new CallStage();
  stages.push(s);
  return s;
}

describe('convert stage', () => {
  it('gives each call its registrations and variables, in call_id order or not', () => {
    const s = stage();
    for (const id of ['c3', 'c1', 'c2', 'c1']) s.addRegistration({ callId: id, agentId: 'A', text: `r-${id}`, at: 1 });
    s.addVariable('c2', 'mode', 'preview');
    s.addVariable('c2', 'mode', 'power'); // the later value wins, as before
    s.addVariable('c4', 'contact_id', 'K9');
    s.seal();
    const c = s.companions();
    expect(c.registrations('c1').map((r) => r.text)).toEqual(['r-c1', 'r-c1']);
    expect(c.registrations('c1')).toHaveLength(2); // the same call again
    expect(c.variables('c2')).toEqual({ mode: 'power' });
    expect(c.registrations('c2').map((r) => r.text)).toEqual(['r-c2']);
    expect(c.variables('c1')).toEqual({}); // before the last one asked: looked up on its own
    expect(c.registrations('c1').map((r) => r.text)).toEqual(['r-c1', 'r-c1']);
    expect(c.variables('c4')).toEqual({ contact_id: 'K9' });
    expect(c.registrations('c5')).toEqual([]);
  });

  it('sorts the output in SQLite when it comes too far out of order, and loses no line', () => {
    const s = stage();
    s.seal();
    const n = REORDER_WINDOW * 2 + 10;
    const lines: string[] = [];
    for (let i = n; i > 0; i--) {
      const json = JSON.stringify({ callId: `C${i}`, start: new Date(i * 1000).toISOString() });
      lines.push(json);
      s.addOutput(i * 1000, `C${i}`, json);
    }
    let text = '';
    for (const piece of s.outputText()) text += piece.toString();
    expect(s.outputWasOrdered).toBe(false);
    expect(text).toBe(
      lines
        .reverse()
        .map((l) => l + '\n')
        .join(''),
    );
  });
});
