/**
 * Keeping chart inputs the same objects while their data is, so memoised charts (and recharts'
 * memoised <Line>/<Bar>) skip their render: in recharts every re-rendered series re-registers
 * with the chart's store, and that, not drawing, is most of a chart's cost.
 *
 * The store replaces a method's `steps` array on each step and its `evals` array on each
 * evaluation, and leaves finished methods alone: what is derived from one of those arrays is
 * computed once per array (perArray), and arrays of derived items are kept while every item is
 * (useSame).
 */
import { useState } from 'react';
import type { Row } from './series';

const cache = new WeakMap<object, Map<string, unknown>>();

/** `compute()` once per `source` array and `kind`; forgotten with the array. */
export function perArray<T>(source: object, kind: string, compute: () => T): T {
  let m = cache.get(source);
  if (!m) {
    m = new Map();
    cache.set(source, m);
  }
  if (!m.has(kind)) m.set(kind, compute());
  return m.get(kind) as T;
}

/** The value kept from an earlier render while `same(kept, next)`. */
export function useSame<T>(next: T, same: (a: T, b: T) => boolean): T {
  const [kept, setKept] = useState(next);
  if (kept === next || same(kept, next)) return kept;
  setKept(next); // React re-runs this component at once, before its children
  return next;
}

/** Same length and the same items. */
export const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Same rows, key by key and value by value. */
export function sameRows(a: readonly Row[], b: readonly Row[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => {
      const s = b[i] as Row;
      const keys = Object.keys(r);
      return keys.length === Object.keys(s).length && keys.every((k) => r[k] === s[k]);
    })
  );
}
