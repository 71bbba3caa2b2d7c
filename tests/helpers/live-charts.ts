/**
 * The live charts' data-chart ids, in page order: the charts that the render test (react-dom
 * server) and the Chromium test (tests/e2e/charts.test.ts) expect each to draw with data.
 */
export const LIVE_CHART_IDS: readonly string[] = [
  'loss',
  'accuracy',
  'grads',
  'ratio',
  'layers',
  'heatmap',
  'drift',
  'filters',
  'memory',
];
