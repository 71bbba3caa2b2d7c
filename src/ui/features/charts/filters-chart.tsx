/**
 * The first layer's filters as pictures: pretrained (the first evaluation), then per method the
 * change w − w₀ alone, on one scale shared by every method (so a method that moved the
 * embedding more shows brighter, higher-contrast change), and its filters now.
 */
import { memo, useMemo } from 'react';
import type { EvalEvent, FilterSnapshot } from '../../../protocol/messages';
import { ChartFigure } from './chart-figure';
import type { ChartProps } from './chart-props';
import { filterChange, filterDelta, filterGrid, filterScale } from './filter-pixels';
import { CHART_NOTES } from './notes';
import { RgbaCanvas } from './rgba-canvas';
import type { Row } from './series';
import { perArray } from './stable';
import { redrawNearScreen } from './on-screen';

const withFilters = (evals: readonly EvalEvent[]): (EvalEvent & { filters: FilterSnapshot })[] =>
  evals.filter((e): e is EvalEvent & { filters: FilterSnapshot } => e.filters !== undefined);

export const FiltersChart = redrawNearScreen(
  memo(function FiltersChart({ methods, labelOf }: ChartProps) {
    const shown = useMemo(
      () =>
        Object.entries(methods).flatMap(([id, m]) =>
          // Once per evals array: a method's pictures change only when it is evaluated.
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
          }),
        ),
      [methods],
    );
    // The change pictures share one scale: the largest change of any method (a frozen embedding: all grey).
    const deltas = useMemo(() => {
      const scale = Math.max(
        1e-12,
        ...shown.map((s) => s.delta.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0)),
      );
      return shown.map((s) => ({
        id: s.id,
        image: filterGrid(s.delta, scale),
        max: s.delta.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0),
      }));
    }, [shown]);
    const param = shown[0]?.first.filters.param ?? 'first layer';
    const title = `The embedding layer's filters (${param}): pretrained, the change each method made (w − w₀, one shared scale), and now`;
    const rows = (): Row[] => {
      const n = Math.max(0, ...shown.map((s) => s.change.length));
      return Array.from({ length: n }, (_, o) => ({
        filter: o,
        ...Object.fromEntries(
          shown.map((s) => [`${s.id}: ‖w−w₀‖/‖w₀‖ at step ${s.last.step}`, s.change[o] ?? null]),
        ),
      }));
    };
    return (
      <ChartFigure id="filters" title={title} note={CHART_NOTES.filters} rows={rows}>
        {!shown.length && <p className="muted">The pictures appear after the first evaluation.</p>}
        <div className="filters">
          {shown[0] && (
            // Every method starts from the same pretrained weights: one picture of them.
            <figure className="filter-pic">
              <RgbaCanvas
                image={shown[0].before}
                cssScale={2}
                label={`pretrained filters (step ${shown[0].first.step})`}
              />
              <figcaption>pretrained</figcaption>
            </figure>
          )}
          {shown.map((s, i) => (
            <figure key={`${s.id}:change`} className="filter-pic">
              <RgbaCanvas
                image={deltas[i]!.image}
                cssScale={2}
                label={`${labelOf(s.id)}: change of the filters since pretraining, step ${s.last.step}`}
              />
              <figcaption>
                {labelOf(s.id)}: change (largest {deltas[i]!.max.toPrecision(2)})
              </figcaption>
            </figure>
          ))}
          {shown.map((s) => (
            <figure key={s.id} className="filter-pic">
              <RgbaCanvas
                image={s.now}
                cssScale={2}
                label={`${labelOf(s.id)}: filters at step ${s.last.step}`}
              />
              <figcaption>
                {labelOf(s.id)}, step {s.last.step}
              </figcaption>
            </figure>
          ))}
        </div>
      </ChartFigure>
    );
  }),
);
