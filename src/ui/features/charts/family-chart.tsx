/**
 * The paper's cause across checkpoints (issue #20), recorded: embedding-gradient ratio at the
 * start (raw L2, log) against AdamW's OOD lead over SGD (points), one point per checkpoint of the
 * family with its 90% interval, the paper's three models for scale, the live run's checkpoint
 * ringed and, once the live run ends, the run's own point. The caption gives Spearman's ρ with
 * its interval, in words that claim a trend only where the interval excludes 0. The scatter
 * itself is in family-scatter.tsx.
 */
import { memo } from 'react';
import type { FamilyCorrelation } from '../../reference/family-data';
import { ChartFigure } from './chart-figure';
import { correlationSentence, type FamilyPlot } from './family-points';
import { FAMILY_COLOURS as C, FamilyScatter, pointWords } from './family-scatter';
import { CHART_NOTES } from './notes';
import { redrawNearScreen } from './on-screen';
import type { Row } from './series';

export { pointWords } from './family-scatter';

const rowsOf = (plot: FamilyPlot): Row[] =>
  [...plot.measured, ...plot.unmeasured, ...plot.paper, ...(plot.you ? [plot.you] : [])].map(
    (p) => ({
      checkpoint: p.name,
      what: p.about,
      ratio: Number(p.x.toFixed(3)),
      'AdamW − SGD OOD (points)': p.measured ? Number(p.y.toFixed(2)) : 'not measured',
      '90% interval':
        p.lo !== null && p.hi !== null ? `${p.lo.toFixed(1)} to ${p.hi.toFixed(1)}` : '—',
      seeds: p.n || '—',
    }),
  );

export interface FamilyChartProps {
  plot: FamilyPlot;
  correlation: FamilyCorrelation | null;
  /** The live run's weights (ringed when they are one of the points). */
  liveName: string;
}

/** What each marker means; the live checkpoint's and the run's own point say their numbers. */
function FamilyLegend({ plot, liveName }: { plot: FamilyPlot; liveName: string }) {
  const live = plot.live;
  return (
    <ul className="chart-legend" aria-label="Family chart markers">
      <li>
        <span className="swatch" style={{ background: C.family }} /> a micro checkpoint, with its
        90% interval
      </li>
      <li>
        <span className="swatch" style={{ background: C.unmeasured }} /> on the bottom line: gap not
        measured
      </li>
      <li>
        <span className="swatch" style={{ background: C.paper }} /> the paper’s models, at full
        scale
      </li>
      <li data-testid="family-live" data-live={live?.name ?? ''}>
        ◯{' '}
        {live
          ? `this lesson’s checkpoint: ${pointWords(live)}`
          : `this lesson’s weights (${liveName}) are not in the family`}
      </li>
      {plot.you && (
        <li data-testid="family-you">
          <span className="swatch" style={{ background: C.you }} /> {pointWords(plot.you)}
        </li>
      )}
    </ul>
  );
}

export const FamilyChart = redrawNearScreen(
  memo(function FamilyChart({ plot, correlation, liveName }: FamilyChartProps) {
    const title =
      'Across checkpoints: embedding-gradient ratio at the start against AdamW’s OOD lead over SGD (recorded)';
    const sentence = correlation ? correlationSentence(correlation) : 'No correlation recorded.';
    return (
      <ChartFigure
        id="family"
        title={title}
        note={`${CHART_NOTES.family} ${sentence}`}
        rows={() => rowsOf(plot)}
      >
        <p className="chart-look" data-testid="family-correlation">
          {sentence}
        </p>
        <FamilyLegend plot={plot} liveName={liveName} />
        <FamilyScatter plot={plot} label={`${title}. ${sentence}`} />
      </ChartFigure>
    );
  }),
);
