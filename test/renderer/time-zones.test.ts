// @vitest-environment happy-dom
// Times carry the offset of their own instant (issue 14 item 1, issue 13 item 7): a September call
// reads +02 and a December one +01 in Copenhagen; the display zone follows the setting (export
// zone by default, this computer's, or UTC); a call over midnight shows dates; long durations read in hours.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import EventTable from '../../src/renderer/src/components/EventTable.vue';
import {
  clockWithColons,
  displayZone,
  formatClock,
  formatDateTime,
  formatFullTime,
  formatListTime,
  machineTimeZone,
  zoneShortName,
  offsetAt,
  spansDays,
  zoneFor,
} from '../../src/renderer/src/format';
import { useArchiveStore } from '../../src/renderer/src/stores/archive';
import { useSettingsStore } from '../../src/renderer/src/stores/settings';
import { formatDuration } from '../../src/shared/chart/event-rows';
import { callbackOverDst, callbackSecondAttempt, detailOf } from './fixtures';
import { setupEnv } from './mount-helpers';

const initial = displayZone.value;
afterEach(() => {
  displayZone.value = initial;
  localStorage.clear();
});

describe('times with the offset of their own instant', () => {
  it('a September (summer time) and a December call in Copenhagen read +02 and +01', () => {
    displayZone.value = 'Europe/Copenhagen';
    expect(formatListTime('2026-09-14T08:03:12Z')).toBe('2026-09-14 10:03:12 +02');
    expect(formatListTime('2026-12-14T08:03:12Z')).toBe('2026-12-14 09:03:12 +01');
    expect(offsetAt('2026-09-14T08:03:12Z')).toBe('+02:00');
    expect(formatFullTime('2026-09-14T08:03:12.250Z', 'en')).toMatch(/10:03:12\.250 \+02:00$/);
    expect(formatDateTime('2026-12-14T08:03:12Z', 'da')).toMatch(/09[.:]03 \+01:00$/);
  });

  it('writes clock times with colons in Danish too (as the list does), the milliseconds after a comma', () => {
    displayZone.value = 'Europe/Copenhagen';
    expect(formatFullTime('2026-09-14T08:03:12.250Z', 'da')).toBe('14. sep. 2026, 10:03:12,250 +02:00');
    expect(formatDateTime('2026-12-14T08:03:12Z', 'da')).toBe('14. dec. 2026, 09:03 +01:00');
    expect(formatClock('2026-12-14T08:03:12Z', 'da')).toBe('09:03:12');
    // A date's own dots stay ("14. sep."): only the separators between clock fields change.
    expect(
      clockWithColons([
        { type: 'day', value: '14' },
        { type: 'literal', value: '. ' },
        { type: 'month', value: 'sep.' },
      ]),
    ).toBe('14. sep.');
  });

  it('keeps a half-hour offset and UTC exact', () => {
    displayZone.value = 'Asia/Kolkata';
    expect(formatListTime('2026-09-14T08:00:00Z')).toBe('2026-09-14 13:30:00 +05:30');
    displayZone.value = 'UTC';
    expect(formatListTime('2026-09-14T08:00:00Z')).toBe('2026-09-14 08:00:00 +00');
    displayZone.value = 'America/New_York';
    expect(offsetAt('2026-01-14T08:00:00Z')).toBe('-05:00');
  });

  it("picks the display zone: the exports' zone by default, else this computer's, or UTC", () => {
    expect(zoneFor('export', 'Europe/Copenhagen')).toBe('Europe/Copenhagen');
    expect(zoneFor('export', null)).toBe(machineTimeZone());
    expect(zoneFor('computer', 'Europe/Copenhagen')).toBe(machineTimeZone());
    expect(zoneFor('utc', 'Europe/Copenhagen')).toBe('UTC');
  });

  it('names a zone by its last part where the header is tight (the full id stays in the tooltip)', () => {
    expect(zoneShortName('Europe/Copenhagen')).toBe('Copenhagen');
    expect(zoneShortName('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneShortName('UTC')).toBe('UTC');
  });

  it('the settings store sets the display zone from the archive and remembers the choice', async () => {
    setupEnv();
    const settings = useSettingsStore();
    await useArchiveStore().load();
    await flushPromises();
    expect(settings.zoneMode).toBe('export');
    expect(displayZone.value).toBe('Europe/Copenhagen');
    settings.zoneMode = 'utc';
    await flushPromises();
    expect(displayZone.value).toBe('UTC');
    expect(localStorage.getItem('callscope.zoneMode')).toBe('utc');
  });

  it('durations of an hour or more read in hours and minutes', () => {
    expect(formatDuration(172866)).toBe('48 h 01 min');
    expect(formatDuration(3600)).toBe('1 h 00 min');
    expect(formatDuration(3599)).toBe('59:59');
  });
});

describe('a call that spans days (and a DST change) in the events table', () => {
  it('shows dates and each time with its own offset', () => {
    displayZone.value = 'Europe/Copenhagen';
    expect(spansDays(callbackOverDst.start, callbackOverDst.end)).toBe(true);
    const env = setupEnv();
    const w = mount(EventTable, { props: { detail: detailOf(callbackOverDst) }, global: { plugins: env.plugins } });
    const cells = w.findAll('tbody tr.event').map((r) => r.findAll('td').map((c) => c.text()));
    // Start 24 Oct 10:00:00 (summer time, +02), answered 26 Oct 09:01:06 (winter time, +01).
    expect(cells[0]![2]).toBe('24 Oct, 10:00:00 +02:00');
    expect(cells[2]![2]).toBe('26 Oct, 09:01:06 +01:00');
    expect(cells[1]![4]).toBe('48 h 00 min');
  });

  it('a call within one day shows clock times and names its one offset in the header', () => {
    displayZone.value = 'Europe/Copenhagen';
    const env = setupEnv({ locale: 'da' });
    const w = mount(EventTable, {
      props: { detail: detailOf(callbackSecondAttempt) },
      global: { plugins: env.plugins },
    });
    expect(w.findAll('thead th')[2]!.text()).toBe('Start (+01:00)');
    expect(w.findAll('tbody tr.event')[0]!.findAll('td')[2]!.text()).toBe('09:00:00');
  });
});
