import { describe, expect, it } from 'vitest';
import { parseInstant, parseSeconds } from '../../src/shared/formats/common/time';

const at = (iso: string): number => Date.parse(iso);

describe('timestamps of the platform exports', () => {
  it.each([
    [1700000000, '2023-11-14T22:13:20.000Z'],
    ['1700000000', '2023-11-14T22:13:20.000Z'],
    ['1700000000.25', '2023-11-14T22:13:20.250Z'],
    [1700000000123, '2023-11-14T22:13:20.123Z'],
    ['1700000000123', '2023-11-14T22:13:20.123Z'],
    ['2023-11-14T22:13:20Z', '2023-11-14T22:13:20.000Z'],
    ['2023-11-14T22:13:20.5Z', '2023-11-14T22:13:20.500Z'],
    ['2023-11-14T23:13:20+01:00', '2023-11-14T22:13:20.000Z'],
    ['2023-11-14T23:13:20+0100', '2023-11-14T22:13:20.000Z'],
    ['2023-11-14 23:13:20.123456+01', '2023-11-14T22:13:20.123Z'],
    ['2023-11-14T17:13:20-05:00', '2023-11-14T22:13:20.000Z'],
    ['2023-11-14 22:13', '2023-11-14T22:13:00.000Z'],
  ])('%s → %s (UTC zone for times without offset)', (input, iso) => {
    expect(parseInstant(input)).toBe(at(iso));
  });

  it('applies the zone only to times without an offset, with its DST rules', () => {
    expect(parseInstant('2024-01-15 10:00:00', 'Europe/Copenhagen')).toBe(at('2024-01-15T09:00:00Z'));
    expect(parseInstant('2024-07-15 10:00:00', 'Europe/Copenhagen')).toBe(at('2024-07-15T08:00:00Z'));
    expect(parseInstant('2024-07-15T10:00:00Z', 'Europe/Copenhagen')).toBe(at('2024-07-15T10:00:00Z'));
  });

  it('reads years before 100 literally', () => {
    expect(new Date(parseInstant('0050-01-01T00:00:00Z')!).getUTCFullYear()).toBe(50);
  });

  it.each([
    '',
    '   ',
    'yesterday',
    '2023-02-30 10:00:00',
    '2023-13-01T00:00:00Z',
    '2023-11-14T24:30:00Z',
    null,
    undefined,
    {},
    Number.NaN,
    1e300,
    '9'.repeat(30),
  ])('%s → null', (input) => {
    expect(parseInstant(input)).toBeNull();
  });

  it('durations: numbers or numeric strings, else null', () => {
    expect(parseSeconds(12.5)).toBe(12.5);
    expect(parseSeconds(' 30 ')).toBe(30);
    expect(parseSeconds('3O')).toBeNull();
    expect(parseSeconds(Number.POSITIVE_INFINITY)).toBeNull();
  });
});
