/**
 * "Take the run to PyTorch" in the export panel: the worker zips the loaded data subset and the
 * starting weights with the run settings on screen, the PyTorch twin's model and train.py
 * (src/worker/export-project.ts). The project trains as the playground does, then on real models
 * and data (its README).
 */
import type { TrainingClient } from '../../worker/client';
import { modelSource, runSpec } from '../settings/to-commands';
import { useStore } from '../store/store';
import { download } from './download';

export function PytorchProjectRow({ client, onNote, disabled }: { client: TrainingClient; onNote: (note: string) => void; disabled: boolean }) {
  const save = async (): Promise<void> => {
    onNote('building the PyTorch project…');
    const config = useStore.getState().config;
    try {
      const e = await client.request({ type: 'export-project', run: runSpec(config), model: modelSource(config) }, { timeoutMs: 120_000 });
      download(e.filename, e.bytes, 'application/zip');
      onNote(`${e.filename} saved (${(e.bytes.byteLength / 1e6).toFixed(1)} MB): unzip it and run python train.py`);
    } catch (err) {
      onNote(`could not export the PyTorch project: ${(err as Error).message}`);
    }
  };
  return (
    <div className="controls" role="group" aria-label="Take the run to PyTorch">
      <button type="button" onClick={() => void save()} disabled={disabled} data-testid="export-pytorch">
        PyTorch project (.zip)
      </button>{' '}
      <span className="note">this run&apos;s data, starting weights, settings and a train.py (one GPU or torchrun)</span>
    </div>
  );
}
