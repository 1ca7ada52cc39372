// The SQL implementation over the archive gives the pure module's figures: on the
// hand-written archive (with the hand-computed figures of statistics.test.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { sqlStatistics } from '../../src/main/statistics/sqlite-statistics';
import {
  computeStatistics,
  DEFAULT_PARAMETERS,
  GROUPINGS,
  SL_ABANDONS,
  type Grouping,
  type StatsParameters,
} from '../../src/shared/statistics';
import { archiveOf } from './archive-fixture';
import { HAND_CALLS, HAND_ZONE } from './hand-archive';

const archive = archiveOf(HAND_CALLS, HAND_ZONE);
afterAll(() => archive.close());

const params = (over: Partial<StatsParameters> = {}): StatsParameters => ({
  ...DEFAULT_PARAMETERS,
  timeZone: HAND_ZONE,
  fromMs: Date.parse('2026-03-26T00:00:00Z'),
  toMs: Date.parse('2026-03-31T00:00:00Z'),
  by: [],
  ...over,
});

describe('SQL statistics on the hand-written archive', () => {
  it('total figures equal the hand-computed ones (offered 26, service level 42.9, ASA 37.3, max wait 600)', () => {
    const t = sqlStatistics(archive.db, params()).total;
    expect([t.offered, t.serviceLevelPct, t.asaSec, t.maxWaitSec, t.avgTalkSec]).toEqual([26, 42.9, 37.3, 600, 174.6]);
  });

  it('every grouping, alone and with a second, in both zones and all three treatments, equals the pure module', () => {
    const bys: Grouping[][] = [
      [],
      ...GROUPINGS.map((g) => [g]),
      ['queue', 'day'],
      ['agent', 'hourofday'],
      ['type', 'weekday'],
    ];
    for (const by of bys)
      for (const timeZone of [HAND_ZONE, 'UTC', 'America/New_York'])
        for (const slAbandons of SL_ABANDONS) {
          const p = params({ by, timeZone, slAbandons });
          expect(sqlStatistics(archive.db, p), `${by.join('×')} ${timeZone} ${slAbandons}`).toEqual(
            computeStatistics(HAND_CALLS, p),
          );
        }
  });

  it('the period: the Saturday (local) only', () => {
    const from = Date.parse('2026-03-27T23:00:00Z');
    const p = params({ fromMs: from, toMs: from + 86_400_000, by: ['hour'] });
    expect(sqlStatistics(archive.db, p)).toEqual(computeStatistics(HAND_CALLS, p));
    expect(sqlStatistics(archive.db, p).total.offered).toBe(6);
  });
});
