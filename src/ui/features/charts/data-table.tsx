import { useState } from 'react';
import type { Row } from './series';

const fmt = (v: Row[string] | undefined): string =>
  typeof v === 'number'
    ? Math.abs(v) >= 100 || Number.isInteger(v)
      ? String(v)
      : v.toPrecision(4)
    : (v ?? '–');

/**
 * The data behind a chart, as a table (for screen readers, and for anyone who wants numbers).
 * A native <details>: focusable and opened with Enter or Space. The table is rendered only
 * while open, and its rows are computed only then (`rows` may be a function), so a closed table
 * costs nothing when the live charts refresh.
 */
export function DataTable({ rows, caption }: { rows: Row[] | (() => Row[]); caption: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="data-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Data table: {caption}</summary>
      {open && <Table rows={typeof rows === 'function' ? rows() : rows} caption={caption} />}
    </details>
  );
}

export function Table({ rows, caption }: { rows: Row[]; caption: string }) {
  const cols = rows.length ? Object.keys(rows.reduce((a, r) => ({ ...a, ...r }), {})) : [];
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {cols.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {cols.map((c) => (
              <td key={c}>{fmt(r[c])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
