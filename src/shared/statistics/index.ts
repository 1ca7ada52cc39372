// Queue statistics: pure figures over archive calls (docs/statistics.md).
export * from './types';
export * from './figures';
export * from './compute';
export * from './time';
export * from './formulas';
export * from './csv';
export * from './chart-model';
export * from './precomputed';
export * from './periods';
export * from './compare';
export * from './agent-sort';
