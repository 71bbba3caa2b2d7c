/**
 * The first layer's filters as pictures: pretrained (the first evaluation), then per method the
 * change w − w₀ alone, on one scale shared by every method (so a method that moved the
 * embedding more shows brighter, higher-contrast change), and its filters now.
 */
import { memo, useMemo, type ReactNode } from 'react';
import type { MethodHistory } from '../../store/method-history';
import type { EvalEvent, FilterSnapshot } from '../../../protocol/messages';
import { ChartFigure } from './chart-figure';
import type { ChartProps } from './chart-props';
import { filterChange, filterDelta, filterGrid, filterScale, type Rgba } from './filter-pixels';
import { CHART_NOTES } from './notes';
import { RgbaCanvas } from './rgba-canvas';
import type { Row } from './series';
import { perArray } from './stable';
import { redrawNearScreen } from './on-screen';

type Evaluated = EvalEvent & { filters: FilterSnapshot };

const withFilters = (evals: readonly EvalEvent[]): Evaluated[] =>
  evals.filter((e): e is Evaluated => e.filters !== undefined);

/** One method's pictures: pretrained and now (one scale: the pretrained filters' largest weight) and the change. */
interface MethodFilters {
  id: string;
  first: Evaluated;
  last: Evaluated;
  before: Rgba;
  now: Rgba;
  change: number[];
  delta: FilterSnapshot;
}

/** A method's pictures, once per evals array: they change only when it is evaluated. */
const methodFilters = (id: string, m: MethodHistory): MethodFilters[] =>
  perArray(m.evals, `filters|${id}`, () => {
    const f = withFilters(m.evals);
    const first = f[0];
    const last = f.at(-1);
    if (!first || !last) return [];
    // One scale for both pictures: the pretrained filters' largest weight.
    const scale = filterScale(first.filters);
    return [
      {
        id,
        first,
        last,
        before: filterGrid(first.filters, scale),
        now: filterGrid(last.filters, scale),
        change: filterChange(first.filters, last.filters),
        delta: filterDelta(first.filters, last.filters),
      },
    ];
  });

/** The change pictures share one scale: the largest change of any method (a frozen embedding: all grey). */
function changePictures(
  shown: readonly MethodFilters[],
): { id: string; image: Rgba; max: number }[] {
  const scale = Math.max(
    1e-12,
    ...shown.map((s) => s.delta.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0)),
  );
  return shown.map((s) => ({
    id: s.id,
    image: filterGrid(s.delta, scale),
    max: s.delta.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0),
  }));
}

/** The data table: one row per filter, each method's relative change. */
function filterRows(shown: readonly MethodFilters[]): Row[] {
  const n = Math.max(0, ...shown.map((s) => s.change.length));
  return Array.from({ length: n }, (_, o) => ({
    filter: o,
    ...Object.fromEntries(
      shown.map((s) => [`${s.id}: ‖w−w₀‖/‖w₀‖ at step ${s.last.step}`, s.change[o] ?? null]),
    ),
  }));
}

/** One picture with its caption. */
function FilterPic({ image, label, caption }: { image: Rgba; label: string; caption: ReactNode }) {
  return (
    <figure className="filter-pic">
      <RgbaCanvas image={image} cssScale={2} label={label} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

export const FiltersChart = redrawNearScreen(
  memo(function FiltersChart({ methods, labelOf }: ChartProps) {
    const shown = useMemo(
      () => Object.entries(methods).flatMap(([id, m]) => methodFilters(id, m)),
      [methods],
    );
    const deltas = useMemo(() => changePictures(shown), [shown]);
    const param = shown[0]?.first.filters.param ?? 'first layer';
    const title = `The embedding layer's filters (${param}): pretrained, the change each method made (w − w₀, one shared scale), and now`;
    return (
      <ChartFigure
        id="filters"
        title={title}
        note={CHART_NOTES.filters}
        rows={() => filterRows(shown)}
      >
        {!shown.length && <p className="muted">The pictures appear after the first evaluation.</p>}
        <div className="filters">
          {shown[0] && (
            // Every method starts from the same pretrained weights: one picture of them.
            <FilterPic
              image={shown[0].before}
              label={`pretrained filters (step ${shown[0].first.step})`}
              caption="pretrained"
            />
          )}
          {shown.map((s, i) => (
            <FilterPic
              key={`${s.id}:change`}
              image={deltas[i]!.image}
              label={`${labelOf(s.id)}: change of the filters since pretraining, step ${s.last.step}`}
              caption={
                <>
                  {labelOf(s.id)}: change (largest {deltas[i]!.max.toPrecision(2)})
                </>
              }
            />
          ))}
          {shown.map((s) => (
            <FilterPic
              key={s.id}
              image={s.now}
              label={`${labelOf(s.id)}: filters at step ${s.last.step}`}
              caption={
                <>
                  {labelOf(s.id)}, step {s.last.step}
                </>
              }
            />
          ))}
        </div>
      </ChartFigure>
    );
  }),
);
