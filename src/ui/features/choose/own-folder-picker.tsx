/**
 * "Your own images": pick a folder whose subfolders are the classes (and optionally a second
 * folder with the same classes, photographed or drawn differently, as the OOD set); the import
 * report says what was kept per class, which files were skipped and why, or why the folders
 * cannot be trained on.
 */
import { useRef, type RefObject } from 'react';
import { useStore } from '../../store/store';
import type { ImageImporter } from '../../store/own-data-slice';
import { pickedFromFiles } from './own-folder';
import { OwnImportReport } from './own-import-report';

// React has no typed prop for it; Chromium, Firefox and Safari all read the attribute.
const DIRECTORY = { webkitdirectory: '', directory: '' } as object;

/** One labelled folder input; its id is also its data-testid. */
function FolderInput({
  id,
  inputRef,
  onPick,
  busy,
  children,
}: {
  id: string;
  inputRef: RefObject<HTMLInputElement | null>;
  onPick: () => void;
  busy: boolean;
  children: string;
}) {
  return (
    <label htmlFor={id}>
      {children}{' '}
      <input
        id={id}
        ref={inputRef}
        type="file"
        multiple
        {...DIRECTORY}
        onChange={onPick}
        disabled={busy}
        data-testid={id}
      />
    </label>
  );
}

export function OwnFolderPicker({ disabled }: { disabled: boolean }) {
  const main = useRef<HTMLInputElement>(null);
  const ood = useRef<HTMLInputElement>(null);
  const busy = useStore((s) => s.own.busy);
  const result = useStore((s) => s.own.result);
  const error = useStore((s) => s.own.error);
  const request = useStore((s) => s.request);
  const send = useStore((s) => s.send);
  const run = (): void => {
    const files = main.current?.files;
    if (!files?.length) return;
    // The worker decodes (a huge image must not freeze the page); a refusal is its reply's `error`.
    const importer: ImageImporter = (picked, seed) =>
      request({ type: 'import-images', files: picked, seed });
    const seed = useStore.getState().config.seed;
    void useStore
      .getState()
      .importFolders(
        importer,
        pickedFromFiles(files),
        pickedFromFiles(ood.current?.files ?? []),
        seed,
      );
  };
  const r = result?.report;
  // The pickers wait while the worker imports; Cancel stays usable (so not the whole fieldset).
  return (
    <fieldset className="own-data" disabled={disabled} data-testid="own-data">
      <legend>Your own images</legend>
      <p className="note">
        Nothing leaves your computer: the images are read and shrunk to 28×28 in this browser.
      </p>
      <FolderInput id="own-main" inputRef={main} onPick={run} busy={busy}>
        folder of class folders (e.g. cats/, dogs/)
      </FolderInput>
      <FolderInput id="own-ood" inputRef={ood} onPick={run} busy={busy}>
        optional: a second folder with the same class folders, as the out-of-distribution set
      </FolderInput>
      <p role="status" className="note">
        {busy ? 'reading your images…' : ''}
      </p>
      {busy && (
        // The worker stops before its next file; its answer (shown below) says how many it had decoded.
        <button
          type="button"
          onClick={() => send({ type: 'cancel-import' })}
          data-testid="own-cancel"
        >
          Cancel the import
        </button>
      )}
      {error && (
        <p role="alert" className="error" data-testid="own-error">
          {error}
        </p>
      )}
      {r && !error && <OwnImportReport report={r} />}
    </fieldset>
  );
}
