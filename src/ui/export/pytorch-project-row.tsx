/**
 * "Take the run to PyTorch" in the export panel: the worker zips the loaded data subset and the
 * starting weights with the run's own settings (export-source.ts: its history record, not the
 * controls now), the PyTorch twin's model and train.py (src/worker/export-project.ts). The
 * project trains as the playground does, then on real models and data (its README).
 */
import { NO_OWN_CHECKPOINT, OWN_WEIGHTS } from '../settings/to-commands';
import { useStore } from '../store/store';
import { download } from './download';
import { projectRequestOf } from './export-source';

export function PytorchProjectRow({
  onNote,
  disabled,
}: {
  onNote: (note: string) => void;
  disabled: boolean;
}) {
  const request = useStore((s) => s.request);
  const save = async (): Promise<void> => {
    const req = projectRequestOf(useStore.getState());
    if (!req)
      return onNote(
        useStore.getState().config.weights === OWN_WEIGHTS
          ? NO_OWN_CHECKPOINT
          : 'this run has no settings to export',
      );
    onNote('building the PyTorch project…');
    try {
      const e = await request({ type: 'export-project', ...req }, { timeoutMs: 120_000 });
      download(e.filename, e.bytes, 'application/zip');
      const folder = e.filename.replace(/\.zip$/, '');
      const what =
        req.origin.from === 'controls' ? ' (no run yet: the settings of the controls)' : '';
      onNote(
        `${e.filename} saved (${(e.bytes.byteLength / 1e6).toFixed(1)} MB)${what}: unzip it, then cd ${folder} && python3 train.py (its README.md says more)`,
      );
    } catch (err) {
      onNote(`could not export the PyTorch project: ${(err as Error).message}`);
    }
  };
  return (
    <div className="controls" role="group" aria-label="Take the run to PyTorch">
      <button
        type="button"
        onClick={() => void save()}
        disabled={disabled}
        data-testid="export-pytorch"
      >
        PyTorch project (.zip)
      </button>{' '}
      <span className="note">
        this run&apos;s data, starting weights, settings and a train.py (one GPU or torchrun)
      </span>
    </div>
  );
}
