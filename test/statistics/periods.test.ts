// The Statistics view's period shortcuts: whole weeks (Monday–Sunday) and months counted from the
// archive's newest call.
import { describe, expect, it } from 'vitest';
import { periodOf, periodRange } from '../../src/shared/statistics';

// Thursday 12 March 2026 is the newest call's day.
const days = { first: '2026-01-05', last: '2026-03-12' };

describe('statistics periods', () => {
  it("the latest week is the newest call's Monday to Sunday; the previous week the seven days before", () => {
    expect(periodRange('week', days)).toEqual({ from: '2026-03-09', to: '2026-03-15' });
    expect(periodRange('prevWeek', days)).toEqual({ from: '2026-03-02', to: '2026-03-08' });
  });

  it('a newest call on a Sunday or a Monday belongs to the week that ends or starts that day', () => {
    expect(periodRange('week', { ...days, last: '2026-03-15' })).toEqual({ from: '2026-03-09', to: '2026-03-15' });
    expect(periodRange('week', { ...days, last: '2026-03-16' })).toEqual({ from: '2026-03-16', to: '2026-03-22' });
  });

  it('weeks across a month and a year end', () => {
    expect(periodRange('week', { ...days, last: '2027-01-01' })).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(periodRange('prevWeek', { ...days, last: '2026-03-03' })).toEqual({ from: '2026-02-23', to: '2026-03-01' });
  });

  it("months: the newest call's calendar month and the one before, leap years and January included", () => {
    expect(periodRange('month', days)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(periodRange('prevMonth', days)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRange('prevMonth', { ...days, last: '2028-03-31' })).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodRange('prevMonth', { ...days, last: '2027-01-15' })).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it("the whole archive is its first to its newest call's day", () => {
    expect(periodRange('all', days)).toEqual({ from: '2026-01-05', to: '2026-03-12' });
  });

  it('periodOf names the period the dates are, else none (dates typed by hand)', () => {
    expect(periodOf({ from: '2026-03-09', to: '2026-03-15' }, days)).toBe('week');
    expect(periodOf({ from: '2026-01-05', to: '2026-03-12' }, days)).toBe('all');
    expect(periodOf({ from: '2026-03-09', to: '2026-03-14' }, days)).toBeNull();
  });

  it('a date that is not YYYY-MM-DD is refused, not read as another day', () => {
    expect(() => periodRange('week', { ...days, last: '12/03/2026' })).toThrow(/not a date/);
  });
});
