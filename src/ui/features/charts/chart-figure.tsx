/**
 * A chart with its caption, the one sentence of what to look for, the picture, the longer
 * plain-language note (folded, so a figure fits on a screen under the pinned guide) and its
 * data table.
 */
import type { ReactNode } from 'react';
import { DataTable } from './data-table';
import { CHART_LOOK_FOR, type FigureId } from './notes';
import type { Row } from './series';

export function ChartFigure({
  id,
  title,
  note,
  rows,
  children,
}: {
  id: FigureId;
  title: string;
  note: string;
  rows: Row[] | (() => Row[]);
  children: ReactNode;
}) {
  return (
    <figure className="chart" data-chart={id} aria-labelledby={`chart-${id}`}>
      <figcaption id={`chart-${id}`}>{title}</figcaption>
      <p className="chart-look">{CHART_LOOK_FOR[id]}</p>
      {children}
      <details className="chart-more">
        <summary>More about this chart</summary>
        <p className="chart-note">{note}</p>
      </details>
      <DataTable rows={rows} caption={title} />
    </figure>
  );
}
