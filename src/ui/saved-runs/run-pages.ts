/**
 * How a run's metrics are saved since record version 2: a small header (each method's memory,
 * result, failure and strides), rewritten with every save, and pages of new step and
 * evaluation events, appended in order and never rewritten, so a save costs what came since the
 * last one, not the whole run. A page may instead replace all earlier ones (a compaction, see
 * run-saver.ts). Reading reassembles the pages and thins them as the page did
 * (method-history-bounds.ts). Version 1 records hold every method's whole history in one value.
 */
import type { EvalEvent, StepEvent } from '../../protocol/messages';
import type { MethodHistory } from '../store/method-history';
import { withEvents } from '../store/method-history-bounds';
import { unpackSteps, type PackedSteps } from './packed-steps';
import type { RunRecord, RunSummary } from './run-record';
import { readEval, readHeader, type StoredMethodHeader } from './stored-eval';

export interface MetricsPage {
  /** Per method: events that came after those of the previous page (evaluations without their pictures, which are in the header). */
  methods: Record<string, { steps?: PackedSteps; evals?: EvalEvent[] }>;
}

/** The 'metrics' value of a version 2 record: the header. */
export interface StoredHeaders {
  methods: Record<string, StoredMethodHeader>;
}

/** The 'metrics' value of a version 1 record: every event. */
export type StoredV1Metrics = Record<string, MethodHistory>;

/** A whole record from its summary, its 'metrics' value and its pages in order. */
export function assembleRecord(
  summary: RunSummary,
  metrics: StoredHeaders | StoredV1Metrics | undefined,
  pages: readonly MetricsPage[],
): RunRecord {
  const methods: Record<string, MethodHistory> = {};
  if (summary.version < 2) {
    // A version 1 record reopens within today's bounds too (an old long run would not fit the page).
    for (const [id, m] of Object.entries((metrics ?? {}) as StoredV1Metrics)) {
      const { steps, evals, ...rest } = m;
      const { received: _received, ...shown } = withEvents(
        { ...rest, steps: [], evals: [] },
        steps,
        evals.map(readEval),
      );
      methods[id] = shown;
    }
    return { ...summary, methods };
  }
  const headers = (metrics as StoredHeaders | undefined)?.methods ?? {};
  for (const [id, h] of Object.entries(headers)) {
    const steps: StepEvent[] = [];
    const evals: EvalEvent[] = [];
    for (const p of pages) {
      const part = p.methods[id];
      if (part?.steps) for (const s of unpackSteps(part.steps)) steps.push(s);
      if (part?.evals) for (const e of part.evals) evals.push(e);
    }
    // The header's strides, not 1: pages written before a compaction may hold events the page
    // had already thinned out at a smaller stride.
    const { stride, evals: withPictures, ...rest } = readHeader(h, evals);
    const m = withEvents(
      { ...rest, steps: [], evals: [], ...(stride ? { stride } : {}) },
      steps,
      withPictures,
    );
    const { received: _received, ...shown } = m;
    methods[id] = shown;
  }
  return { ...summary, methods };
}
