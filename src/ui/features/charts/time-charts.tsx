/** The charts over steps: loss; ID vs OOD accuracy; embedding, middle and head gradient norms; the paper's ratio. */
import { memo, useId, useState } from 'react';
import { ChartFigure } from './chart-figure';
import type { ChartProps } from './chart-props';
import { StepLineChart, type LineSpec } from './line-chart';
import { CHART_NOTES } from './notes';
import { GRAD_PART_LABEL, GRAD_PART_OF, GRAD_PARTS, gradRows, type GradPart } from './grad-series';
import {
  accuracyRows,
  gradRatio,
  idAccuracy,
  lossOf,
  lossRows,
  oodAccuracy,
  stepRows,
  type LayerInfo,
  type RatioScale,
  type RatioView,
  type Row,
} from './series';
import { evalSpec, joinedSpec, stepSpec, useLines, type Spec } from './line-specs';
import { redrawNearScreen } from './on-screen';
import { paperRatioMarks } from '../../reference/paper-models';

/** The paper's raw ratios (3.1, 3.1, 0.27), for scale on the paper's statistic only. */
const PAPER_MARKS = paperRatioMarks();
const NO_MARKS: typeof PAPER_MARKS = [];

export const LossChart = redrawNearScreen(
  memo(function LossChart({ methods, colourOf, labelOf }: ChartProps) {
    const lines = useLines(
      () =>
        Object.entries(methods).map(([id, m]) =>
          stepSpec(m, { key: id, name: labelOf(id), colour: colourOf(id) }, lossOf),
        ),
      [methods, colourOf, labelOf],
    );
    const title = 'Training loss';
    return (
      <ChartFigure id="loss" title={title} note={CHART_NOTES.loss} rows={() => lossRows(methods)}>
        <StepLineChart lines={lines} label={title} yLabel="loss" />
      </ChartFigure>
    );
  }),
);

/**
 * The accuracy lines: the other seeds' OOD first (faint, one series per method: joinedSpec), so
 * the first seed's ID and OOD are drawn over them.
 */
function accuracyLines(
  { methods, colourOf, labelOf, otherSeeds }: ChartProps,
  worstGroup: boolean,
): LineSpec[] {
  const w = worstGroup ? ':w' : '';
  const seeds = Object.entries(otherSeeds ?? {});
  const ood = (e: Parameters<typeof oodAccuracy>[0]) => oodAccuracy(e, worstGroup);
  const faint = Object.keys(methods).flatMap((id) => {
    const spec = { key: `others:${id}:ood${w}`, colour: colourOf(id), faint: true };
    const parts = seeds.flatMap(([seed, runs]) => {
      const m = runs[id];
      return m ? [evalSpec(m, { ...spec, key: `s${seed}:${id}:ood${w}`, name: '' }, ood)] : [];
    });
    const line = joinedSpec(parts, { ...spec, name: `${labelOf(id)} OOD, other seeds` });
    return line ? [line] : [];
  });
  return [
    ...faint,
    ...Object.entries(methods).flatMap(([id, m]) => [
      evalSpec(m, { key: `${id}:id${w}`, name: `${labelOf(id)} ID`, colour: colourOf(id) }, (e) =>
        idAccuracy(e, worstGroup),
      ),
      evalSpec(
        m,
        { key: `${id}:ood${w}`, name: `${labelOf(id)} OOD`, colour: colourOf(id), dashed: true },
        ood,
      ),
    ]),
  ];
}

/** The accuracy chart's caption: which accuracy, and how many other seeds are drawn faint. */
const accuracyTitle = (worstGroup: boolean, others: number): string =>
  `Accuracy: in-distribution (solid) vs out-of-distribution${worstGroup ? ', worst group' : ''} (dashed)${others ? `, first seed; faint: OOD of the other ${others} seed${others === 1 ? '' : 's'}` : ''}`;

export const AccuracyChart = redrawNearScreen(
  memo(function AccuracyChart({
    methods,
    colourOf,
    labelOf,
    worstGroup,
    otherSeeds,
  }: ChartProps & { worstGroup: boolean }) {
    const lines = useLines(
      () => accuracyLines({ methods, colourOf, labelOf, otherSeeds }, worstGroup),
      [methods, colourOf, labelOf, worstGroup, otherSeeds],
    );
    const title = accuracyTitle(worstGroup, Object.keys(otherSeeds ?? {}).length);
    const note = worstGroup
      ? `${CHART_NOTES.accuracy} ${CHART_NOTES.accuracyGroups}`
      : CHART_NOTES.accuracy;
    return (
      <ChartFigure
        id="accuracy"
        title={title}
        note={note}
        rows={() => accuracyRows(methods, worstGroup)}
      >
        <StepLineChart
          lines={lines}
          label={title}
          yDomain={UNIT}
          markersUpTo={30}
          yLabel="accuracy"
        />
      </ChartFigure>
    );
  }),
);
const UNIT: [number, number] = [0, 1];

/** Embedding solid, middle dashed, the new head dotted (the legend above the charts says so too). */
const GRAD_STYLE: Record<GradPart, Pick<Spec, 'dashed' | 'dotted'>> = {
  embed: {},
  middle: { dashed: true },
  head: { dotted: true },
};

export const GradChart = redrawNearScreen(
  memo(function GradChart({ methods, colourOf, labelOf, info }: ChartProps & { info: LayerInfo }) {
    // The layers decide what each line sums: part of the cache key, with the method's steps array.
    const layersKey = `${info.embedLayers[0] ?? ''}/${info.headLayers.join(',')}/${info.layers.length}`;
    const lines = useLines(
      () =>
        Object.entries(methods).flatMap(([id, m]) =>
          GRAD_PARTS.map((part) =>
            stepSpec(
              m,
              {
                key: `${id}:${part}:${layersKey}`,
                name: `${labelOf(id)} ${GRAD_PART_LABEL[part]}`,
                colour: colourOf(id),
                ...GRAD_STYLE[part],
              },
              (s) => GRAD_PART_OF[part](s, info),
              true,
            ),
          ),
        ),
      [methods, colourOf, labelOf, info, layersKey],
    );
    const title =
      'Gradient norm: embedding (solid), largest middle layer (dashed) and the new, randomly initialised head (dotted), log scale';
    return (
      <ChartFigure
        id="grads"
        title={title}
        note={CHART_NOTES.grads}
        rows={() => gradRows(methods, info)}
      >
        <StepLineChart lines={lines} label={title} log yLabel="gradient norm" />
      </ChartFigure>
    );
  }),
);

const RATIO_TITLE: Record<RatioView, string> = {
  paper: 'First layer / largest middle layer gradient norm (the paper’s statistic)',
  rest: 'Embedding / rest-of-model gradient norm (rest = every other layer, head included)',
};

export const RatioChart = redrawNearScreen(
  memo(function RatioChart({ methods, colourOf, labelOf, info }: ChartProps & { info: LayerInfo }) {
    const [view, setView] = useState<RatioView>('paper');
    const [scale, setScale] = useState<RatioScale>('norm');
    const viewId = useId();
    const scaleId = useId();
    const rmsKnown = Object.keys(info.layerParams).length > 0;
    const sc: RatioScale = rmsKnown ? scale : 'norm';
    const lines = useLines(
      () =>
        Object.entries(methods).map(([id, m]) =>
          stepSpec(
            m,
            { key: `${id}:ratio:${view}:${sc}`, name: labelOf(id), colour: colourOf(id) },
            (s) => gradRatio(s, info, view, sc),
            true,
          ),
        ),
      [methods, colourOf, labelOf, info, view, sc],
    );
    // The paper measured raw norms, first layer / largest middle: its values mark that view only.
    const marks = view === 'paper' && sc === 'norm' ? PAPER_MARKS : NO_MARKS;
    const title = `${RATIO_TITLE[view]}${sc === 'rms' ? ', per parameter (RMS)' : ''}; log scale, dotted line: equal${marks.length ? '; dashed: the paper’s models' : ''}`;
    const rows = (): Row[] =>
      stepRows(methods, [{ suffix: '', value: (s) => gradRatio(s, info, view, sc) }]);
    const note = `${CHART_NOTES.ratio} ${sc === 'rms' ? CHART_NOTES.ratioRms : CHART_NOTES.ratioNorm}`;
    return (
      <ChartFigure id="ratio" title={title} note={note} rows={rows}>
        <label htmlFor={viewId} className="chart-control">
          ratio{' '}
          <select id={viewId} value={view} onChange={(e) => setView(e.target.value as RatioView)}>
            <option value="paper">first layer / largest middle layer (paper)</option>
            <option value="rest">embedding / rest of the model</option>
          </select>
        </label>{' '}
        {rmsKnown && (
          <label htmlFor={scaleId} className="chart-control">
            of{' '}
            <select
              id={scaleId}
              value={sc}
              onChange={(e) => setScale(e.target.value as RatioScale)}
            >
              <option value="norm">raw norms</option>
              <option value="rms">per parameter (RMS)</option>
            </select>
          </label>
        )}
        <StepLineChart
          lines={lines}
          label={title}
          log
          refY={1}
          marks={marks}
          yLabel={view === 'paper' ? 'first / max middle' : 'embed / rest'}
        />
      </ChartFigure>
    );
  }),
);
