// The small helpers that replaced copies spread over the code (#17 item 6).
import { describe, expect, it } from 'vitest';
import { EARLIEST_MS, LATEST_MS, fromMs, rangeMs, toMs } from '../../src/main/api/query-time';
import { originKey } from '../../src/shared/model/call-events';
import { FIRST_LINE_MAX, firstLine } from '../../src/shared/text/first-line';

describe('firstLine', () => {
  it('keeps only the first line of an error message (no stack or SQL from later lines)', () => {
    expect(firstLine(new Error('disk I/O error\n    at Database.exec (x.js:1)'))).toBe('disk I/O error');
    expect(firstLine(new Error('a\r\nb'))).toBe('a');
  });
  it('accepts strings and other thrown values', () => {
    expect(firstLine('plain\nsecond')).toBe('plain');
    expect(firstLine(42)).toBe('42');
  });
  it('gives the fallback for an empty message', () => {
    expect(firstLine(new Error(''), 'export failed')).toBe('export failed');
    expect(firstLine('\nsecond line only', 'failed')).toBe('failed');
  });
  it('keeps a long line whole unless asked to cut it', () => {
    expect(firstLine('x'.repeat(1000))).toHaveLength(1000);
  });
  it(`cuts a long line to ${FIRST_LINE_MAX} characters with an ellipsis when asked`, () => {
    const out = firstLine('x'.repeat(1000), '', FIRST_LINE_MAX);
    expect(out).toHaveLength(FIRST_LINE_MAX);
    expect(out.endsWith('...')).toBe(true);
  });
});

describe('query time range', () => {
  const from = '2026-03-29T00:30:00.000Z';
  const to = '2026-03-30T00:00:00+02:00';
  it('converts ISO instants with any offset to epoch ms', () => {
    expect(fromMs({ from })).toBe(Date.UTC(2026, 2, 29, 0, 30));
    expect(toMs({ to })).toBe(Date.UTC(2026, 2, 29, 22, 0));
  });
  it('gives null for an open end, and the extreme instants in a range', () => {
    expect(fromMs({})).toBeNull();
    expect(toMs({ from })).toBeNull();
    expect(rangeMs({})).toEqual({ from: EARLIEST_MS, to: LATEST_MS });
    expect(rangeMs({ to })).toEqual({ from: EARLIEST_MS, to: Date.UTC(2026, 2, 29, 22, 0) });
  });
  it('open ends are the limits of a JavaScript Date', () => {
    expect(new Date(EARLIEST_MS).getTime()).toBe(EARLIEST_MS);
    expect(Number.isNaN(new Date(LATEST_MS + 1).getTime())).toBe(true);
  });
});

describe('originKey', () => {
  it('names a row as file:line', () => {
    expect(originKey({ file: 'calls 2026.csv', line: 17 })).toBe('calls 2026.csv:17');
  });
});
