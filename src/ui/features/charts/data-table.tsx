import type { Row } from './series';

/** The data behind a chart, as a table (for screen readers, and for anyone who wants numbers). */
export function DataTable({ rows, caption }: { rows: Row[]; caption: string }) {
  const cols = rows.length ? Object.keys(rows.reduce((a, r) => ({ ...a, ...r }), {})) : [];
  const fmt = (v: Row[string] | undefined): string => (typeof v === 'number' ? (Math.abs(v) >= 100 || Number.isInteger(v) ? String(v) : v.toPrecision(4)) : (v ?? '–'));
  return (
    <details>
      <summary>{caption}: data table</summary>
      <table>
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
    </details>
  );
}
