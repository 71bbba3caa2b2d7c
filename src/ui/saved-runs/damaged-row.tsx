/**
 * A stored record that fails its checks (read-stored.ts), as a row of the run history: what is
 * wrong with it, "Export raw" (the record as stored, as JSON: raw-json.ts) and Delete. It is
 * never shown or used: the other runs and the rest of the page go on working.
 */
import { useState } from 'react';
import { download } from '../export/download';
import { useStore } from '../store/store';
import { when } from './format-when';
import { rawRunFilename, rawRunJson } from './raw-json';
import type { DamagedRun } from './read-stored';

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function DamagedRow({ d }: { d: DamagedRun }) {
  const [note, setNote] = useState('');
  const label =
    d.startedAt === undefined
      ? `the damaged record ${String(d.key)}`
      : `the damaged run of ${when(d.startedAt)}`;
  const exportRaw = async (): Promise<void> => {
    try {
      const raw = await useStore.getState().db?.raw(d.key);
      if (!raw) return setNote('this record is no longer stored');
      download(rawRunFilename(d.key), rawRunJson(d.key, raw), 'application/json');
      setNote('exported');
    } catch (e) {
      setNote(`could not export it: ${messageOf(e)}`);
    }
  };
  return (
    <tr data-run={String(d.key)} data-status="damaged">
      <td>{d.startedAt === undefined ? '–' : when(d.startedAt)}</td>
      <td className="run-status damaged">damaged</td>
      <td colSpan={2} data-testid="damage-reason">
        This saved run cannot be read: {d.reason}
      </td>
      <td className="actions">
        <button
          type="button"
          onClick={() => void exportRaw()}
          aria-label={`Export ${label} as stored (JSON)`}
        >
          Export raw
        </button>
        <button
          type="button"
          onClick={() => void useStore.getState().remove(d.key)}
          aria-label={`Delete ${label}`}
        >
          Delete
        </button>
        {note && <span className="note"> {note}</span>}
      </td>
    </tr>
  );
}
