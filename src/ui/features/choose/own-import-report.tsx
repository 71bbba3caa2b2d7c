/**
 * The import report of "your own images": what was kept per class and split, the files that
 * could not be read (with why), and the import's warnings.
 */
import type { ImportReport } from '../../../protocol/messages';
import { reportRows } from './own-folder';
import { OwnDataWarningNote } from './own-data-warning-note';

export function OwnImportReport({ report: r }: { report: ImportReport }) {
  return (
    <div data-testid="own-report">
      <table>
        <caption>Your images, kept per class: training, ID validation, OOD test</caption>
        <thead>
          <tr>
            <th scope="col">class</th>
            <th scope="col">training</th>
            <th scope="col">ID validation</th>
            <th scope="col">OOD test</th>
          </tr>
        </thead>
        <tbody>
          {reportRows(r).map((row) => (
            <tr key={row.className}>
              <th scope="row">{row.className}</th>
              <td>{row.train}</td>
              <td>{row.idVal}</td>
              <td>{row.ood}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <OwnDataWarningNote testId="own-data-warning" />
      {r.corrupt.length > 0 && (
        <details open>
          <summary>{r.corrupt.length} file(s) could not be read and were skipped</summary>
          <ul data-testid="own-corrupt">
            {r.corrupt.map((c) => (
              <li key={c.path}>
                {c.path}: {c.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {r.warnings.length > 0 && (
        <ul className="note">
          {r.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
