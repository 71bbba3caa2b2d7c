/** What a chart shows before it has anything to draw: a box of the chart's size, so nothing jumps. */
export function NoData({ label, width, height }: { label: string; width: number; height: number }) {
  return (
    <div className="no-data" role="img" aria-label={`${label}: no data yet`} style={{ width, height }}>
      no data yet
    </div>
  );
}
