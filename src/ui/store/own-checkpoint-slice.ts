/**
 * The user's own checkpoint ("bring your own checkpoint"): the last file the worker accepted
 * (its bytes, and what it fits: check-checkpoint), and why the last pick was refused. Kept in
 * this tab's memory only, like the own images: a link cannot carry a file (the hash says
 * `model=own`), and a file the user has is not copied into the site's storage without asking;
 * after a reload the page asks for the file again (own-checkpoint-picker.tsx) instead of
 * falling back to a shipped model. A refused pick keeps the checkpoint accepted before it.
 */
import type { StateCreator } from 'zustand';
import type { CheckpointFit } from '../../protocol/messages';
import type { PlaygroundState } from './store';

/** An accepted checkpoint: what it fits, and the file's bytes (the page's copy, sent with every load). */
export interface OwnCheckpoint {
  fit: CheckpointFit;
  bytes: ArrayBuffer;
}

/** Sends a copy of the file to the worker's check: what it fits, or why not. */
export type CheckpointChecker = (
  file: string,
  bytes: ArrayBuffer,
) => Promise<{ fit?: CheckpointFit; error?: string }>;

export interface OwnCheckpointState {
  held: OwnCheckpoint | null;
  busy: boolean;
  /** Why the last pick was refused (its file named), or null. */
  error: string | null;
  /** Picks started: a slower earlier check must not overwrite a later one's outcome. */
  started: number;
}

export interface OwnCheckpointSlice {
  ownCkpt: OwnCheckpointState;
  pickCheckpoint: (checker: CheckpointChecker, file: string, bytes: ArrayBuffer) => Promise<void>;
}

export const OWN_CKPT_START: OwnCheckpointState = {
  held: null,
  busy: false,
  error: null,
  started: 0,
};

export const createOwnCheckpointSlice: StateCreator<PlaygroundState, [], [], OwnCheckpointSlice> = (
  set,
  get,
) => {
  const update = (change: Partial<OwnCheckpointState>): void =>
    set((s) => ({ ownCkpt: { ...s.ownCkpt, ...change } }));
  return {
    ownCkpt: OWN_CKPT_START,
    pickCheckpoint: async (checker, file, bytes) => {
      const mine = get().ownCkpt.started + 1;
      update({ busy: true, error: null, started: mine });
      const latest = (): boolean => get().ownCkpt.started === mine;
      try {
        // The worker gets a copy: the page keeps these bytes for every later load.
        const reply = await checker(file, bytes.slice(0));
        if (!reply.fit) throw new Error(reply.error ?? `${file} could not be checked`);
        if (latest()) update({ busy: false, held: { fit: reply.fit, bytes } });
      } catch (e) {
        if (latest()) update({ busy: false, error: e instanceof Error ? e.message : String(e) });
      }
    },
  };
};
