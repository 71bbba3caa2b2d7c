/** A chart with its caption, a plain-language note for a classroom, and its data table. */
import type { ReactNode } from 'react';
import { DataTable } from './data-table';
import type { Row } from './series';

export function ChartFigure({ id, title, note, rows, children }: { id: string; title: string; note: string; rows: Row[] | (() => Row[]); children: ReactNode }) {
  return (
    <figure className="chart" data-chart={id} aria-labelledby={`chart-${id}`}>
      <figcaption id={`chart-${id}`}>{title}</figcaption>
      {children}
      <p className="chart-note">{note}</p>
      <DataTable rows={rows} caption={title} />
    </figure>
  );
}
