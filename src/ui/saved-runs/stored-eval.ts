/**
 * What a saved record keeps of a method besides its pages of events: its memory, result,
 * failure and strides, and the few filter pictures the page keeps (method-history-bounds.ts), each
 * with the evaluation (step, epoch) it belongs to. Rewritten with every save: the pictures
 * change with every evaluation, and there are at most three a method. Their weights are a
 * Float32Array (the worker reads them back as float32, so nothing is lost) rather than a
 * number[], which IndexedDB clones as 8-byte doubles one by one. Records saved before
 * (version 1) hold number[] inside their evaluations: reading takes either.
 */
import type { DoneEvent, EvalEvent, FilterSnapshot } from '../../protocol/messages';
import type { MethodHistory } from '../store/method-history';

export interface StoredFilters {
  param: string;
  shape: number[];
  values: Float32Array;
}

export type StoredEval = Omit<EvalEvent, 'filters'> & { filters?: StoredFilters };

export type StoredDone = Omit<DoneEvent, 'best' | 'last'> & {
  best: StoredEval | null;
  last: StoredEval | null;
};

export interface StoredFilterPicture {
  step: number;
  epoch: number;
  filters: StoredFilters;
}

export type StoredMethodHeader = Omit<MethodHistory, 'steps' | 'evals' | 'received' | 'done'> & {
  done?: StoredDone;
  filters?: StoredFilterPicture[];
};

// The header is rewritten with every save and its pictures rarely change: convert each once.
const converted = new WeakMap<FilterSnapshot, StoredFilters>();

function storeFilters(f: FilterSnapshot): StoredFilters {
  let out = converted.get(f);
  if (!out) {
    out = { param: f.param, shape: [...f.shape], values: Float32Array.from(f.values) };
    converted.set(f, out);
  }
  return out;
}

export function storeEval(e: EvalEvent): StoredEval {
  return e.filters ? { ...e, filters: storeFilters(e.filters) } : (e as StoredEval);
}

export function readEval(e: StoredEval | EvalEvent): EvalEvent {
  if (!e.filters) return e as EvalEvent;
  const f: FilterSnapshot = {
    param: e.filters.param,
    shape: e.filters.shape,
    values: Array.from(e.filters.values),
  };
  return { ...e, filters: f };
}

/** An evaluation as a page holds it: its pictures are in the header. */
export function withoutFilters(e: EvalEvent): EvalEvent {
  if (!e.filters) return e;
  const { filters: _filters, ...rest } = e;
  return rest;
}

export function storeHeader(m: MethodHistory): StoredMethodHeader {
  const { steps: _s, evals, received: _r, done, ...rest } = m;
  const filters = evals.flatMap((e) =>
    e.filters ? [{ step: e.step, epoch: e.epoch, filters: storeFilters(e.filters) }] : [],
  );
  return {
    ...rest,
    ...(done
      ? {
          done: {
            ...done,
            best: done.best && storeEval(done.best),
            last: done.last && storeEval(done.last),
          },
        }
      : {}),
    ...(filters.length ? { filters } : {}),
  };
}

/** The header's pictures put back on their evaluations (the last one with that step and epoch). */
export function readHeader(
  h: StoredMethodHeader,
  evals: readonly EvalEvent[],
): Omit<MethodHistory, 'steps'> {
  const { done, filters, ...rest } = h;
  const out = [...evals];
  for (const p of filters ?? []) {
    let i = out.length - 1;
    while (
      i >= 0 &&
      !((out[i] as EvalEvent).step === p.step && (out[i] as EvalEvent).epoch === p.epoch)
    )
      i--;
    if (i >= 0) out[i] = readEval({ ...(out[i] as EvalEvent), filters: p.filters });
  }
  return {
    ...rest,
    evals: out,
    ...(done
      ? {
          done: {
            ...done,
            best: done.best && readEval(done.best),
            last: done.last && readEval(done.last),
          },
        }
      : {}),
  };
}
