/**
 * A small line chart drawn as plain SVG: one <path> per line, a few gridlines and labels.
 * Replaces recharts for the live charts: on the shared 2-core machine one recharts render took
 * 100-490 ms of main-thread time (6 steps x 4 methods), this takes a few ms (see charts-panel).
 * Lines arrive decimated (decimate.ts), so the cost does not grow with the run.
 */
import { memo } from 'react';
import type { Point } from './decimate';
import { extent, formatTick, linearScale, logScale } from './scale';

export interface LineSpec {
  key: string;
  name: string;
  colour: string;
  dashed?: boolean;
  points: readonly Point[];
}

export interface LineChartProps {
  lines: readonly LineSpec[];
  /** Accessible name of the picture (the figure caption says it too). */
  label: string;
  log?: boolean;
  /** Fixed y range (accuracy: [0, 1]). */
  yDomain?: [number, number];
  /** A dotted horizontal reference line (e.g. ratio = 1). */
  refY?: number;
  width?: number;
  height?: number;
  yLabel?: string;
  /** Dots on lines of at most this many points (evaluations are few and far apart). */
  markersUpTo?: number;
}

const M = { left: 46, right: 10, top: 8, bottom: 30 };

const path = (pts: readonly Point[], x: (v: number) => number, y: (v: number) => number): string =>
  pts.map(([a, b], i) => `${i ? 'L' : 'M'}${x(a).toFixed(1)},${y(b).toFixed(1)}`).join('');

export const SvgLineChart = memo(function SvgLineChart({ lines, label, log, yDomain, refY, width = 420, height = 220, yLabel, markersUpTo = 0 }: LineChartProps) {
  const all = lines.flatMap((l) => l.points);
  const xs = extent(all.map((p) => p[0]));
  const ys = yDomain ?? extent([...all.map((p) => p[1]), ...(refY !== undefined ? [refY] : [])], log);
  const iw = width - M.left - M.right;
  const ih = height - M.top - M.bottom;
  if (!xs || !ys) {
    return (
      <svg className="svg-chart" role="img" aria-label={`${label}: no data yet`} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
        <text x={width / 2} y={height / 2} textAnchor="middle" className="muted">
          no data yet
        </text>
      </svg>
    );
  }
  const x = linearScale(xs[0] === xs[1] ? [xs[0] - 1, xs[1] + 1] : xs, [M.left, M.left + iw], { count: 5 });
  const y = log ? logScale(ys, [M.top + ih, M.top]) : linearScale(ys, [M.top + ih, M.top], { nice: !yDomain, count: 4 });
  const yTicks = yDomain ? [0, 0.25, 0.5, 0.75, 1].map((t) => yDomain[0] + t * (yDomain[1] - yDomain[0])) : y.ticks;
  return (
    <svg className="svg-chart" role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      <g className="grid">
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={M.left} x2={M.left + iw} y1={y(t)} y2={y(t)} />
            <text x={M.left - 4} y={y(t)} dy="0.32em" textAnchor="end">
              {formatTick(t)}
            </text>
          </g>
        ))}
        {x.ticks.map((t) => (
          <text key={`x${t}`} x={x(t)} y={M.top + ih + 14} textAnchor="middle">
            {formatTick(t)}
          </text>
        ))}
        <text x={M.left + iw / 2} y={height - 2} textAnchor="middle">
          step
        </text>
        {yLabel && (
          <text transform={`translate(10 ${M.top + ih / 2}) rotate(-90)`} textAnchor="middle">
            {yLabel}
          </text>
        )}
      </g>
      {refY !== undefined && <line className="ref" x1={M.left} x2={M.left + iw} y1={y(refY)} y2={y(refY)} />}
      {lines.map((l) =>
        l.points.length === 0 ? null : l.points.length === 1 ? (
          <circle key={l.key} cx={x((l.points[0] as Point)[0])} cy={y((l.points[0] as Point)[1])} r={3} fill={l.colour}>
            <title>{l.name}</title>
          </circle>
        ) : (
          <g key={l.key}>
            <path d={path(l.points, x, y)} fill="none" stroke={l.colour} strokeWidth={2} strokeDasharray={l.dashed ? '6 4' : undefined}>
              <title>{l.name}</title>
            </path>
            {l.points.length <= markersUpTo &&
              l.points.map(([a, b]) => <circle key={a} cx={x(a)} cy={y(b)} r={2.5} fill={l.dashed ? 'none' : l.colour} stroke={l.colour} />)}
          </g>
        ),
      )}
    </svg>
  );
});
