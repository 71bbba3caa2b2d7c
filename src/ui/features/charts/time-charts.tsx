/** The charts over steps: loss; ID vs OOD accuracy; embedding vs rest gradient norms; their ratio. */
import { memo, useMemo } from 'react';
import { ChartFigure } from './chart-figure';
import type { ChartProps } from './chart-props';
import { CHART_NOTES } from './notes';
import { accuracyRows, evalLine, gradRows, idAccuracy, lossRows, oodAccuracy, restNorm, stepLine, type Row } from './series';
import { SvgLineChart, type LineSpec } from './svg-line-chart';

export const LossChart = memo(function LossChart({ methods, colourOf, labelOf }: ChartProps) {
  const lines = useMemo(
    (): LineSpec[] => Object.entries(methods).map(([id, m]) => ({ key: id, name: labelOf(id), colour: colourOf(id), points: stepLine(m, (s) => s.loss) })),
    [methods, colourOf, labelOf],
  );
  const title = 'Training loss';
  return (
    <ChartFigure id="loss" title={title} note={CHART_NOTES.loss} rows={() => lossRows(methods, Infinity)}>
      <SvgLineChart lines={lines} label={title} yLabel="loss" />
    </ChartFigure>
  );
});

export const AccuracyChart = memo(function AccuracyChart({ methods, colourOf, labelOf, worstGroup }: ChartProps & { worstGroup: boolean }) {
  const lines = useMemo(
    (): LineSpec[] =>
      Object.entries(methods).flatMap(([id, m]) => [
        { key: `${id}:id`, name: `${labelOf(id)} ID`, colour: colourOf(id), points: evalLine(m, (e) => idAccuracy(e, worstGroup)) },
        { key: `${id}:ood`, name: `${labelOf(id)} OOD`, colour: colourOf(id), dashed: true, points: evalLine(m, (e) => oodAccuracy(e, worstGroup)) },
      ]),
    [methods, colourOf, labelOf, worstGroup],
  );
  const title = `Accuracy: in-distribution (solid) vs out-of-distribution${worstGroup ? ', worst group' : ''} (dashed)`;
  const note = worstGroup ? `${CHART_NOTES.accuracy} ${CHART_NOTES.accuracyGroups}` : CHART_NOTES.accuracy;
  return (
    <ChartFigure id="accuracy" title={title} note={note} rows={() => accuracyRows(methods, worstGroup)}>
      <SvgLineChart lines={lines} label={title} yDomain={[0, 1]} markersUpTo={30} yLabel="accuracy" />
    </ChartFigure>
  );
});

export const GradChart = memo(function GradChart({ methods, colourOf, labelOf }: ChartProps) {
  const lines = useMemo(
    (): LineSpec[] =>
      Object.entries(methods).flatMap(([id, m]) => [
        { key: `${id}:embed`, name: `${labelOf(id)} embedding`, colour: colourOf(id), points: stepLine(m, (s) => s.gradNorms.perGroup.embed, { positive: true }) },
        { key: `${id}:rest`, name: `${labelOf(id)} rest`, colour: colourOf(id), dashed: true, points: stepLine(m, (s) => restNorm(s.gradNorms.perGroup), { positive: true }) },
      ]),
    [methods, colourOf, labelOf],
  );
  const title = 'Gradient norm: embedding layer (solid) vs rest of the model (dashed), log scale';
  const rows = (): Row[] => gradRows(methods, Infinity).map(({ step, ...r }) => ({ step: step ?? null, ...Object.fromEntries(Object.entries(r).filter(([k]) => !k.endsWith(':ratio'))) }));
  return (
    <ChartFigure id="grads" title={title} note={CHART_NOTES.grads} rows={rows}>
      <SvgLineChart lines={lines} label={title} log yLabel="gradient norm" />
    </ChartFigure>
  );
});

export const RatioChart = memo(function RatioChart({ methods, colourOf, labelOf }: ChartProps) {
  const lines = useMemo(
    (): LineSpec[] =>
      Object.entries(methods).map(([id, m]) => ({
        key: id,
        name: labelOf(id),
        colour: colourOf(id),
        points: stepLine(
          m,
          (s) => {
            const e = s.gradNorms.perGroup.embed;
            const r = restNorm(s.gradNorms.perGroup);
            return e === null || !r ? null : e / r;
          },
          { positive: true },
        ),
      })),
    [methods, colourOf, labelOf],
  );
  const title = 'Embedding / rest gradient-norm ratio (log scale; dotted line: equal)';
  const ids = Object.keys(methods);
  const rows = (): Row[] => gradRows(methods, Infinity).map((r) => ({ step: r.step ?? null, ...Object.fromEntries(ids.map((id) => [id, r[`${id}:ratio`] ?? null])) }));
  return (
    <ChartFigure id="ratio" title={title} note={CHART_NOTES.ratio} rows={rows}>
      <SvgLineChart lines={lines} label={title} log refY={1} yLabel="embed / rest" />
    </ChartFigure>
  );
});
