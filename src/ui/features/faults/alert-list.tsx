/**
 * Every alert the run raised, oldest first, each kept until its Dismiss button (store/alerts.ts:
 * methods that diverged at one shared rate are one alert). A lost device's alert offers the
 * backends its run can continue on.
 */
import type { BackendName } from '../../../protocol/messages';
import type { TrainingClient } from '../../worker-client/training-client';
import { shownAlerts, type ShownAlert } from '../../store/alerts';
import { useStore } from '../../store/store';

export function AlertList({ client }: { client: TrainingClient }) {
  const alerts = useStore((s) => s.alerts);
  const dismiss = useStore((s) => s.dismissAlerts);
  const shown = shownAlerts(alerts);
  if (!shown.length) return null;
  return (
    <ul className="alerts" aria-label="Alerts" data-testid="alerts">
      {shown.map((a) => (
        <li key={a.ids.join(',')}>
          <AlertView alert={a} client={client} onDismiss={() => dismiss(a.ids)} />
        </li>
      ))}
    </ul>
  );
}

/** One alert (store-free: tests render it). */
export function AlertView({ alert, client, onDismiss }: { alert: ShownAlert; client?: TrainingClient; onDismiss: () => void }) {
  const e = alert.error;
  return (
    <div role="alert" className="error" {...(e ? { 'data-testid': 'error', 'data-kind': e.kind } : {})}>
      <p>
        {e ? (
          <>
            <strong>{e.kind}</strong>: {alert.text}
          </>
        ) : (
          alert.text
        )}
      </p>
      {e?.recoverable &&
        (e.alternatives ?? []).map((b: BackendName) => (
          <button key={b} type="button" onClick={() => void client?.request({ type: 'continue', backend: b }).catch(() => undefined)}>
            Continue on {b}
            {e.snapshotStep !== undefined ? ` from step ${e.snapshotStep}` : ''}
          </button>
        ))}
      <button type="button" className="dismiss" onClick={onDismiss} aria-label={`Dismiss: ${alert.text}`}>
        Dismiss
      </button>
    </div>
  );
}
