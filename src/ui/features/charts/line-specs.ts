/**
 * The time charts' lines (LineSpec) built from a method's history: one per steps or evals array,
 * cached on that array (a finished method's never changes), and the hook that keeps the array of
 * lines the same while every line is. Split from time-charts.tsx.
 */
import { useMemo } from 'react';
import type { EvalEvent, StepEvent } from '../../../protocol/messages';
import type { MethodHistory } from '../../store/method-history';
import type { LineSpec } from './line-chart';
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
