/**
 * Past runs, newest first, from IndexedDB: when, what, how far, and the last ID/OOD accuracy
 * per method. A run still marked running that is not this page's own was cut off when its page
 * closed: it shows as interrupted, with whatever metrics were saved. Show puts a run's metrics
 * back into the table and charts; Use settings puts its controls back; Delete forgets it. A
 * record that fails its checks is listed as damaged (damaged-row.tsx); the panel also says when
 * the history is at its cap and which run goes next (run-cap.ts).
 */
import { useState } from 'react';
import { useStore } from '../store/store';
import { DamagedRow } from './damaged-row';
import { when } from './format-when';
import { nextToGo, RUN_CAP } from './run-cap';
import { shownStatus, type RunSummary } from './run-record';

const pct = (v: number | undefined): string => (v === undefined ? '–' : `${(100 * v).toFixed(1)}%`);

/** The weights a run started from: an own checkpoint by its file name and the start of its SHA-256. */
const weightsOf = (r: RunSummary): string => {
  const own = r.loaded?.checkpoint;
  return own ? `your ${own.file} (SHA-256 ${own.sha256.slice(0, 12)}…)` : r.config.weights;
};

const describe = (r: RunSummary): string =>
  `the run of ${when(r.startedAt)} (${weightsOf(r)} · ${r.config.benchmark})`;

/** Puts a saved run's metrics back into the table and charts; `setNote` says how that went. */
async function showRun(id: string, setNote: (note: string) => void): Promise<void> {
  try {
    const rec = await useStore.getState().load(id);
    if (!rec) return setNote('this run is no longer stored');
    useStore.getState().show(rec.id, rec.methods, rec.loaded);
    setNote('shown above');
  } catch (e) {
    // A damaged record has moved to the damaged rows by now (saved-runs-slice.ts load), with its reason.
    setNote(`could not show this run: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Each method's last step and ID/OOD accuracy. */
function ResultsCell({ results }: { results: RunSummary['results'] }) {
  return (
    <td>
      <ul className="results">
        {results.map((m) => (
          <li key={m.methodId}>
            {m.methodId}: step {m.steps}, ID {pct(m.id)}, OOD {pct(m.ood)}
          </li>
        ))}
      </ul>
    </td>
  );
}

function Row({
  r,
  activeId,
  busy,
  next,
}: {
  r: RunSummary;
  activeId: string | null;
  busy: boolean;
  next: boolean;
}) {
  const [note, setNote] = useState('');
  const status = shownStatus(r, activeId);
  return (
    <tr data-run={r.id} data-status={status} data-next-out={next || undefined}>
      <td>{when(r.startedAt)}</td>
      <td className={`run-status ${status}`}>
        {status}
        {next && <span className="note"> (next to be deleted)</span>}
      </td>
      <td>
        <span title={r.loaded?.checkpoint ? `SHA-256 ${r.loaded.checkpoint.sha256}` : undefined}>
          {weightsOf(r)}
        </span>{' '}
        · {r.config.benchmark} · seed {r.config.seed}
      </td>
      <ResultsCell results={r.results} />
      <td className="actions">
        <button
          type="button"
          onClick={() => void showRun(r.id, setNote)}
          disabled={busy || status === 'running'}
          aria-label={`Show the metrics of the run of ${when(r.startedAt)}`}
        >
          Show
        </button>
        <button
          type="button"
          onClick={() => useStore.getState().fromHash(r.hash)}
          disabled={busy}
          aria-label={`Use settings of the run of ${when(r.startedAt)}`}
        >
          Use settings
        </button>
        <button
          type="button"
          onClick={() => void useStore.getState().remove(r.id)}
          disabled={status === 'running'}
          aria-label={`Delete the run of ${when(r.startedAt)}`}
        >
          Delete
        </button>
        {note && <span className="note"> {note}</span>}
      </td>
    </tr>
  );
}

/** At the cap: which run the next start deletes, with a button to delete it now; and what the last start deleted. */
function CapNotice({ next }: { next: RunSummary | null }) {
  const madeRoom = useStore((s) => s.madeRoom);
  const kept = useStore((s) => s.runs.length + s.damaged.length);
  return (
    <>
      {madeRoom.length > 0 && (
        <p role="status" className="note" data-testid="made-room">
          The history keeps {RUN_CAP} runs: to make room for the new one,{' '}
          {madeRoom.map(describe).join(', ')} {madeRoom.length > 1 ? 'were' : 'was'} deleted.
        </p>
      )}
      {next && (
        <p className="note" data-testid="run-cap">
          {kept} runs are kept, the most this page keeps is {RUN_CAP}: starting another run deletes
          the oldest, {describe(next)}. Export a run you want to keep (Show, then Export), or delete
          runs you no longer need.{' '}
          <button type="button" onClick={() => void useStore.getState().remove(next.id)}>
            Delete the oldest run now
          </button>
        </p>
      )}
    </>
  );
}

export function SavedRunsPanel() {
  const runs = useStore((s) => s.runs);
  const damaged = useStore((s) => s.damaged);
  const unlisted = useStore((s) => s.unlisted);
  const activeId = useStore((s) => s.active?.id ?? null);
  const persistent = useStore((s) => s.db?.persistent ?? false);
  const failure = useStore((s) => s.failure);
  const busy = useStore(
    (s) => s.status === 'running' || s.status === 'paused' || s.status === 'loading',
  );
  const next = nextToGo(runs, damaged.length, activeId);
  return (
    <section aria-labelledby="history-h" data-testid="history">
      <h2 id="history-h">Run history</h2>
      {!persistent && (
        <p className="note">
          This browser gives the page no IndexedDB: runs are kept until the page closes.
        </p>
      )}
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      <CapNotice next={next} />
      {unlisted > 0 && (
        <p className="note">
          {unlisted} older records are stored but not listed: the page reads the newest{' '}
          {runs.length + damaged.length}.
        </p>
      )}
      {runs.length + damaged.length === 0 ? (
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
            {damaged.map((d) => (
              <DamagedRow key={`damaged-${String(d.key)}`} d={d} />
            ))}
            {runs.map((r) => (
              <Row key={r.id} r={r} activeId={activeId} busy={busy} next={r.id === next?.id} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
