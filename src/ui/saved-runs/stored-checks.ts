/**
 * Checks for values read back from storage. IndexedDB hands back whatever was written: by this
 * page, by an older version of it, by another tab or by hand in the browser's tools. Each check
 * returns the value with its type, or throws a `Damage` that names the path of what is wrong
 * and what it is ("results[0].steps: 1000000000 is over 10000000"). Hand-written rather than a
 * dependency: stored runs need plain objects, arrays, strings, numbers in ranges and typed
 * arrays, nothing more.
 */

export class Damage extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = 'Damage';
  }
}

/** What a stored value is, in words, for a message. */
export function kindOf(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string')
    return `the string ${JSON.stringify(v.length > 24 ? `${v.slice(0, 24)}…` : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `a ${typeof v}`;
}

const fail = (path: string, want: string, v: unknown): never => {
  throw new Damage(path, `expected ${want}, found ${kindOf(v)}`);
};

/** A plain object (not null, an array or a typed array). */
export function obj(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v))
    return fail(path, 'an object', v);
  return v as Record<string, unknown>;
}

/** An array of at most `max` items. */
export function arr(v: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(v)) return fail(path, 'an array', v);
  if (v.length > max)
    throw new Damage(path, `${v.length} items, more than the ${max} a saved run can hold`);
  return v;
}

/** An object used as a map, with at most `max` keys, each value checked by `each`. */
export function dict<T>(
  v: unknown,
  path: string,
  max: number,
  each: (x: unknown, path: string) => T,
): Record<string, T> {
  const o = obj(v, path);
  const keys = Object.keys(o);
  if (keys.length > max)
    throw new Damage(path, `${keys.length} entries, more than the ${max} a saved run can hold`);
  for (const k of keys) each(o[k], `${path}.${k}`);
  return o as Record<string, T>;
}

export function str(v: unknown, path: string, max = 10_000): string {
  if (typeof v !== 'string') return fail(path, 'a string', v);
  if (v.length > max)
    throw new Damage(path, `a string of ${v.length} characters, more than ${max}`);
  return v;
}

export function bool(v: unknown, path: string): boolean {
  return typeof v === 'boolean' ? v : fail(path, 'true or false', v);
}

/** Any number, NaN and ±Infinity included: a diverged loss or norm is saved as such. */
export function num(v: unknown, path: string): number {
  return typeof v === 'number' ? v : fail(path, 'a number', v);
}

/** A finite number in [min, max]. */
export function finite(
  v: unknown,
  path: string,
  min = -Number.MAX_VALUE,
  max = Number.MAX_VALUE,
): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return fail(path, 'a finite number', v);
  if (v < min || v > max) throw new Damage(path, `${v} is outside [${min}, ${max}]`);
  return v;
}

/** An integer in [0, max]: every count read from storage is bounded, so none can start a loop of 10^9. */
export function count(v: unknown, path: string, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) return fail(path, 'a whole number', v);
  if (v < 0) throw new Damage(path, `${v} is negative`);
  if (v > max) throw new Damage(path, `${v} is over ${max}`);
  return v;
}

export function oneOf<T extends string>(v: unknown, path: string, values: readonly T[]): T {
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  return fail(path, `one of ${values.join(', ')}`, v);
}

/** `check(v, path)` unless v is absent (undefined). */
export function opt<T>(
  v: unknown,
  path: string,
  check: (x: unknown, path: string) => T,
): T | undefined {
  return v === undefined ? undefined : check(v, path);
}

/** A typed array of the given kind (or, where `orArray`, a plain array of numbers), of at most `max` values. */
export function floats(
  v: unknown,
  path: string,
  kind: 'Float32Array' | 'Float64Array',
  max: number,
  orArray = false,
): ArrayLike<number> {
  const typed = kind === 'Float32Array' ? v instanceof Float32Array : v instanceof Float64Array;
  if (!typed && !(orArray && Array.isArray(v)))
    return fail(path, orArray ? `a ${kind} or an array of numbers` : `a ${kind}`, v);
  const a = v as ArrayLike<number>;
  if (a.length > max)
    throw new Damage(path, `${a.length} values, more than the ${max} a saved run can hold`);
  if (!typed) for (let i = 0; i < a.length; i++) num(a[i], `${path}[${i}]`);
  return a;
}

/** The reason `f` throws, or null when it does not (a bug in a check is reported, not thrown). */
export function problemOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof Damage ? e.message : `unreadable (${(e as Error)?.message ?? String(e)})`;
  }
}
