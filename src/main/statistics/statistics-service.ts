// The archive API's stats namespace over SQLite.
import type { StatisticsResult } from '../../shared/statistics';
import type { Db } from '../store/native';
import { resolveParameters, type ParsedStatsQuery } from './parameters';
import { sqlStatistics } from './sqlite-statistics';

export class StatisticsService {
  constructor(private readonly db: Db) {}

  compute(q: ParsedStatsQuery): StatisticsResult {
    return sqlStatistics(this.db, resolveParameters(this.db, q));
  }
}
