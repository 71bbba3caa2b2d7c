/**
 * What every recharts chart here shares: a fixed size (recharts then measures nothing: no
 * ResponsiveContainer, no ResizeObserver re-layout; the grid's columns in charts.css fit it)
 * and the rotated y-axis title, one object per text so memoised charts see the same props.
 */
import type { LabelProps } from 'recharts';

export const CHART_WIDTH = 420;
export const CHART_HEIGHT = 220;

const titles = new Map<string, LabelProps>();

export function yTitle(text: string | undefined): LabelProps | undefined {
  if (!text) return undefined;
  let t = titles.get(text);
  if (!t) {
    t = { value: text, angle: -90, position: 'left', offset: 0, style: { textAnchor: 'middle' } };
    titles.set(text, t);
  }
  return t;
}
