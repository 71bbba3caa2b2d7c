/**
 * Bars drawn as plain SVG: categories along x, in each a group of bars side by side, each bar
 * a stack of segments. Grouped bars (per layer, one bar per method) and stacked bars (memory:
 * weights + gradients + optimizer state) are the same picture with one or several segments.
 */
import { memo, useId } from 'react';
import { extent, formatTick, linearScale, logScale } from './scale';

export interface Segment {
  name: string;
  value: number | null;
  colour: string;
  /** Drawn hatched (e.g. what the backend measured, beside what was accounted). */
  hatched?: boolean;
}

export interface BarSpec {
  name: string;
  segments: readonly Segment[];
}

export interface Category {
  label: string;
  /** A second, smaller line under the label (not with `slant`). */
  sublabel?: string;
  bars: readonly BarSpec[];
}

export interface BarChartProps {
  categories: readonly Category[];
  label: string;
  log?: boolean;
  width?: number;
  height?: number;
  yLabel?: string;
  /** Slanted category labels (long layer names). */
  slant?: boolean;
}

export const SvgBarChart = memo(function SvgBarChart({ categories, label, log, width = 420, height = 220, yLabel, slant }: BarChartProps) {
  const hatch = `hatch${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`; // unique per chart: no duplicate ids
  const hasSub = categories.some((c) => c.sublabel);
  const M = { left: 46, right: 8, top: 8, bottom: slant ? 64 : hasSub ? 42 : 30 };
  const totals = categories.flatMap((c) => c.bars.map((b) => b.segments.reduce((a, s) => a + (s.value ?? 0), 0)));
  const singles = categories.flatMap((c) => c.bars.flatMap((b) => b.segments.map((s) => s.value)));
  const ys = log ? extent(singles, true) : extent([0, ...totals]);
  const iw = width - M.left - M.right;
  const ih = height - M.top - M.bottom;
  if (!ys || !categories.length || ys[1] <= 0) {
    return (
      <svg className="svg-chart" role="img" aria-label={`${label}: no data yet`} width={width} height={height}>
        <text x={width / 2} y={height / 2} textAnchor="middle" className="muted">
          no data yet
        </text>
      </svg>
    );
  }
  const y = log ? logScale(ys, [M.top + ih, M.top]) : linearScale(ys, [M.top + ih, M.top], { count: 4 });
  const base = y(y.domain[0]);
  const cw = iw / categories.length;
  const pad = Math.min(8, cw * 0.15);
  return (
    <svg className="svg-chart" role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      <defs>
        <pattern id={hatch} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="4" height="4" fill="#999999" />
          <line x1="0" y1="0" x2="0" y2="4" stroke="white" strokeWidth="1.5" />
        </pattern>
      </defs>
      <g className="grid">
        {y.ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={M.left + iw} y1={y(t)} y2={y(t)} />
            <text x={M.left - 4} y={y(t)} dy="0.32em" textAnchor="end">
              {formatTick(t)}
            </text>
          </g>
        ))}
        {yLabel && (
          <text transform={`translate(10 ${M.top + ih / 2}) rotate(-90)`} textAnchor="middle">
            {yLabel}
          </text>
        )}
      </g>
      {categories.map((c, ci) => {
        const x0 = M.left + ci * cw + pad;
        const bw = (cw - 2 * pad) / Math.max(1, c.bars.length);
        const cx = M.left + ci * cw + cw / 2;
        return (
          <g key={c.label}>
            {c.bars.map((b, bi) => {
              let top = base;
              let acc = 0;
              return (
                <g key={b.name}>
                  {b.segments.map((s) => {
                    if (s.value === null || !(s.value > 0)) return null;
                    // Stacks add on a linear axis; on a log axis bars hold one segment each.
                    acc = log ? s.value : acc + s.value;
                    const yt = y(acc);
                    const r = (
                      <rect key={s.name} x={x0 + bi * bw} y={yt} width={Math.max(1, bw - 1)} height={Math.max(0, top - yt)} fill={s.hatched ? `url(#${hatch})` : s.colour}>
                        <title>{`${b.name} ${s.name}: ${formatTick(s.value)}`}</title>
                      </rect>
                    );
                    top = yt;
                    return r;
                  })}
                </g>
              );
            })}
            <text className="cat" x={cx} y={M.top + ih + 14} textAnchor={slant ? 'end' : 'middle'} transform={slant ? `rotate(-35 ${cx} ${M.top + ih + 14})` : undefined}>
              {c.label}
            </text>
            {c.sublabel && !slant && (
              <text className="cat sub" x={cx} y={M.top + ih + 28} textAnchor="middle">
                {c.sublabel}
              </text>
            )}
          </g>
        );
      })}
      <line className="axis" x1={M.left} x2={M.left + iw} y1={base} y2={base} />
    </svg>
  );
});
