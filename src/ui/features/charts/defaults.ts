/**
 * Chart settings other panels read without loading the charts' code (charts-panel.tsx is
 * loaded lazily when a run starts).
 */

/**
 * The live charts are on by default (recharts and canvas, refreshed once a second, one chart per
 * animation frame); on a slow, busy machine a chart's first mount can still block for a moment.
 */
export const CHARTS_ON_BY_DEFAULT = true;

/** How often the charts follow the store, in ms. */
export const CHART_REFRESH_MS = 1000;
