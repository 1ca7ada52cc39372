// The evidence pack of one call and the raw-row helpers the app shares with it.
export * from './pack';
export * from './result-codes';
export * from './zone-time';
export { renderChartSvg, chartSvgHeight } from './svg-chart';
export * from './request';
export * from './raw-groups';
