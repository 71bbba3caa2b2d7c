/**
 * What the page shows of the worker pool (ui/pool/worker-pool.ts): its size, why it is smaller
 * than asked, and each (seed, method) run's progress, which the pool grid and the ETA read.
 */
import type { StateCreator } from 'zustand';
import type { PlaygroundState } from './store';

export type CellState =
  'queued' | 'loading' | 'running' | 'done' | 'stopped' | 'diverged' | 'failed';

/** One (seed, method) run of the pool. */
export interface PoolCell {
  seed: number;
  methodId: string;
  /** Which worker runs it (0-based). */
  worker: number;
  step: number;
  total: number;
  state: CellState;
}

export interface PoolView {
  size: number;
  /** Why the pool is smaller than asked (memory, cores, runs), or null. */
  note: string | null;
  /** The (seed, method) runs, seed-major. */
  cells: PoolCell[];
  /** Per worker: milliseconds per method step, measured since its first step (null: none yet). */
  msPerStep: (number | null)[];
  /** True once every job has ended. */
  over: boolean;
}

export interface PoolSlice {
  pool: PoolView | null;
  setPool: (pool: PoolView | null) => void;
}

export const createPoolSlice: StateCreator<PlaygroundState, [], [], PoolSlice> = (set) => ({
  pool: null,
  setPool: (pool) => set({ pool }),
});
