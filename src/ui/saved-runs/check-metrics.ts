/**
 * A run's metrics as read from storage, checked before they are reassembled (run-pages.ts) and
 * shown: version 2's headers and pages (packed step columns, evaluations, filter pictures),
 * version 1's whole histories. What the charts and tables read is checked for type, and every
 * count that sizes a loop or an allocation (a page's step count, a filter's shape, a stride)
 * is bounded (stored-limits.ts), so a damaged record is refused with a reason instead of
 * blanking the page or exhausting the tab.
 */
import type { EvalEvent, StepEvent } from '../../protocol/messages';
import type { StoredV1Metrics, MetricsPage, StoredHeaders } from './run-pages';
import type { PackedSteps } from './packed-steps';
import { arr, count, Damage, dict, floats, num, obj, oneOf, opt, str } from './stored-checks';
import {
  MAX_FILTER_VALUES,
  MAX_METHODS,
  MAX_NAMES,
  MAX_PAGE_EVALS,
  MAX_PAGE_STEPS,
  MAX_PAGES,
  MAX_STORED_STEP,
  MAX_V1_EVENTS,
} from './stored-limits';

const MAX_EPOCH = 1_000_000;
const numOrNull = (v: unknown, path: string): number | null => (v === null ? null : num(v, path));

function checkAccuracy(v: unknown, path: string): void {
  const o = obj(v, path);
  count(o.n, `${path}.n`, 1e9);
  num(o.accuracy, `${path}.accuracy`);
  opt(o.perGroup, `${path}.perGroup`, (x, p) =>
    arr(x, p, MAX_NAMES).forEach((g, i) => num(g, `${p}[${i}]`)),
  );
  opt(o.worstGroup, `${path}.worstGroup`, num);
  opt(o.reweighted, `${path}.reweighted`, num);
}

/** A filter picture: its shape's product is its values' length (so no shape can size a canvas alone). */
function checkFilters(v: unknown, path: string): void {
  const o = obj(v, path);
  str(o.param, `${path}.param`, 500);
  const shape = arr(o.shape, `${path}.shape`, 8).map((d, i) =>
    count(d, `${path}.shape[${i}]`, MAX_FILTER_VALUES),
  );
  const values = floats(o.values, `${path}.values`, 'Float32Array', MAX_FILTER_VALUES, true);
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== values.length)
    throw new Damage(
      `${path}.shape`,
      `[${shape.join(', ')}] holds ${size} values, but ${values.length} are saved`,
    );
}

export function checkEval(v: unknown, path: string): EvalEvent {
  const o = obj(v, path);
  count(o.step, `${path}.step`, MAX_STORED_STEP);
  count(o.epoch, `${path}.epoch`, MAX_EPOCH);
  checkAccuracy(o.id, `${path}.id`);
  checkAccuracy(o.ood, `${path}.ood`);
  dict(o.drift, `${path}.drift`, MAX_NAMES, num);
  opt(o.filters, `${path}.filters`, checkFilters);
  return o as unknown as EvalEvent;
}

function checkStep(v: unknown, path: string): StepEvent {
  const o = obj(v, path);
  count(o.step, `${path}.step`, MAX_STORED_STEP);
  count(o.epoch, `${path}.epoch`, MAX_EPOCH);
  for (const k of ['totalSteps', 'loss', 'lr', 'stepMs', 'imagesPerSec'] as const)
    num(o[k], `${path}.${k}`);
  opt(o.trainingBytes, `${path}.trainingBytes`, num);
  const g = obj(o.gradNorms, `${path}.gradNorms`);
  dict(g.perParam, `${path}.gradNorms.perParam`, MAX_NAMES, num);
  dict(g.perLayer, `${path}.gradNorms.perLayer`, MAX_NAMES, numOrNull);
  dict(g.perGroup, `${path}.gradNorms.perGroup`, 16, numOrNull);
  num(g.total, `${path}.gradNorms.total`);
  return o as unknown as StepEvent;
}

/** Columns of step events: each array as long as `n` rows need, and every row's step and epoch in range. */
function checkPacked(v: unknown, path: string): PackedSteps {
  const o = obj(v, path);
  const n = count(o.n, `${path}.n`, MAX_PAGE_STEPS);
  const scalars = floats(o.scalars, `${path}.scalars`, 'Float64Array', MAX_PAGE_STEPS * 9);
  const width = ['params', 'layers', 'groups'].reduce((w, k) => {
    arr(o[k], `${path}.${k}`, MAX_NAMES).forEach((x, i) => str(x, `${path}.${k}[${i}]`, 500));
    return w + (o[k] as unknown[]).length;
  }, 0);
  const norms = floats(o.norms, `${path}.norms`, 'Float32Array', MAX_PAGE_STEPS * 3 * MAX_NAMES);
  if (scalars.length !== n * 9)
    throw new Damage(
      `${path}.scalars`,
      `${scalars.length} values for ${n} steps (${n * 9} expected)`,
    );
  if (norms.length !== n * width)
    throw new Damage(
      `${path}.norms`,
      `${norms.length} values for ${n} steps of ${width} norms (${n * width} expected)`,
    );
  for (let i = 0; i < n; i++) {
    count(scalars[i * 9], `${path}.steps[${i}].step`, MAX_STORED_STEP);
    count(scalars[i * 9 + 1], `${path}.steps[${i}].epoch`, MAX_EPOCH);
  }
  return o as unknown as PackedSteps;
}

/** Strides of at least 1: a stride of 0 would never stop doubling (method-history-bounds.ts). */
function checkStride(v: unknown, path: string): void {
  const o = obj(v, path);
  for (const k of ['steps', 'evals'] as const)
    if (count(o[k], `${path}.${k}`, 2 ** 40) < 1)
      throw new Damage(`${path}.${k}`, 'a stride must be at least 1');
}

function checkMemory(v: unknown, path: string): void {
  const o = obj(v, path);
  const a = obj(o.accounting, `${path}.accounting`);
  const nums = (x: unknown, p: string): void => void dict(x, p, 16, num);
  dict(a.byGroup, `${path}.accounting.byGroup`, 16, nums);
  nums(a.total, `${path}.accounting.total`);
  for (const k of ['bufferBytes', 'bytesPerParam', 'bytesPerTrainedParam'] as const)
    num(a[k], `${path}.accounting.${k}`);
  const m = obj(o.measured, `${path}.measured`);
  str(m.backend, `${path}.measured.backend`, 100);
  for (const k of ['numTensors', 'numBytes'] as const) num(m[k], `${path}.measured.${k}`);
  for (const k of ['numBytesInGPU', 'numBytesAllocatedInGPU'] as const)
    opt(m[k], `${path}.measured.${k}`, num);
}

/** What a method's header (version 2) or history (version 1) holds besides its events. */
function checkMethodParts(o: Record<string, unknown>, path: string): void {
  opt(o.memory, `${path}.memory`, checkMemory);
  opt(o.failed, `${path}.failed`, (x, p) => {
    const f = obj(x, p);
    str(f.message, `${p}.message`);
    opt(f.step, `${p}.step`, (y, q) => count(y, q, MAX_STORED_STEP));
  });
  opt(o.stride, `${path}.stride`, checkStride);
  opt(o.done, `${path}.done`, (x, p) => {
    const d = obj(x, p);
    oneOf(d.status, `${p}.status`, ['finished', 'stopped']);
    count(d.steps, `${p}.steps`, MAX_STORED_STEP);
    num(d.elapsedMs, `${p}.elapsedMs`);
    for (const k of ['best', 'last'] as const) if (d[k] !== null) checkEval(d[k], `${p}.${k}`);
  });
}

function checkHeader(v: unknown, path: string): void {
  const o = obj(v, path);
  checkMethodParts(o, path);
  opt(o.filters, `${path}.filters`, (x, p) =>
    arr(x, p, MAX_PAGE_EVALS).forEach((f, i) => {
      const pic = obj(f, `${p}[${i}]`);
      count(pic.step, `${p}[${i}].step`, MAX_STORED_STEP);
      count(pic.epoch, `${p}[${i}].epoch`, MAX_EPOCH);
      checkFilters(pic.filters, `${p}[${i}].filters`);
    }),
  );
}

/** Version 2: the headers and the pages in order; a method's steps over all pages are bounded too. */
export function checkV2(
  metrics: unknown,
  pages: unknown,
): { headers: StoredHeaders; pages: MetricsPage[] } {
  const headers = metrics === undefined ? { methods: {} } : obj(metrics, 'metrics');
  dict(headers.methods, 'metrics.methods', MAX_METHODS, checkHeader);
  const steps = new Map<string, number>();
  arr(pages, 'pages', MAX_PAGES).forEach((p, i) => {
    const methods = dict(obj(p, `pages[${i}]`).methods, `pages[${i}].methods`, MAX_METHODS, obj);
    for (const [id, part] of Object.entries(methods)) {
      const path = `pages[${i}].methods.${id}`;
      const packed = opt(part.steps, `${path}.steps`, checkPacked);
      opt(part.evals, `${path}.evals`, (x, q) =>
        arr(x, q, MAX_PAGE_EVALS).forEach((e, j) => checkEval(e, `${q}[${j}]`)),
      );
      const total = (steps.get(id) ?? 0) + (packed?.n ?? 0);
      if (total > MAX_V1_EVENTS)
        throw new Damage(
          path,
          `${total} steps over the pages, more than the ${MAX_V1_EVENTS} a saved run can hold`,
        );
      steps.set(id, total);
    }
  });
  return { headers: headers as unknown as StoredHeaders, pages: pages as MetricsPage[] };
}

/** Version 1: every method's whole history in one value. */
export function checkV1(metrics: unknown): StoredV1Metrics {
  if (metrics === undefined) return {};
  return dict(metrics, 'metrics', MAX_METHODS, (v, path) => {
    const m = obj(v, path);
    checkMethodParts(m, path);
    arr(m.steps, `${path}.steps`, MAX_V1_EVENTS).forEach((s, i) =>
      checkStep(s, `${path}.steps[${i}]`),
    );
    arr(m.evals, `${path}.evals`, MAX_V1_EVENTS).forEach((e, i) =>
      checkEval(e, `${path}.evals[${i}]`),
    );
  }) as unknown as StoredV1Metrics;
}
