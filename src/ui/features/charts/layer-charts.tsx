/**
 * Per-layer views: gradient norm per layer at one step (bars, like the paper's figure), the
 * same over the run (layers x steps heatmap, one per method), and how far each layer moved.
 */
import { memo, useCallback, useId, useMemo, useState } from 'react';
import { ChartFigure } from './chart-figure';
import type { ChartProps } from './chart-props';
import { formatTick } from './axis';
import { BodyHeadBars, useBodyHeadRows } from './body-head-bars';
import { heatmapRgba, heatRange, layerHeatmap } from './heatmap-data';
import { CHART_NOTES } from './notes';
import { RgbaCanvas } from './rgba-canvas';
import { driftRows, layerGradRows, type LayerInfo, type Row } from './series';
import { redrawNearScreen } from './on-screen';

type LayerProps = ChartProps & { layers: readonly string[] };

/** Heatmaps are about 150 px wide whatever the number of columns (at least 3 px a column). */
const cellWidth = (cols: number): number => Math.max(3, Math.floor(150 / Math.max(1, cols)));

/** The head's rows named as the new layer (the x axis and the data table say it). */
const asNewHead = (rows: readonly Row[]): Row[] =>
  rows.map((r) => ({ ...r, layer: `${String(r.layer)} (new, random)` }));

type At = 'first' | 'latest';

/** The gradient bars' control: at the first step (pretrained weights) or the latest. */
function StepPicker({ id, at, onPick }: { id: string; at: At; onPick: (at: At) => void }) {
  return (
    <label htmlFor={id} className="chart-control">
      show{' '}
      <select id={id} value={at} onChange={(e) => onPick(e.target.value as At)}>
        <option value="first">first step</option>
        <option value="latest">latest step</option>
      </select>
    </label>
  );
}

export const LayerGradChart = redrawNearScreen(
  memo(function LayerGradChart({
    methods,
    colourOf,
    labelOf,
    info,
  }: ChartProps & { info: LayerInfo }) {
    const [at, setAt] = useState<At>('first');
    const selectId = useId();
    const rowsOf = useCallback(
      (layers: string[]) => layerGradRows(methods, layers, at),
      [methods, at],
    );
    // The same rows while the numbers are (at the first step: after it): the bars skip their render.
    const bars = useBodyHeadRows(methods, info, rowsOf, asNewHead);
    const title = `Gradient norm per layer at the ${at === 'first' ? 'first step (pretrained weights)' : 'latest step'}, log scale; the new, randomly initialised head apart on its own scale, right`;
    return (
      <ChartFigure
        id="layers"
        title={title}
        note={CHART_NOTES.layers}
        rows={() => [...bars.bodyRows, ...bars.headRows]}
      >
        <StepPicker id={selectId} at={at} onPick={setAt} />
        <BodyHeadBars
          {...bars}
          colourOf={colourOf}
          labelOf={labelOf}
          label={title}
          log
          headLabel="The new head's gradient norm (its own scale)"
          yLabel="gradient norm"
        />
        <HeadValues rows={bars.headRows} ids={bars.ids} labelOf={labelOf} />
      </ChartFigure>
    );
  }),
);

/** The head's bars written out: they are on their own scale, so their size is not comparable. */
function HeadValues({
  rows,
  ids,
  labelOf,
}: {
  rows: readonly Row[];
  ids: readonly string[];
  labelOf: (id: string) => string;
}) {
  const parts = rows.flatMap((r) =>
    ids.flatMap((id) => (typeof r[id] === 'number' ? [`${labelOf(id)} ${formatTick(r[id])}`] : [])),
  );
  if (!parts.length) return null;
  return (
    <p className="muted head-values">
      New, randomly initialised head (not pretrained, so its gradient is large under every method):{' '}
      {parts.join(' · ')}
    </p>
  );
}

export const LayerHeatmapChart = redrawNearScreen(
  memo(function LayerHeatmapChart({ methods, labelOf, layers }: LayerProps) {
    const maps = useMemo(
      () => Object.entries(methods).map(([id, m]) => ({ id, map: layerHeatmap(m.steps, layers) })),
      [methods, layers],
    );
    const range = useMemo(() => heatRange(maps.map((m) => m.map)), [maps]);
    const title =
      'Gradient norm per layer over the run (rows: layers, first on top; columns: steps; brighter = larger, log colour scale)';
    const rows = (): Row[] =>
      maps.flatMap(({ id, map }) =>
        map.layers.map((layer, li) => ({
          method: id,
          layer,
          ...Object.fromEntries(
            map.cols.map((c, ci) => [`steps ${c.from}–${c.to}`, map.cells[li]?.[ci] ?? null]),
          ),
        })),
      );
    return (
      <ChartFigure id="heatmap" title={title} note={CHART_NOTES.heatmap} rows={rows}>
        <div className="heatmaps">
          {maps.map(({ id, map }) => (
            <div key={id} className="heatmap">
              <div className="heatmap-title">{labelOf(id)}</div>
              <div className="heatmap-body">
                <ul className="heatmap-layers" aria-hidden="true">
                  {layers.map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
                <RgbaCanvas
                  image={heatmapRgba(map, range, cellWidth(map.cols.length))}
                  label={`${labelOf(id)}: gradient norm per layer over ${map.cols.length} step buckets`}
                />
              </div>
              <div className="muted heatmap-steps">
                {map.cols.length
                  ? `steps ${map.cols[0]?.from}–${map.cols.at(-1)?.to}`
                  : 'no steps yet'}
              </div>
            </div>
          ))}
        </div>
        {range && (
          <p className="heat-legend">
            <span>{formatTick(range[0])}</span>
            <span className="heat-ramp" aria-hidden="true" />
            <span>{formatTick(range[1])}</span>
          </p>
        )}
      </ChartFigure>
    );
  }),
);

export const DriftChart = redrawNearScreen(
  memo(function DriftChart({ methods, colourOf, labelOf, info }: ChartProps & { info: LayerInfo }) {
    const rowsOf = useCallback((layers: string[]) => driftRows(methods, layers), [methods]);
    const bars = useBodyHeadRows(methods, info, rowsOf);
    const title =
      'How far each layer moved from its pretrained weights (‖w − w₀‖ / ‖w₀‖), at the latest evaluation; the new head on its own scale, right';
    return (
      <ChartFigure
        id="drift"
        title={title}
        note={CHART_NOTES.drift}
        rows={() => [...bars.bodyRows, ...bars.headRows]}
      >
        <BodyHeadBars
          {...bars}
          colourOf={colourOf}
          labelOf={labelOf}
          label={title}
          headLabel="How far the new head moved (its own scale)"
          yLabel="relative change"
        />
      </ChartFigure>
    );
  }),
);
