/**
 * Chart settings other panels read without loading the charts' code (charts-panel.tsx is
 * loaded lazily when a run starts).
 */

/** The live charts are cheap enough to be on by default (plain SVG/canvas, refreshed once a second). */
export const CHARTS_ON_BY_DEFAULT = true;

/** How often the charts follow the store, in ms. */
export const CHART_REFRESH_MS = 1000;
