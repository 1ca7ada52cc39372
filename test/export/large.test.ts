// A 100,000-call export in a test: the writers page through a result far larger
// than any page and hold only one page at a time. The source is synthetic (an
// archive of 100k calls takes minutes to import on a loaded laptop; the real
// archive is exported at 1M calls in `npm run bench`), but it pages the way the
// API does: by keyset cursor, up to 1000 rows a page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallListRow, CallPage, CallSearch } from '../../src/shared/api/archive-api';
import { exportResult, type ExportSource } from '../../src/main/export/run-export';
import { tempDir } from '../archive/fixtures';

const N = 100_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');

function row(i: number): CallListRow {
  return {
    callId: `c${String(i).padStart(6, '0')}`,
    type: 'inbound',
    start: new Date(T0 + i * 30_000).toISOString(),
    end: new Date(T0 + i * 30_000 + 95_500).toISOString(),
    callerNumber: `+45${20_000_000 + i}`,
    accessNumber: '70201020',
    queue: i % 7 === 0 ? 'Sales; Nordic' : 'Support',
    agent: i % 4 === 3 ? null : `Agent ${i % 50}`,
    outcome: i % 4 === 3 ? 'abandoned' : 'answered',
    timeBeforeAnswerSec: i % 4 === 3 ? null : 12.5,
    waitTimeSec: 10,
    speakTimeSec: 80,
    callbackAttempts: null,
  };
}

/** Pages of at most `limit` rows; the cursor is the next row's number (what a keyset cursor stands for). */
function syntheticSource(n: number): ExportSource & { pages: number; maxLimit: number } {
  const src = {
    pages: 0,
    maxLimit: 0,
    calls: {
      search: async (q: CallSearch): Promise<CallPage> => {
        const from = q.cursor ? Number(q.cursor) : 0;
        const limit = q.limit ?? 100;
        src.pages += 1;
        src.maxLimit = Math.max(src.maxLimit, limit);
        const rows = Array.from({ length: Math.min(limit, n - from) }, (_, k) => row(from + k));
        const next = from + rows.length;
        return { rows, total: n, nextCursor: next < n ? String(next) : null };
      },
      get: async () => null,
    },
    contractJson: (id: string) => JSON.stringify({ callId: id }),
  };
  return src;
}

describe('a 100,000-call export', () => {
  it("writes every call once, in order, through 1000-row pages (CSV ';')", async () => {
    const out = join(tempDir('callscope-export-'), 'calls.csv');
    const source = syntheticSource(N);
    const seen: number[] = [];
    const summary = await exportResult(
      source,
      {},
      {
        format: 'csv',
        separator: ';',
        timeZone: 'Europe/Copenhagen',
        callsPath: out,
        onProgress: (p) => seen.push(p.calls),
      },
    );
    expect(summary).toMatchObject({ calls: N, total: N });
    expect(source.pages).toBe(N / 1000);
    expect(source.maxLimit).toBe(1000);
    expect(seen.at(-1)).toBe(N);
    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(N + 1);
    expect(lines[1]).toBe(
      'c000000;inbound;2026-03-01T01:00:00.000+01:00;2026-03-01 01:00:00;2026-03-01T01:01:35.500+01:00;' +
        // The caller's number `+45…` is written as text for a spreadsheet (spreadsheetText).
        `2026-03-01 01:01:35;Europe/Copenhagen;95,5;'+4520000000;70201020;"Sales; Nordic";Agent 0;answered;12,5;10;80;`,
    );
    const ids = lines.slice(1).map((l) => l.slice(0, 7));
    expect(ids[N - 1]).toBe('c099999');
    expect(new Set(ids).size).toBe(N);
    expect(ids.every((id, i) => id === row(i).callId)).toBe(true);
  });
});
