/** The results table in the paper's layout, filled as runs finish (see results-rows.ts). */
import type { SessionSlice } from '../../store/session-slice';
import { Premount } from '../charts/premount';
import { useThrottledSession } from '../charts/use-throttled-session';
import { methodLabel, PAPER_METHOD_IDS } from '../../../presets/method-catalog';
import {
  comparisonWarnings,
  formatCell,
  resultColumns,
  type ComparisonWarning,
  type ResultColumn,
} from './results-rows';
import { pctInterval, type Reference } from '../../reference/reference-data';
import { useReference } from '../../reference/use-reference';
import type { Pooled } from '../../seeds/pooled';
import { SeedHeadlineRow } from '../seeds/seed-headline-row';
import { PooledSummary } from '../seeds/pooled-summary';
import { ReferenceSeedsNote } from '../seeds/reference-seeds-note';
import { usePooledSeeds } from '../seeds/use-pooled-seeds';
import { withPooledColumns } from '../seeds/pooled-columns';
import './insight.css';

const ORDER = PAPER_METHOD_IDS;

export interface ResultsTableViewProps {
  columns: readonly ResultColumn[];
  model: string;
  worstGroup: boolean;
  /** Shown under the table: methods to read with care (still training, stopped on their own). */
  warnings?: readonly ComparisonWarning[];
  /** The recorded full experiment: a third row, labelled, per method when it has one. */
  reference?: Reference | null;
  /** Every seed of this page's comparison, pooled: the headline row, paired differences and dots. */
  pooled?: Pooled | null;
}

/** The recorded full experiment's numbers under this run's, per method ('–' where it has none). */
function ReferenceRow({
  reference,
  columns,
}: {
  reference: Reference;
  columns: readonly ResultColumn[];
}) {
  return (
    <tr className="reference-row" data-testid="results-reference">
      <th scope="row">{reference.title} (not this run)</th>
      {columns.map((c) => {
        const m = reference.methods[c.methodId];
        return (
          <td key={c.methodId} data-method={c.methodId}>
            {m
              ? `${pctInterval(m.best.ood)} [${(100 * m.best.id.mean).toFixed(1)}] n = ${m.best.ood.n}`
              : '–'}
          </td>
        );
      })}
    </tr>
  );
}

/** The methods to read with care, one line each. */
function ResultsWarnings({ warnings }: { warnings: readonly ComparisonWarning[] }) {
  return (
    <ul className="results-warnings" role="status" data-testid="results-warnings">
      {warnings.map((w) => (
        <li key={`${w.kind}:${w.methodId}`} data-kind={w.kind} data-method={w.methodId}>
          {w.text}
        </li>
      ))}
    </ul>
  );
}

/** One row of this seed's run: each method's best-ID or final evaluation. */
function RunRow({
  row,
  model,
  columns,
}: {
  row: 'best' | 'final';
  model: string;
  columns: readonly ResultColumn[];
}) {
  return (
    <tr>
      <th scope="row">
        {model}, {row === 'best' ? 'best ID' : 'final'}
      </th>
      {columns.map((c) => {
        const v = c[row];
        return (
          <td
            key={c.methodId}
            data-method={c.methodId}
            {...(c.fault ? { 'data-fault': c.fault.kind } : {})}
          >
            {formatCell(v, c.fault)}
            {v?.provisional ? '*' : ''}
            {v && <span className="muted"> step {v.step}</span>}
          </td>
        );
      })}
    </tr>
  );
}

/** The table and the pooled seeds under it, once there is a column. */
function ResultsBody({
  columns,
  model,
  worstGroup,
  reference = null,
  pooled = null,
}: ResultsTableViewProps) {
  const ood = worstGroup ? 'worst-group OOD' : 'OOD';
  return (
    <>
      <table className="results" data-testid="results">
        <caption>
          Results in the paper’s layout: {ood} accuracy with ID accuracy in brackets, in %. “Best
          ID” is the evaluation with the best in-distribution accuracy (the paper’s early stopping);
          * marks a method still running.
          {pooled &&
            ' The first row is the mean over every seed that has finished, with its 90% interval and n; the two rows under it are one seed’s run, the one the charts show.'}
        </caption>
        <thead>
          <tr>
            <th scope="col">model</th>
            {columns.map((c) => (
              <th key={c.methodId} scope="col">
                {methodLabel(c.methodId)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {pooled && (
            <SeedHeadlineRow
              methodIds={columns.map((c) => c.methodId)}
              pooled={pooled}
              label={`${model}, mean over seeds (best ID)`}
            />
          )}
          {(['best', 'final'] as const).map((row) => (
            <RunRow key={row} row={row} model={model} columns={columns} />
          ))}
          {reference && <ReferenceRow reference={reference} columns={columns} />}
        </tbody>
      </table>
      {pooled && <PooledSummary pooled={pooled} labelOf={methodLabel} title="this page’s seeds" />}
    </>
  );
}

/**
 * Store-free view (tests render it directly). The recorded experiment's seeds are mounted hidden
 * before there is a column (premount.tsx: their dot plot's first mount, ~120 ms of main thread,
 * comes before the Run, not while the pool trains) and shown with the table.
 */
export function ResultsTableView(props: ResultsTableViewProps) {
  const { columns, warnings = [], reference = null } = props;
  const shown = columns.length > 0;
  return (
    <>
      {shown && <ResultsBody {...props} />}
      {reference && (
        <Premount shown={shown}>
          <ReferenceSeedsNote reference={reference} />
        </Premount>
      )}
      {shown && warnings.length > 0 && <ResultsWarnings warnings={warnings} />}
    </>
  );
}

const selectMethods = (s: SessionSlice): SessionSlice['methods'] => s.methods;
const selectLoaded = (s: SessionSlice): SessionSlice['loaded'] => s.loaded;

/** Mount anywhere below the training controls; follows the session store once a second. */
export function ResultsTable() {
  const methods = useThrottledSession(selectMethods, 1000);
  const loaded = useThrottledSession(selectLoaded, 1000);
  const worstGroup = loaded?.oodMetric === 'worst-group-accuracy';
  const warnings = comparisonWarnings(methods, methodLabel);
  const reference = useReference();
  const pooled = usePooledSeeds(worstGroup);
  return (
    <ResultsTableView
      pooled={pooled}
      columns={withPooledColumns(resultColumns(methods, ORDER, worstGroup), pooled, ORDER)}
      model={loaded ? `micro ${loaded.family}` : 'model'}
      worstGroup={worstGroup}
      warnings={warnings}
      reference={reference}
    />
  );
}
