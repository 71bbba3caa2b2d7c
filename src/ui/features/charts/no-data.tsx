import type { ReactNode } from 'react';

/** What a chart shows before it has anything to draw: a box of the chart's size, so nothing jumps. */
export function NoData({ label, width, height }: { label: string; width: number; height: number }) {
  return (
    <div
      className="no-data"
      role="img"
      aria-label={`${label}: no data yet`}
      style={{ width, height }}
    >
      no data yet
    </div>
  );
}

/**
 * A chart that stays mounted from the start, with "no data yet" over its empty frame until data
 * arrives. Always the same two elements, so the chart inside is updated, never remounted.
 */
export function EmptyOverlay({ empty, children }: { empty: boolean; children: ReactNode }) {
  return (
    <div className={empty ? 'chart-box chart-empty' : 'chart-box'}>
      {children}
      <span className="no-data-note" aria-hidden="true" hidden={!empty}>
        no data yet
      </span>
    </div>
  );
}
