// Registry of bench parts, run in this order. Add yours here.
import { convertBench } from './convert';
import { importBench } from './import';
import { importDayBench } from './import-day';
import { searchBench } from './search';
import { searchRandomBench } from './search-random';
import { simulateBench } from './simulate';
import type { BenchPart } from './part';
import { platformsBench } from './platforms';
import { uiBench } from './ui';
import { statsBench } from './stats';
import { exportBench } from './export';
import { verifyBench } from './verify';
import { sizeBench } from './size';

export const benchParts: BenchPart[] = [
  simulateBench,
  convertBench,
  importBench,
  importDayBench,
  searchBench,
  searchRandomBench,
  platformsBench,
  uiBench,
  statsBench,
  exportBench,
  verifyBench,
  sizeBench,
];
