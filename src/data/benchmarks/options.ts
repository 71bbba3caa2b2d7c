import type { Benchmark, BenchmarkOptions } from './types';

export type PartialOptions = Partial<Omit<BenchmarkOptions, 'params'>> & {
  readonly params?: Readonly<Record<string, number | string>>;
};

/**
 * Fills defaults and validates, so a bad URL or CLI flag fails here with a readable message
 * rather than deep inside a build.
 */
export function resolveOptions(bench: Benchmark, partial: PartialOptions = {}): BenchmarkOptions {
  const o = { ...bench.defaults, ...partial };
  const fail = (msg: string): never => {
    throw new Error(`benchmark ${bench.name}: ${msg}`);
  };
  if (!Number.isInteger(o.seed)) fail(`seed must be an integer, got ${o.seed}`);
  if (!(o.strength >= 0 && o.strength <= 1)) fail(`strength must be in [0, 1], got ${o.strength}`);
  for (const key of ['trainPerClass', 'valPerClass', 'oodPerClass'] as const) {
    const v = o[key];
    const ok =
      key === 'trainPerClass' && v === Number.POSITIVE_INFINITY
        ? true
        : Number.isInteger(v) && v >= 1;
    if (!ok)
      fail(
        `${key} must be a positive integer${key === 'trainPerClass' ? ' or Infinity' : ''}, got ${v}`,
      );
  }
  const params: Record<string, number | string> = {};
  for (const spec of bench.params) {
    const v = partial.params?.[spec.name] ?? spec.default;
    if (spec.choices !== undefined && !spec.choices.includes(String(v))) {
      fail(`param ${spec.name} must be one of ${spec.choices.join(', ')}, got ${v}`);
    }
    if (typeof spec.default === 'number') {
      if (typeof v !== 'number' || Number.isNaN(v))
        fail(`param ${spec.name} must be a number, got ${v}`);
      if (
        (spec.min !== undefined && (v as number) < spec.min) ||
        (spec.max !== undefined && (v as number) > spec.max)
      ) {
        fail(`param ${spec.name} must be in [${spec.min}, ${spec.max}], got ${v}`);
      }
    }
    params[spec.name] = v;
  }
  for (const key of Object.keys(partial.params ?? {})) {
    if (!bench.params.some((p) => p.name === key))
      fail(`unknown param "${key}" (known: ${bench.params.map((p) => p.name).join(', ')})`);
  }
  if (o.classes !== undefined) {
    const k = bench.classNames.length;
    if (o.classes.length < 2) fail('pick at least 2 classes');
    if (new Set(o.classes).size !== o.classes.length) fail('classes must not repeat');
    for (const c of o.classes)
      if (!Number.isInteger(c) || c < 0 || c >= k) fail(`class ${c} is not in 0..${k - 1}`);
  }
  return { ...o, params };
}

export function numberParam(o: BenchmarkOptions, name: string): number {
  const v = o.params[name];
  if (typeof v !== 'number') throw new Error(`param ${name} is not a number`);
  return v;
}

export function stringParam(o: BenchmarkOptions, name: string): string {
  const v = o.params[name];
  if (typeof v !== 'string') throw new Error(`param ${name} is not a string`);
  return v;
}
