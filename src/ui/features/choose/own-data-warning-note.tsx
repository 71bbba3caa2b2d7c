/**
 * The own-images warning (settings/own-data-warning.ts), shown where the run is chosen: in the
 * own-folder picker under its report, and beside the Run button. Nothing while the benchmark
 * is in use or the imported split is large enough.
 */
import { ownDataWarning } from '../../settings/own-data-warning';
import { useStore } from '../../store/store';

export function OwnDataWarningNote({ testId }: { testId: string }) {
  const config = useStore((s) => s.config);
  const own = useStore((s) => s.own);
  const report = own.active && !own.error ? own.result?.report : undefined;
  const warning = report ? ownDataWarning(config, report) : null;
  if (!warning) return null;
  return (
    <p role="note" className="warning" data-testid={testId}>
      {warning}
    </p>
  );
}
