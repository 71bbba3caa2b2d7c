/**
 * Past runs, newest first, from IndexedDB: when, what, how far, and the last ID/OOD accuracy
 * per method. A run still marked running that is not this page's own was cut off when its page
 * closed: it shows as interrupted, with whatever metrics were saved. Show puts a run's metrics
 * back into the table and charts; Use settings puts its controls back; Delete forgets it.
 */
import { useState } from 'react';
import { useStore } from '../store/store';
import { shownStatus, type RunSummary } from './run-record';

const pct = (v: number | undefined): string => (v === undefined ? '–' : `${(100 * v).toFixed(1)}%`);

function when(t: number): string {
  return new Date(t).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

function Row({ r, activeId, busy }: { r: RunSummary; activeId: string | null; busy: boolean }) {
  const [note, setNote] = useState('');
  const status = shownStatus(r, activeId);
  const show = async (): Promise<void> => {
    const rec = await useStore.getState().load(r.id);
    if (!rec) return setNote('this run is no longer stored');
    useStore.getState().show(rec.id, rec.methods, rec.loaded);
    setNote('shown above');
  };
  return (
    <tr data-run={r.id} data-status={status}>
      <td>{when(r.startedAt)}</td>
      <td className={`run-status ${status}`}>{status}</td>
      <td>
        {r.config.weights} · {r.config.benchmark} · seed {r.config.seed}
      </td>
      <td>
        <ul className="results">
          {r.results.map((m) => (
            <li key={m.methodId}>
              {m.methodId}: step {m.steps}, ID {pct(m.id)}, OOD {pct(m.ood)}
            </li>
          ))}
        </ul>
      </td>
      <td className="actions">
        <button type="button" onClick={() => void show()} disabled={busy || status === 'running'} aria-label={`Show the metrics of the run of ${when(r.startedAt)}`}>
          Show
        </button>
        <button type="button" onClick={() => useStore.getState().fromHash(r.hash)} disabled={busy} aria-label={`Use settings of the run of ${when(r.startedAt)}`}>
          Use settings
        </button>
        <button type="button" onClick={() => void useStore.getState().remove(r.id)} disabled={status === 'running'} aria-label={`Delete the run of ${when(r.startedAt)}`}>
          Delete
        </button>
        {note && <span className="note"> {note}</span>}
      </td>
    </tr>
  );
}

export function HistoryPanel() {
  const runs = useStore((s) => s.runs);
  const activeId = useStore((s) => s.active?.id ?? null);
  const persistent = useStore((s) => s.db?.persistent ?? false);
  const failure = useStore((s) => s.failure);
  const busy = useStore((s) => s.status === 'running' || s.status === 'paused' || s.status === 'loading');
  return (
    <section aria-labelledby="history-h" data-testid="history">
      <h2 id="history-h">Run history</h2>
      {!persistent && <p className="note">This browser gives the page no IndexedDB: runs are kept until the page closes.</p>}
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      {runs.length === 0 ? (
        <p className="note">No runs yet: every run you start is kept here, in this browser.</p>
      ) : (
        <table>
          <caption>Runs kept in this browser, newest first</caption>
          <thead>
            <tr>
              <th scope="col">started</th>
              <th scope="col">status</th>
              <th scope="col">weights · benchmark</th>
              <th scope="col">per method: last evaluation</th>
              <th scope="col">actions</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <Row key={r.id} r={r} activeId={activeId} busy={busy} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
