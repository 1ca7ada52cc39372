// @vitest-environment happy-dom
// The Statistics view's headline figures beside the period before's: the change in its unit,
// better / worse in words (not colour alone), and no comparison where the period before has no calls.
import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import StatsSummary from '../../src/renderer/src/components/stats/StatsSummary.vue';
import { setupEnv, type TestEnv } from './mount-helpers';
import { figures } from '../statistics/figures-fixture';

const week = figures({ offered: 10749, serviceLevelPct: 63.6, abandonRatePct: 7.7, asaSec: 106.9 });
const before = figures({ offered: 11387, serviceLevelPct: 74.9, abandonRatePct: 6, asaSec: 115.2 });
const range = { from: '2026-03-02', to: '2026-03-05' };
const whole = { kind: 'days', through: null, until: null, newest: null } as const;
/** The latest week of the audit: the newest call Monday 19 Jan 11:37:16, compared with Monday 12 Jan to the same second. */
const mondayMorning = {
  range: { from: '2026-01-12', to: '2026-01-12' },
  cut: true,
  kind: 'week',
  through: '2026-01-12 11:37:16',
  until: '2026-01-12T10:37:16.001Z',
  newest: '2026-01-19 11:37:16',
} as const;

let env: TestEnv;
beforeEach(() => {
  env = setupEnv();
});

describe('headline figures', () => {
  it('each figure, its change and whether it is better or worse, with the period compared with', () => {
    const w = mount(StatsSummary, {
      props: {
        total: week,
        previous: {
          ...whole,
          range,
          cut: true,
          through: '2026-03-05 16:05:00',
          newest: '2026-03-12 16:05:00',
          total: before,
        },
      },
      global: { plugins: env.plugins },
    });
    const kpi = (name: string) => w.get(`[data-testid=stats-kpi-${name}]`).text();
    expect(kpi('offered')).toContain('10,749');
    expect(kpi('offered')).toContain('−5.6 %');
    expect(kpi('offered')).not.toMatch(/better|worse/);
    expect(kpi('serviceLevelPct')).toMatch(/63\.6 %.*−11\.3 points.*worse.*before: 74\.9 %/s);
    expect(kpi('abandonRatePct')).toMatch(/\+1\.7 points.*worse/s);
    expect(kpi('asaSec')).toMatch(/1:47.*−0:08.*better.*before: 1:55/s);
    expect(w.get('[data-testid=stats-compare-period]').text()).toBe(
      "Compared with 2026-03-02 00:00 – 2026-03-05 16:05, the same part of the period before (the archive's newest call started 2026-03-12 16:05).",
    );
    w.unmount();
  });

  it('no change shown when the period before has no calls; it says so', () => {
    const w = mount(StatsSummary, {
      props: { total: week, previous: { ...whole, range, cut: false, total: figures({}) } },
      global: { plugins: env.plugins },
    });
    expect(w.findAll('[data-testid=stats-kpi-change]')).toHaveLength(0);
    expect(w.get('[data-testid=stats-compare-period]').text()).toContain('has no calls to compare with');
    w.unmount();
  });

  it('Danish: points are procentpoint, decimals with a comma', () => {
    env = setupEnv({ locale: 'da' });
    const w = mount(StatsSummary, {
      props: { total: week, previous: { ...whole, range, cut: false, total: before } },
      global: { plugins: env.plugins },
    });
    expect(w.get('[data-testid=stats-kpi-serviceLevelPct]').text()).toMatch(/63,6 %.*−11,3 procentpoint.*dårligere/s);
    expect(w.get('[data-testid=stats-kpi-offered]').text()).toContain('10.749');
    w.unmount();
  });

  it('a part week says what it was compared with: the same part of the week before, to the minute (the second in the tooltip)', () => {
    const w = mount(StatsSummary, {
      props: { total: week, previous: { ...mondayMorning, total: before } },
      global: { plugins: env.plugins },
    });
    const line = w.get('[data-testid=stats-compare-period]');
    expect(line.text()).toBe(
      "Compared with 2026-01-12 00:00 – 11:37, the same part of the week before (the archive's newest call started 2026-01-19 11:37).",
    );
    expect(line.attributes('title')).toContain('2026-01-12 00:00 to 2026-01-12 11:37:16');
    w.unmount();
  });

  it('Danish: the same part of the week before; a time, its value before and its change read alike', () => {
    env = setupEnv({ locale: 'da' });
    const w = mount(StatsSummary, {
      props: {
        total: { ...week, avgTalkSec: 3746 },
        previous: { ...mondayMorning, total: { ...before, avgTalkSec: 3500 } },
      },
      global: { plugins: env.plugins },
    });
    expect(w.get('[data-testid=stats-compare-period]').text()).toBe(
      'Sammenlignet med 2026-01-12 00:00 – 11:37, samme del af ugen før (arkivets nyeste opkald begyndte 2026-01-19 11:37).',
    );
    // Not "1 h 02 min" beside "før: 58:20": once one of them reaches an hour, all three show hours.
    expect(w.get('[data-testid=stats-kpi-avgTalkSec]').text()).toMatch(/1:02:26.*\+0:04:06.*før: 0:58:20/s);
    w.unmount();
  });
});
