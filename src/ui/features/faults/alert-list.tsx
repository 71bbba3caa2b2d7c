/**
 * Every alert the run raised, oldest first, each kept until its Dismiss button (store/alerts.ts:
 * methods that diverged at one shared rate are one alert). A lost device's alert offers the
 * backends its run can continue on.
 */
import type { BackendName } from '../../../protocol/messages';
import { shownAlerts, type ShownAlert } from '../../store/alerts';
import { useStore } from '../../store/store';

export function AlertList() {
  const alerts = useStore((s) => s.alerts);
  const dismiss = useStore((s) => s.dismissAlerts);
  const request = useStore((s) => s.request);
  const resume = (backend: BackendName): void =>
    void request({ type: 'continue', backend }).catch(() => undefined);
  const shown = shownAlerts(alerts);
  if (!shown.length) return null;
  return (
    <ul className="alerts" aria-label="Alerts" data-testid="alerts">
      {shown.map((a) => (
        <li key={a.ids.join(',')}>
          <AlertView alert={a} onContinue={resume} onDismiss={() => dismiss(a.ids)} />
        </li>
      ))}
    </ul>
  );
}

/** One alert (store-free: tests render it); `onContinue` continues a lost device's run on another backend. */
export function AlertView({
  alert,
  onContinue,
  onDismiss,
}: {
  alert: ShownAlert;
  onContinue?: (backend: BackendName) => void;
  onDismiss: () => void;
}) {
  const e = alert.error;
  return (
    <div
      role="alert"
      className="error"
      {...(e ? { 'data-testid': 'error', 'data-kind': e.kind } : {})}
    >
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
          <button key={b} type="button" onClick={() => onContinue?.(b)}>
            Continue on {b}
            {e.snapshotStep !== undefined ? ` from step ${e.snapshotStep}` : ''}
          </button>
        ))}
      <button
        type="button"
        className="dismiss"
        onClick={onDismiss}
        aria-label={`Dismiss: ${alert.text}`}
      >
        Dismiss
      </button>
    </div>
  );
}
