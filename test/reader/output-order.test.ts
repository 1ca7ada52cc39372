// convert's output order (src/main/readers/output-order.ts): lines that come nearly in order are
// put in order by a small window; lines too far out of order fall back to the full sort. Either
// way the text is every line, in (start, call id) order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderedOutput, type OutputSort } from '../../src/main/readers/output-order';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Line {
  startMs: number;
  callId: string;
  json: string;
}

const line = (startMs: number, callId: string, pad = ''): Line => ({
  startMs,
  callId,
  json: JSON.stringify({ callId, start: new Date(startMs).toISOString(), pad }),
});

/** The full sort as the stage's SQLite table does it: start, then call id by UTF-8 bytes, then as added. */
function memorySort(): OutputSort {
  const all: (Line & { seq: number })[] = [];
  return {
    add: (startMs, callId, json) => void all.push({ startMs, callId, json, seq: all.length }),
    sorted: () =>
      [...all]
        .sort(
          (a, b) =>
            a.startMs - b.startMs || Buffer.compare(Buffer.from(a.callId), Buffer.from(b.callId)) || a.seq - b.seq,
        )
        .map((l) => l.json),
  };
}

function run(lines: Line[], window: number): { text: string; fellBack: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'callscope-order-'));
  dirs.push(dir);
  const out = new OrderedOutput(join(dir, 'out.jsonl'), memorySort, window);
  for (const l of lines) out.add(l.startMs, l.callId, l.json);
  let text = '';
  for (const piece of out.text()) text += piece.toString();
  out.close();
  return { text, fellBack: out.fellBackAt !== null };
}

function sortedText(lines: Line[]): string {
  const s = memorySort();
  for (const l of lines) s.add(l.startMs, l.callId, l.json);
  return [...s.sorted()].map((j) => j + '\n').join('');
}

describe('convert output order', () => {
  it('puts lines a few places out of order in order through the window, without the full sort', () => {
    const lines: Line[] = [];
    for (let i = 0; i < 5000; i++) lines.push(line(1_700_000_000_000 + i * 1000 + ((i * 7919) % 5) * 1500, `C${i}`));
    const r = run(lines, 16);
    expect(r.fellBack).toBe(false);
    expect(r.text).toBe(sortedText(lines));
  });

  it('falls back to the full sort when a line comes after one that must follow it, and loses none', () => {
    const lines = [line(3000, 'b'), line(4000, 'c'), line(5000, 'd'), line(1000, 'a'), line(2000, 'x')];
    const r = run(lines, 1);
    expect(r.fellBack).toBe(true);
    expect(r.text).toBe(sortedText(lines));
    expect(r.text.split('\n').filter(Boolean)).toHaveLength(5);
  });

  it('orders call ids as SQLite does (UTF-8 bytes), also beyond the Basic Multilingual Plane', () => {
    const lines = [line(1000, '\u{1F600}'), line(1000, '\uFF21'), line(1000, 'z'), line(1000, 'é')];
    for (const window of [0, 8]) expect(run(lines, window).text).toBe(sortedText(lines));
  });

  it('keeps multi-byte text and lines longer than its read buffer whole', () => {
    const long = 'æøå€'.repeat(400_000); // ~4 MB of UTF-8 in one line
    const lines = [line(1000, 'a', long), line(2000, 'b', 'ø'.repeat(700_000)), line(3000, 'c', 'x')];
    expect(run(lines, 0).text).toBe(sortedText(lines));
  });

  it('is empty without lines', () => {
    expect(run([], 4).text).toBe('');
  });
});
