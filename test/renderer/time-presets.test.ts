// @vitest-environment happy-dom
// Issue 14 item 9: presets count back from the archive's newest call; the time chip shows hours
// when the range is not whole days; the empty list says what period the archive covers.
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  archivePeriod,
  fromZoneInput,
  presetRange,
  timeChipText,
  toZoneInput,
  wallToInstant,
} from '../../src/renderer/src/time-presets';
import CallTable from '../../src/renderer/src/components/CallTable.vue';
import { useArchiveStore } from '../../src/renderer/src/stores/archive';
import { useCallsStore } from '../../src/renderer/src/stores/calls';
import { displayZone } from '../../src/renderer/src/format';
import { fakeLayout, setupEnv, type TestEnv } from './mount-helpers';

/** Copenhagen: +02:00 until 2026-10-25 01:00 UTC, +01:00 after. */
const cph = (ms: number) => (ms < Date.parse('2026-10-25T01:00:00Z') ? 120 : 60);
const utc = () => 0;
const NOW = Date.parse('2026-12-05T22:55:00Z');

describe('presetRange', () => {
  it('counts back from the newest call, not from now', () => {
    expect(presetRange('7d', '2026-10-06T09:15:00.000Z', NOW, utc)).toEqual({
      from: '2026-09-30T00:00:00.000Z',
      to: '2026-10-07T00:00:00.000Z',
    });
    expect(presetRange('30d', '2026-10-06T09:15:00.000Z', NOW, utc).from).toBe('2026-09-07T00:00:00.000Z');
    // 24 hours end at the whole hour after the newest call (the newest call is inside).
    expect(presetRange('24h', '2026-10-06T09:15:00.000Z', NOW, utc)).toEqual({
      from: '2026-10-05T10:00:00.000Z',
      to: '2026-10-06T10:00:00.000Z',
    });
  });

  it('counts days in the display zone, across a change of its offset', () => {
    // The newest call on 2026-10-27 (after the change to winter time): 30 days back reach summer time.
    const r = presetRange('30d', '2026-10-27T12:00:00.000Z', NOW, cph);
    expect(r.to).toBe('2026-10-27T23:00:00.000Z'); // 2026-10-28 00:00 +01:00
    expect(r.from).toBe('2026-09-27T22:00:00.000Z'); // 2026-09-28 00:00 +02:00
    expect(wallToInstant(Date.parse('2026-10-01T00:00:00Z'), cph)).toBe(Date.parse('2026-09-30T22:00:00Z'));
  });

  it('counts back from now in an archive without calls', () => {
    expect(presetRange('7d', null, NOW, utc).to).toBe('2026-12-06T00:00:00.000Z');
    expect(presetRange('24h', 'not a time', NOW, utc).to).toBe('2026-12-05T23:00:00.000Z');
  });
});

describe('the From / To fields', () => {
  it("read and show times on the display zone's clock, as the chip and the list do", () => {
    expect(toZoneInput('2026-10-06T09:00:00.000Z', cph)).toBe('2026-10-06T11:00');
    expect(fromZoneInput('2026-10-06T11:00', cph)).toBe('2026-10-06T09:00:00.000Z');
    expect(fromZoneInput('2026-11-20T00:00', cph)).toBe('2026-11-19T23:00:00.000Z');
    expect(toZoneInput(null, cph)).toBe('');
    expect(fromZoneInput('', cph)).toBeNull();
    expect(fromZoneInput('nonsense', cph)).toBeNull();
  });
});

describe('timeChipText', () => {
  it('shows dates for whole days (the last day included) and hours otherwise', () => {
    expect(timeChipText('2026-09-30T00:00:00.000Z', '2026-10-07T00:00:00.000Z', utc)).toBe('2026-09-30 – 2026-10-06');
    expect(timeChipText('2026-10-06T00:00:00.000Z', '2026-10-07T00:00:00.000Z', utc)).toBe('2026-10-06');
    expect(timeChipText('2026-10-05T10:00:00.000Z', '2026-10-06T10:00:00.000Z', utc)).toBe(
      '2026-10-05 10:00 – 2026-10-06 10:00',
    );
    expect(timeChipText('2026-10-06T08:00:00.000Z', '2026-10-06T17:30:00.000Z', utc)).toBe('2026-10-06 08:00 – 17:30');
    // Whole days of the display zone, not of UTC.
    expect(timeChipText('2026-09-29T22:00:00.000Z', '2026-10-06T22:00:00.000Z', cph)).toBe('2026-09-30 – 2026-10-06');
    expect(timeChipText('2026-09-30T00:00:00.000Z', '2026-10-07T00:00:00.000Z', cph)).toBe(
      '2026-09-30 02:00 – 2026-10-07 02:00',
    );
  });

  it('shows an open end as "…", and nothing without a range', () => {
    expect(timeChipText('2026-09-30T00:00:00.000Z', null, utc)).toBe('2026-09-30 – …');
    expect(timeChipText(null, '2026-10-06T10:30:00.000Z', utc)).toBe('… – 2026-10-06 10:30');
    expect(timeChipText(null, null, utc)).toBeNull();
  });
});

describe('the empty list says what period the archive covers', () => {
  let env: TestEnv;
  beforeEach(() => {
    localStorage.clear();
    env = setupEnv({ generated: 300 });
    fakeLayout(640, 1400);
    displayZone.value = 'UTC';
  });

  it("no calls in the chosen time: the archive's period, and a button that clears the time filter", async () => {
    expect(archivePeriod('2026-09-07T04:00:00Z', '2026-10-06T21:00:00Z', cph)).toEqual({
      from: '2026-09-07',
      to: '2026-10-06',
    });
    const archive = useArchiveStore();
    await archive.load();
    const calls = useCallsStore();
    const w = mount(CallTable, { attachTo: document.body, global: { plugins: env.plugins } });
    calls.setFilters({ from: '2026-12-01T00:00:00.000Z', to: null }); // after the archive's newest call
    await flushPromises();
    expect(calls.total).toBe(0);
    const empty = w.get('[data-testid=list-empty]');
    expect(empty.text()).toContain('No calls match the search and filters.');
    const { firstCall, lastCall } = archive.info!;
    expect(w.get('[data-testid=archive-period]').text()).toBe(
      `This archive holds calls from ${firstCall!.slice(0, 10)} to ${lastCall!.slice(0, 10)}.`,
    );
    await w.get('[data-testid=clear-time]').trigger('click');
    await flushPromises();
    expect(calls.total).toBeGreaterThan(0);
    expect(w.find('[data-testid=list-empty]').exists()).toBe(false);
    w.unmount();
  });
});
