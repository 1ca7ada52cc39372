// Local wall-clock times → UTC in the solution's zone, DST rule, decimals.
import { describe, expect, it } from 'vitest';
import { cellToUtc, InvalidTimeZoneError, parseWallClock, ZoneClock } from '../../src/shared/reader/local-time';
import { parseDecimal } from '../../src/shared/reader/records';
import { readExportItems } from '../../src/main/readers/index';
import { ReaderError } from '../../src/main/readers/index';
import { readText, rows, writeTemp } from './helpers';

const oslo = new ZoneClock('Europe/Oslo');
const utc = (text: string, notBefore?: number) => cellToUtc(oslo, text, notBefore);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('local time → UTC (Europe/Oslo)', () => {
  it('uses +01:00 in winter and +02:00 in summer', () => {
    expect(iso(utc('2024-01-15 12:00:00'))).toBe('2024-01-15T11:00:00.000Z');
    expect(iso(utc('2024-07-15 12:00:00.250'))).toBe('2024-07-15T10:00:00.250Z');
  });

  it('spring-forward: times before and after the gap are exact; a time inside the gap is shifted forward by the gap', () => {
    // 2024-03-31: 02:00 local jumps to 03:00 (01:00Z).
    expect(iso(utc('2024-03-31 01:59:59'))).toBe('2024-03-31T00:59:59.000Z');
    expect(iso(utc('2024-03-31 03:00:00'))).toBe('2024-03-31T01:00:00.000Z');
    expect(iso(utc('2024-03-31 02:30:00'))).toBe('2024-03-31T01:30:00.000Z'); // = 03:30 CEST
  });

  it('fall-back: an ambiguous time is the earlier (summer-time) instant', () => {
    // 2024-10-27: 03:00 CEST goes back to 02:00 CET; 02:00–02:59 occurs twice.
    expect(iso(utc('2024-10-27 01:59:59'))).toBe('2024-10-26T23:59:59.000Z');
    expect(iso(utc('2024-10-27 02:30:00'))).toBe('2024-10-27T00:30:00.000Z');
    expect(iso(utc('2024-10-27 03:00:00'))).toBe('2024-10-27T02:00:00.000Z');
  });

  it('fall-back: a time that must not precede another (speak start after start) takes the later instant', () => {
    const start = utc('2024-10-27 02:50:00') as number; // 00:50Z, first pass
    expect(iso(utc('2024-10-27 02:10:00', start))).toBe('2024-10-27T01:10:00.000Z'); // second pass
    expect(iso(utc('2024-10-27 02:55:00', start))).toBe('2024-10-27T00:55:00.000Z'); // still the first pass
  });

  it('honours an explicit offset or Z and accepts T and comma fractions', () => {
    expect(iso(utc('2024-07-15T12:00:00Z'))).toBe('2024-07-15T12:00:00.000Z');
    expect(iso(utc('2024-07-15 12:00:00+05:30'))).toBe('2024-07-15T06:30:00.000Z');
    expect(iso(utc('2024-07-15 12:00:00,5'))).toBe('2024-07-15T10:00:00.500Z');
    expect(iso(utc('2024-07-15 12:00'))).toBe('2024-07-15T10:00:00.000Z');
  });

  it('refuses impossible or malformed dates', () => {
    for (const bad of [
      '2024-02-30 10:00:00',
      '2024-13-01 00:00:00',
      '15/07/2024 12:00',
      '2024-07-15 25:00:00',
      'yesterday',
      '2024-07-15 12:00:00 junk',
    ]) {
      expect(parseWallClock(bad), bad).toBeNull();
    }
  });

  it('rejects an unknown IANA zone with a clear error, at the clock and when opening a file', async () => {
    expect(() => new ZoneClock('Europe/Olso')).toThrow(InvalidTimeZoneError);
    const p = writeTemp('call_id,event_type,dte_start,duration_tot_sec\n1,i,2024-01-01 00:00:00,0\n');
    await expect(readExportItems(p, { timeZone: 'Mars/Olympus' })).rejects.toThrow(ReaderError);
    await expect(readExportItems(p, { timeZone: 'Mars/Olympus' })).rejects.toThrow(/unknown time zone "Mars\/Olympus"/);
  });

  it('applies the zone to every time column of a file read through the reader', async () => {
    const text =
      'call_id,event_type,dte_start,duration_tot_sec,dte_speak_start,duration_speak_sec,dte_updated\n' +
      '1,c,2024-10-27 02:50:00,1800,2024-10-27 02:10:00,1200,2024-10-27 04:00:00\n' +
      '2,c,2024-03-31 02:30:00,60,,,\n';
    const r = rows((await readText(text, 'Europe/Oslo')).items);
    expect(iso(r[0]?.start ?? null)).toBe('2024-10-27T00:50:00.000Z');
    expect(iso(r[0]?.speakStart ?? null)).toBe('2024-10-27T01:10:00.000Z');
    expect(iso(r[0]?.updated ?? null)).toBe('2024-10-27T03:00:00.000Z');
    expect(iso(r[1]?.start ?? null)).toBe('2024-03-31T01:30:00.000Z');
  });
});

describe('decimals', () => {
  it('reads "." and "," decimals, blanks as null, other text as NaN', () => {
    expect(parseDecimal('12.5')).toBe(12.5);
    expect(parseDecimal(' 12,5 ')).toBe(12.5);
    expect(parseDecimal('7')).toBe(7);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('NULL')).toBeNull();
    expect(parseDecimal('1,234.5')).toBeNaN();
    expect(parseDecimal('abc')).toBeNaN();
  });
});
