/** The charts over steps: loss; ID vs OOD accuracy; embedding vs rest gradient norms; their ratio. */
import { memo, useMemo } from 'react';
import type { EvalEvent, StepEvent } from '../../../core/train/events';
import type { MethodHistory } from '../../store/session-store';
import { ChartFigure } from './chart-figure';
import type { ChartProps } from './chart-props';
import { StepLineChart, type LineSpec } from './line-chart';
import { CHART_NOTES } from './notes';
import { accuracyRows, evalLine, gradRows, idAccuracy, lossRows, oodAccuracy, restNorm, stepLine, type Row } from './series';
import { perArray, sameItems, useSame } from './stable';

type Spec = Omit<LineSpec, 'points'>;

/** A line over a method's steps, computed once per steps array (a finished method's never changes). */
const stepSpec = (m: MethodHistory, s: Spec, value: (e: StepEvent) => number | null, positive = false): LineSpec =>
  perArray(m.steps, `${s.key}|${s.name}|${s.colour}|${s.dashed ?? false}`, () => ({ ...s, points: stepLine(m, value, { positive }) }));

/** A line over a method's evaluations, computed once per evals array. */
const evalSpec = (m: MethodHistory, s: Spec, value: (e: EvalEvent) => number | null): LineSpec =>
  perArray(m.evals, `${s.key}|${s.name}|${s.colour}|${s.dashed ?? false}`, () => ({ ...s, points: evalLine(m, value) }));

/** The lines, the same array while every line is: the chart then skips its render. */
function useLines(make: () => LineSpec[], deps: readonly unknown[]): LineSpec[] {
  // `deps` are make's inputs (as with useMemo).
  return useSame(useMemo(make, deps), sameItems);
}

const lossOf = (s: StepEvent): number => s.loss;
const embedOf = (s: StepEvent): number | null => s.gradNorms.perGroup.embed;
const restOf = (s: StepEvent): number | null => restNorm(s.gradNorms.perGroup);
const ratioOf = (s: StepEvent): number | null => {
  const e = s.gradNorms.perGroup.embed;
  const r = restNorm(s.gradNorms.perGroup);
  return e === null || !r ? null : e / r;
};

export const LossChart = memo(function LossChart({ methods, colourOf, labelOf }: ChartProps) {
  const lines = useLines(() => Object.entries(methods).map(([id, m]) => stepSpec(m, { key: id, name: labelOf(id), colour: colourOf(id) }, lossOf)), [methods, colourOf, labelOf]);
  const title = 'Training loss';
  return (
    <ChartFigure id="loss" title={title} note={CHART_NOTES.loss} rows={() => lossRows(methods, Infinity)}>
      <StepLineChart lines={lines} label={title} yLabel="loss" />
    </ChartFigure>
  );
});

export const AccuracyChart = memo(function AccuracyChart({ methods, colourOf, labelOf, worstGroup }: ChartProps & { worstGroup: boolean }) {
  const lines = useLines(
    () =>
      Object.entries(methods).flatMap(([id, m]) => [
        evalSpec(m, { key: `${id}:id${worstGroup ? ':w' : ''}`, name: `${labelOf(id)} ID`, colour: colourOf(id) }, (e) => idAccuracy(e, worstGroup)),
        evalSpec(m, { key: `${id}:ood${worstGroup ? ':w' : ''}`, name: `${labelOf(id)} OOD`, colour: colourOf(id), dashed: true }, (e) => oodAccuracy(e, worstGroup)),
      ]),
    [methods, colourOf, labelOf, worstGroup],
  );
  const title = `Accuracy: in-distribution (solid) vs out-of-distribution${worstGroup ? ', worst group' : ''} (dashed)`;
  const note = worstGroup ? `${CHART_NOTES.accuracy} ${CHART_NOTES.accuracyGroups}` : CHART_NOTES.accuracy;
  return (
    <ChartFigure id="accuracy" title={title} note={note} rows={() => accuracyRows(methods, worstGroup)}>
      <StepLineChart lines={lines} label={title} yDomain={UNIT} markersUpTo={30} yLabel="accuracy" />
    </ChartFigure>
  );
});
const UNIT: [number, number] = [0, 1];

export const GradChart = memo(function GradChart({ methods, colourOf, labelOf }: ChartProps) {
  const lines = useLines(
    () =>
      Object.entries(methods).flatMap(([id, m]) => [
        stepSpec(m, { key: `${id}:embed`, name: `${labelOf(id)} embedding`, colour: colourOf(id) }, embedOf, true),
        stepSpec(m, { key: `${id}:rest`, name: `${labelOf(id)} rest`, colour: colourOf(id), dashed: true }, restOf, true),
      ]),
    [methods, colourOf, labelOf],
  );
  const title = 'Gradient norm: embedding layer (solid) vs rest of the model (dashed), log scale';
  const rows = (): Row[] => gradRows(methods, Infinity).map(({ step, ...r }) => ({ step: step ?? null, ...Object.fromEntries(Object.entries(r).filter(([k]) => !k.endsWith(':ratio'))) }));
  return (
    <ChartFigure id="grads" title={title} note={CHART_NOTES.grads} rows={rows}>
      <StepLineChart lines={lines} label={title} log yLabel="gradient norm" />
    </ChartFigure>
  );
});

export const RatioChart = memo(function RatioChart({ methods, colourOf, labelOf }: ChartProps) {
  const lines = useLines(() => Object.entries(methods).map(([id, m]) => stepSpec(m, { key: `${id}:ratio`, name: labelOf(id), colour: colourOf(id) }, ratioOf, true)), [methods, colourOf, labelOf]);
  const title = 'Embedding / rest gradient-norm ratio (log scale; dotted line: equal)';
  const ids = Object.keys(methods);
  const rows = (): Row[] => gradRows(methods, Infinity).map((r) => ({ step: r.step ?? null, ...Object.fromEntries(ids.map((id) => [id, r[`${id}:ratio`] ?? null])) }));
  return (
    <ChartFigure id="ratio" title={title} note={CHART_NOTES.ratio} rows={rows}>
      <StepLineChart lines={lines} label={title} log refY={1} yLabel="embed / rest" />
    </ChartFigure>
  );
});
