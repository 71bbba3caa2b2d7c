/**
 * "Your own checkpoint": drop or pick a .safetensors file next to the weights select. The
 * worker checks it as it checks the shipped ones (the strict reader, then names, shapes and
 * dtypes against each architecture) and the page shows what it fits or, named, why it is
 * refused. The file stays in this tab's memory only (store/own-checkpoint-slice.ts): a link
 * keeps `model=own` but not the file, and after a reload the page asks for it again.
 */
import { useState, type DragEvent } from 'react';
import type { ModelConfig } from '../../../spec/model-config';
import { NO_OWN_CHECKPOINT } from '../../settings/to-commands';
import type { CheckpointChecker } from '../../store/own-checkpoint-slice';
import { useStore } from '../../store/store';
import { fitText } from './own-checkpoint-text';

/** What became of the last pick: checking, refused (and why), or what the held checkpoint fits. */
function CheckpointOutcome({ busy }: { busy: boolean }) {
  const held = useStore((s) => s.ownCkpt.held);
  const error = useStore((s) => s.ownCkpt.error);
  return (
    <>
      <p role="status" className="note">
        {busy ? 'checking the checkpoint…' : ''}
      </p>
      {error && (
        <p role="alert" className="error" data-testid="own-ckpt-error">
          Refused: {error}
          {held ? ` (still using ${held.fit.file})` : ''}
        </p>
      )}
      {held ? (
        <p data-testid="own-ckpt-fit">{fitText(held.fit)}</p>
      ) : (
        !busy && (
          <p className="note" data-testid="own-ckpt-missing">
            {NO_OWN_CHECKPOINT}
          </p>
        )
      )}
    </>
  );
}

export function OwnCheckpointPicker({
  candidates,
  disabled,
}: {
  candidates: readonly ModelConfig[];
  disabled: boolean;
}) {
  const busy = useStore((s) => s.ownCkpt.busy);
  const request = useStore((s) => s.request);
  const [over, setOver] = useState(false);
  const take = async (file: File | undefined): Promise<void> => {
    if (!file || disabled) return;
    const checker: CheckpointChecker = (name, bytes) =>
      request(
        { type: 'check-checkpoint', file: name, bytes, candidates: [...candidates] },
        { timeoutMs: 120_000 },
      );
    await useStore.getState().pickCheckpoint(checker, file.name, await file.arrayBuffer());
  };
  const drop = (e: DragEvent<HTMLFieldSetElement>): void => {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer.files[0]);
  };
  return (
    <fieldset
      className={`own-checkpoint${over ? ' drop-over' : ''}`}
      disabled={disabled}
      data-testid="own-checkpoint"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <legend>Your own checkpoint</legend>
      <label htmlFor="own-ckpt">
        drop a .safetensors file here, or pick one (a micro architecture with timm&apos;s names,
        e.g. an exported project&apos;s out/&lt;method&gt;.safetensors){' '}
        <input
          id="own-ckpt"
          type="file"
          accept=".safetensors"
          onChange={(e) => void take(e.target.files?.[0])}
          disabled={busy}
          data-testid="own-ckpt-input"
        />
      </label>
      <p className="note">
        Kept in this tab&apos;s memory only: a shared link or a reload does not carry the file (the
        link says model=own, and asks for it).
      </p>
      <CheckpointOutcome busy={busy} />
    </fieldset>
  );
}
