/**
 * The time charts' lines (LineSpec) built from a method's history: one per steps or evals array,
 * cached on that array (a finished method's never changes), and the hook that keeps the array of
 * lines the same while every line is. Split from time-charts.tsx.
 */
import { useMemo } from 'react';
import type { EvalEvent, StepEvent } from '../../../protocol/messages';
import type { MethodHistory } from '../../store/method-history';
import type { LinePoint, LineSpec } from './line-chart';
import { evalLine, stepLine } from './series';
import { perArray, sameItems, useSame } from './stable';

/** A line's look and names, without its points. */
export type Spec = Omit<LineSpec, 'points'>;

/** A line over a method's steps, computed once per steps array (a finished method's never changes). */
export const stepSpec = (
  m: MethodHistory,
  s: Spec,
  value: (e: StepEvent) => number | null,
  positive = false,
): LineSpec =>
  perArray(
    m.steps,
    `${s.key}|${s.name}|${s.colour}|${s.dashed ?? false}|${s.dotted ?? false}`,
    () => ({ ...s, points: stepLine(m, value, { positive }) }),
  );

/** A line over a method's evaluations, computed once per evals array. */
export const evalSpec = (
  m: MethodHistory,
  s: Spec,
  value: (e: EvalEvent) => number | null,
): LineSpec =>
  perArray(m.evals, `${s.key}|${s.name}|${s.colour}|${s.dashed ?? false}`, () => ({
    ...s,
    points: evalLine(m, value),
  }));

/** The lines, the same array while every line is: the chart then skips its render. */
export function useLines(make: () => LineSpec[], deps: readonly unknown[]): LineSpec[] {
  // `deps` are make's inputs (as with useMemo).
  return useSame(useMemo(make, deps), sameItems);
}

/** Joined lines, by their first part's points: the parts they were made of and the result. */
const joins = new WeakMap<object, { parts: readonly (readonly LinePoint[])[]; spec: LineSpec }>();

/**
 * Several lines drawn as one series, part after part with a gap between (a point whose value is
 * null: recharts draws no segment through it), kept the same object while every part is. Why:
 * each recharts series costs its own re-render on every update of the chart, and the accuracy
 * chart drew the other seeds' OOD as one line per seed and method (8 with 3 seeds, 36 with
 * 10); one per method looks the same. Null when no part has a point.
 */
export function joinedSpec(parts: readonly LineSpec[], s: Spec): LineSpec | null {
  const arrays = parts.map((p) => p.points).filter((a) => a.length > 0);
  const first = arrays[0];
  if (!first) return null;
  const hit = joins.get(first);
  const same =
    hit &&
    hit.spec.key === s.key &&
    hit.spec.name === s.name &&
    hit.spec.colour === s.colour &&
    sameItems(hit.parts, arrays);
  if (hit && same) return hit.spec;
  const points = arrays.flatMap((a, i) => {
    const before = arrays[i - 1]?.at(-1);
    const gap: LinePoint = [before?.[0] ?? 0, null];
    return before ? [gap, ...a] : [...a];
  });
  const spec: LineSpec = { ...s, points };
  joins.set(first, { parts: arrays, spec });
  return spec;
}
