/**
 * Keep and share: the metrics on screen (this page's run or a reopened one) as CSV or JSON,
 * a live chart as PNG (chart-png-row.tsx), and each finished method's fine-tuned weights as safetensors (PyTorch layout: opens in
 * PyTorch) or as a tfjs model folder (model.json + weights.bin + metadata.json, zipped).
 * Weights come from the worker, so they exist only for this page's last run.
 */
import { useState } from 'react';
import type { WorkerEvent } from '../../protocol/messages';
import type { ClientEvent, TrainingClient } from '../../worker/client';
import { useConfig } from '../store/config-store';
import { useHistory } from '../store/history-store';
import { useSession } from '../store/session-store';
import { ChartPngRow } from './chart-png-row';
import { download, zipFiles } from './download';
import { metricsCsv } from './metrics-csv';
import { metricsJson } from './metrics-json';
import { tfjsModelFromSafetensors } from './tfjs-model';

type Exported = Extract<WorkerEvent, { type: 'exported' | 'error' }>;
const isExported = (e: ClientEvent): e is Exported => e.type === 'exported' || e.type === 'error';

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

export function ExportPanel({ client }: { client: TrainingClient }) {
  // Narrow selectors (strings compare by value): the panel re-renders when a method appears or
  // finishes, not on every batch of step metrics.
  const ids = useSession((s) => Object.keys(s.methods).join(' '));
  const done = useSession((s) => (s.viewing ? '' : Object.keys(s.methods).filter((id) => s.methods[id]?.done).join(' ')));
  const viewing = useSession((s) => s.viewing);
  const running = useSession((s) => s.status === 'running' || s.status === 'paused');
  const [note, setNote] = useState('');
  if (!ids) return null;
  const finished = done ? done.split(' ') : [];

  const metrics = (kind: 'csv' | 'json'): void => {
    const s = useSession.getState();
    const name = `metrics-${viewing ?? stamp()}.${kind}`;
    if (kind === 'csv') return download(name, metricsCsv(s.methods), 'text/csv');
    // A reopened run's settings are those of its history record, not the controls' now.
    const saved = viewing ? useHistory.getState().runs.find((r) => r.id === viewing) : undefined;
    const cfg = useConfig.getState();
    const config = viewing ? (saved?.config ?? null) : cfg.config;
    const hash = viewing ? (saved?.hash ?? null) : cfg.hash();
    const backend = viewing ? (saved?.backend ?? null) : (s.backend?.name ?? null);
    download(name, metricsJson({ config, hash, loaded: s.loaded, backend, methods: s.methods }), 'application/json');
  };
  const weights = async (methodId: string, format: 'safetensors' | 'tfjs'): Promise<void> => {
    setNote(`preparing ${methodId}…`);
    const reply = client.next(isExported, 120_000);
    client.send({ type: 'export', methodId });
    const e = await reply.catch((err: unknown) => ({ type: 'error' as const, error: { message: (err as Error).message } }));
    if (e.type === 'error') return setNote(`could not export ${methodId}: ${e.error.message}`);
    const bytes = new Uint8Array(e.bytes);
    if (format === 'safetensors') {
      download(e.filename, bytes);
    } else {
      const cfg = useConfig.getState();
      const files = tfjsModelFromSafetensors(bytes, { labels: useSession.getState().loaded?.classNames ?? [], settings: cfg.config, hash: cfg.hash() });
      const zip = zipFiles({ 'model.json': JSON.stringify(files.modelJson), 'weights.bin': files.weightsBin, 'metadata.json': JSON.stringify(files.metadata, null, 1) });
      download(e.filename.replace(/\.safetensors$/, '-tfjs.zip'), zip, 'application/zip');
    }
    setNote(`${methodId} saved`);
  };
  return (
    <section aria-labelledby="export-h" data-testid="export">
      <h3 id="export-h">Export</h3>
      <div className="controls" role="group" aria-label="Export the metrics">
        <button type="button" onClick={() => metrics('csv')} disabled={running} data-testid="export-csv">
          Metrics as CSV
        </button>
        <button type="button" onClick={() => metrics('json')} disabled={running} data-testid="export-json">
          Metrics as JSON
        </button>
      </div>
      <ChartPngRow stamp={() => viewing ?? stamp()} onNote={setNote} version={`${ids}|${done}`} />
      {finished.length > 0 && (
        <table>
          <caption>Fine-tuned weights of each finished method</caption>
          <tbody>
            {finished.map((id) => (
              <tr key={id}>
                <th scope="row">{id}</th>
                <td>
                  <button type="button" onClick={() => void weights(id, 'safetensors')} disabled={running} data-testid={`export-st-${id}`}>
                    safetensors (PyTorch)
                  </button>{' '}
                  <button type="button" onClick={() => void weights(id, 'tfjs')} disabled={running} data-testid={`export-tfjs-${id}`}>
                    tfjs model (.zip)
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {viewing && <p className="note">Weights are kept only for this page's last run, not for runs reopened from the history.</p>}
      <p role="status" className="note">
        {note}
      </p>
    </section>
  );
}
