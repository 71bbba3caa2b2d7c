/**
 * The paper's cause across checkpoints (issue #20), recorded: embedding-gradient ratio at the
 * start (raw L2, log) against AdamW's OOD lead over SGD (points), one point per checkpoint of the
 * family with its 90% interval, the paper's three models for scale, the live run's checkpoint
 * ringed and, once the live run ends, the run's own point. The caption gives Spearman's ρ with
 * its interval, in words that claim a trend only where the interval excludes 0.
 */
import { memo, type ReactNode } from 'react';
import {
  CartesianGrid,
  ErrorBar,
  LabelList,
  ReferenceLine,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  type ScatterShapeProps,
  type TooltipContentProps,
} from 'recharts';
import type { FamilyCorrelation } from '../../reference/family-data';
import { formatTick } from './axis';
import { ChartFigure } from './chart-figure';
import { CHART_WIDTH, yTitle } from './chart-layout';
import { correlationSentence, type FamilyPlot, type ScatterPoint } from './family-points';
import { CHART_NOTES } from './notes';
import { redrawNearScreen } from './on-screen';
import { PALETTE } from './palette';
import type { Row } from './series';

const HEIGHT = 300;
const MARGIN = { top: 12, right: 16, bottom: 22, left: 14 };
const X_LABEL = {
  value: 'embedding-gradient ratio at the start (raw, log)',
  position: 'insideBottom',
  offset: -12,
} as const;
const Y_TITLE = "AdamW's OOD lead over SGD (points)";
const C = {
  family: PALETTE[0],
  paper: PALETTE[1],
  you: PALETTE[4],
  unmeasured: '#999999',
} as const;

/** CLIP ViT-B/16 and ConvNeXt-B share the ratio 3.1, their gaps 6 points apart: one label above, one below. */
const PAPER_LABEL_AT: Record<string, 'top' | 'bottom'> = { 'paper: ConvNeXt-B': 'bottom' };

const pts = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)}`;

/** What a point says in the tooltip and the table: ratio, gap with interval and n, or that the gap was not measured. */
export function pointWords(p: ScatterPoint): string {
  const gap = !p.measured
    ? 'gap not measured'
    : p.n === 0
      ? `AdamW − SGD ${pts(p.y)} points`
      : `AdamW − SGD ${pts(p.y)} points${p.lo !== null && p.hi !== null ? ` (90% interval ${pts(p.lo)} to ${pts(p.hi)})` : ' (one seed: no interval)'}, n = ${p.n} seed${p.n === 1 ? '' : 's'}`;
  return `${p.name} (${p.about}): ratio ${p.x.toFixed(2)}; ${gap}`;
}

function FamilyTip({ active, payload }: TooltipContentProps): ReactNode {
  const p = payload?.[0]?.payload as ScatterPoint | undefined;
  if (!active || !p) return null;
  return <div className="chart-tip">{pointWords(p)}</div>;
}
const tip = (props: TooltipContentProps): ReactNode => <FamilyTip {...props} />;

/** The live checkpoint: a ring around its point (on the bottom line when its gap was not measured). */
const ring = (p: ScatterShapeProps): ReactNode => (
  <circle
    cx={p.cx}
    cy={p.cy}
    r={9}
    fill="none"
    stroke="currentColor"
    strokeWidth={2.5}
    className="family-ring"
  />
);

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

export const FamilyChart = redrawNearScreen(
  memo(function FamilyChart({ plot, correlation, liveName }: FamilyChartProps) {
    const title =
      'Across checkpoints: embedding-gradient ratio at the start against AdamW’s OOD lead over SGD (recorded)';
    const sentence = correlation ? correlationSentence(correlation) : 'No correlation recorded.';
    const live = plot.live;
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
        <ul className="chart-legend" aria-label="Family chart markers">
          <li>
            <span className="swatch" style={{ background: C.family }} /> a micro checkpoint, with
            its 90% interval
          </li>
          <li>
            <span className="swatch" style={{ background: C.unmeasured }} /> on the bottom line: gap
            not measured
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
        <ScatterChart
          width={CHART_WIDTH}
          height={HEIGHT}
          margin={MARGIN}
          accessibilityLayer={false}
          role="img"
          aria-label={`${title}. ${sentence}`}
          className="scatter-chart"
        >
          <CartesianGrid />
          <XAxis
            type="number"
            dataKey="x"
            name="ratio"
            scale="log"
            domain={plot.x.domain}
            ticks={plot.x.ticks}
            interval={0}
            allowDataOverflow
            tickFormatter={formatTick}
            label={X_LABEL}
          />
          <YAxis
            type="number"
            dataKey="y"
            name="gap"
            domain={plot.y.domain}
            ticks={plot.y.ticks}
            interval={0}
            allowDataOverflow
            tickFormatter={formatTick}
            width={44}
            label={yTitle(Y_TITLE)}
          />
          <ReferenceLine y={0} className="ref" strokeDasharray="2 3" />
          <Tooltip content={tip} cursor={false} isAnimationActive={false} />
          <Scatter
            name="gap not measured"
            data={plot.unmeasured}
            fill={C.unmeasured}
            shape="triangle"
            className="family-unmeasured"
            isAnimationActive={false}
          />
          <Scatter
            name="micro checkpoints"
            data={plot.measured}
            fill={C.family}
            className="family-measured"
            isAnimationActive={false}
          >
            <ErrorBar dataKey="err" direction="y" width={4} stroke={C.family} />
          </Scatter>
          {plot.paper.map((m) => (
            <Scatter
              key={m.name}
              name="the paper's models"
              data={[m]}
              fill={C.paper}
              shape="diamond"
              className="family-paper"
              isAnimationActive={false}
            >
              <LabelList
                dataKey="tag"
                position={PAPER_LABEL_AT[m.tag ?? ''] ?? 'top'}
                className="family-tag"
              />
            </Scatter>
          ))}
          {live && (
            <Scatter
              name="this lesson's checkpoint"
              data={[live]}
              shape={ring}
              className="family-live"
              isAnimationActive={false}
            />
          )}
          {plot.you && (
            <Scatter
              name="your run"
              data={[plot.you]}
              fill={C.you}
              shape="star"
              className="family-you"
              isAnimationActive={false}
            >
              <ErrorBar dataKey="err" direction="y" width={6} stroke={C.you} />
              <LabelList dataKey="tag" position="left" className="family-tag" />
            </Scatter>
          )}
        </ScatterChart>
      </ChartFigure>
    );
  }),
);
