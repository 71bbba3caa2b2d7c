/**
 * The largest values a saved run can hold, checked on every read (check-summary.ts,
 * check-metrics.ts): a count read from storage never sizes a loop or an allocation unchecked.
 * Each is well above what the page writes, so a genuine record, however old, always passes.
 */
import { HISTORY_LIMITS } from '../store/method-history-bounds';

/**
 * A step number or count. The page refuses runs over 100,000 steps a method
 * (settings/run-length.ts) and the steps control stops at 10^6; 10^7 also covers pages from
 * before the refusal (a tab steps at most ~20 times a second: 10^7 steps is six days).
 */
export const MAX_STORED_STEP = 10_000_000;

/** Methods in one run: the catalogue has a handful; a run saved by a later version may have more. */
export const MAX_METHODS = 64;

/** Layers, parameters or class names of a model (the micro models have under 100 tensors). */
export const MAX_NAMES = 10_000;

/**
 * Step events of one method in one saved page: a save writes at most the page's whole history
 * of a method, HISTORY_LIMITS' recent + older steps (run-saver.ts); twice that for headroom.
 */
export const MAX_PAGE_STEPS = 2 * (HISTORY_LIMITS.recentSteps + HISTORY_LIMITS.olderSteps);

/** Evaluations of one method in one saved page, likewise. */
export const MAX_PAGE_EVALS = 2 * (HISTORY_LIMITS.recentEvals + HISTORY_LIMITS.olderEvals);

/**
 * Pages of one run. The saver compacts once the pages hold more than twice what the page shows
 * (run-saver.ts), so a run has a few dozen; a page is written at most every 5 s.
 */
export const MAX_PAGES = 10_000;

/**
 * Events of one method in a version 1 record, which kept every event: a 100,000-step run is the
 * most the page ran; ten times that for the runs before the refusal.
 */
export const MAX_V1_EVENTS = 1_000_000;

/** Values of one filter picture (the micro ViT's: 7x7x3x64 = 9,408). */
export const MAX_FILTER_VALUES = 1_000_000;

/** Saved runs listed at most; the cap on runs kept (run-cap.ts) is far below. */
export const MAX_LISTED = 1000;
