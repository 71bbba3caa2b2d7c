/**
 * Keep and share: the metrics on screen (this page's run or a reopened one) as CSV or JSON,
 * each described by its run's own settings (export-source.ts), never the controls as they are now;
 * a live chart as PNG (chart-png-row.tsx), and each finished method's fine-tuned weights as safetensors (PyTorch layout: opens in
 * PyTorch) or as a tfjs model folder (model.json + weights.bin + metadata.json, zipped).
 * Weights come from the worker, so they exist only for this page's last run.
 */
import { useState } from 'react';
import type { WeightsFormat } from '../../protocol/messages';
import { useStore, type PlaygroundState } from '../store/store';
import { ChartPngRow } from './chart-png-row';
import { PytorchProjectRow } from './pytorch-project-row';
import { download } from './download';
import { metricsCsv } from './metrics-csv';
import { metricsJsonOf, weightsAboutOf } from './export-source';

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

/** One row per finished method, with its two weight-file buttons. */
function WeightsTable({
  finished,
  disabled,
  onExport,
}: {
  finished: readonly string[];
  disabled: boolean;
  onExport: (methodId: string, format: WeightsFormat) => void;
}) {
  return (
    <table>
      <caption>Fine-tuned weights of each finished method</caption>
      <tbody>
        {finished.map((id) => (
          <tr key={id}>
            <th scope="row">{id}</th>
            <td>
              <button
                type="button"
                onClick={() => onExport(id, 'safetensors')}
                disabled={disabled}
                data-testid={`export-st-${id}`}
              >
                safetensors (PyTorch)
              </button>{' '}
              <button
                type="button"
                onClick={() => onExport(id, 'tfjs')}
                disabled={disabled}
                data-testid={`export-tfjs-${id}`}
              >
                tfjs model (.zip)
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Downloads the metrics of the run shown, as CSV or as JSON. */
function downloadMetrics(kind: 'csv' | 'json', viewing: string | null): void {
  const s = useStore.getState();
  const name = `metrics-${viewing ?? stamp()}.${kind}`;
  if (kind === 'csv') return download(name, metricsCsv(s.methods), 'text/csv');
  // The settings of the run shown (this page's, or a reopened one), never the controls' now.
  download(name, metricsJsonOf(s), 'application/json');
}

/** Asks the worker for one method's weights and downloads them, reporting through `setNote`. */
async function exportWeights(
  request: PlaygroundState['request'],
  methodId: string,
  format: WeightsFormat,
  setNote: (note: string) => void,
): Promise<void> {
  setNote(`preparing ${methodId}…`);
  // The worker writes the file (the tfjs model's metadata names the run's settings and link).
  const about = format === 'tfjs' ? weightsAboutOf(useStore.getState()) : {};
  try {
    const e = await request({ type: 'export', methodId, format, ...about }, { timeoutMs: 120_000 });
    const type = format === 'tfjs' ? 'application/zip' : 'application/octet-stream';
    download(e.filename, new Uint8Array(e.bytes), type);
    setNote(`${methodId} saved`);
  } catch (err) {
    setNote(`could not export ${methodId}: ${(err as Error).message}`);
  }
}

function MetricsButtons({ viewing, disabled }: { viewing: string | null; disabled: boolean }) {
  return (
    <div className="controls" role="group" aria-label="Export the metrics">
      <button
        type="button"
        onClick={() => downloadMetrics('csv', viewing)}
        disabled={disabled}
        data-testid="export-csv"
      >
        Metrics as CSV
      </button>
      <button
        type="button"
        onClick={() => downloadMetrics('json', viewing)}
        disabled={disabled}
        data-testid="export-json"
      >
        Metrics as JSON
      </button>
    </div>
  );
}

export function ExportPanel() {
  // Narrow selectors (strings compare by value): the panel re-renders when a method appears or
  // finishes, not on every batch of step metrics.
  const ids = useStore((s) => Object.keys(s.methods).join(' '));
  const done = useStore((s) =>
    s.viewing
      ? ''
      : Object.keys(s.methods)
          .filter((id) => s.methods[id]?.done)
          .join(' '),
  );
  const viewing = useStore((s) => s.viewing);
  const running = useStore((s) => s.status === 'running' || s.status === 'paused');
  const request = useStore((s) => s.request);
  const [note, setNote] = useState('');
  if (!ids) return null;
  const finished = done ? done.split(' ') : [];

  const weights = (methodId: string, format: WeightsFormat): Promise<void> =>
    exportWeights(request, methodId, format, setNote);
  return (
    <section aria-labelledby="export-h" data-testid="export">
      <h3 id="export-h">Export</h3>
      <MetricsButtons viewing={viewing} disabled={running} />
      <ChartPngRow stamp={() => viewing ?? stamp()} onNote={setNote} version={`${ids}|${done}`} />
      <PytorchProjectRow onNote={setNote} disabled={running || viewing !== null} />
      {finished.length > 0 && (
        <WeightsTable
          finished={finished}
          disabled={running}
          onExport={(id, format) => void weights(id, format)}
        />
      )}
      {viewing && (
        <p className="note">
          Weights are kept only for this page's last run, not for runs reopened from the history.
        </p>
      )}
      <p role="status" className="note">
        {note}
      </p>
    </section>
  );
}
