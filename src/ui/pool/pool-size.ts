/**
 * How many training workers a comparison gets, pure: the `workers` setting (0 = auto), the
 * page's cores, the number of runs, and the memory each worker is measured to need against a
 * budget. An explicit count that does not fit is refused with the reason, and the largest
 * pool that fits runs instead, saying so.
 *
 * Auto is one worker per core (navigator.hardwareConcurrency), not one fewer: while a pool
 * trains, the main thread only folds batched metrics (at most ~10 messages a second per
 * worker) and the charts redraw once a second, staggered (features/charts/defaults.ts), so it
 * needs little of a core; leaving one core idle would cost a whole worker's throughput (half
 * of it on a 2-core laptop).
 */
import type { WorkerMemory } from '../../protocol/messages';

const MiB = 1024 * 1024;
/** A worker's own cost before any model: its JS realm, tfjs and the compiled wasm module. */
export const WORKER_BASE_BYTES = 40 * MiB;
/**
 * Training one method on top of what is loaded: gradients, optimizer state, a batch's
 * activations and the evaluations' batches, which the wasm heap grows to hold (it grows in
 * steps and never shrinks). Measured in Chromium on wasm (`npm run bench -- --lesson`): a
 * worker's heap was 16 MiB after loading the classroom lesson and 298 MiB after training its
 * four methods, about 70 MiB a method; the first pool of a page is sized with this, later
 * ones with the high-water mark a worker reported (its next load's measurement).
 */
export const TRAIN_BYTES_PER_METHOD = 72 * MiB;

/** What a worker measured: tensors (the wasm heap holds them on wasm) + its JS (at least the host copies). */
export function measuredBytes(m: WorkerMemory): number {
  return (
    Math.max(m.tfBytes, m.wasmHeapBytes ?? 0) +
    Math.max(m.jsHeapBytes ?? 0, m.dataBytes + m.weightBytes)
  );
}

/**
 * A worker's bytes: its base, its tensors while it trains `methodsAtOnce` methods (what it
 * holds plus the allowance per method, or the wasm heap's high-water mark where that is more:
 * after a run it already holds the training's peak) and its JS (at least the host copies).
 */
/** Of two workers' memory reports, the one that needs more. */
export const largerMemory = (a: WorkerMemory | null, b: WorkerMemory): WorkerMemory =>
  a && measuredBytes(a) >= measuredBytes(b) ? a : b;

export function workerBytes(m: WorkerMemory, methodsAtOnce: number): number {
  const tensors = Math.max(
    m.tfBytes + methodsAtOnce * TRAIN_BYTES_PER_METHOD,
    m.wasmHeapBytes ?? 0,
  );
  return WORKER_BASE_BYTES + tensors + Math.max(m.jsHeapBytes ?? 0, m.dataBytes + m.weightBytes);
}

export interface MemoryBudget {
  bytes: number;
  /** Where the figure comes from, for the page's reason. */
  source: string;
}

/**
 * A quarter of the device's memory (navigator.deviceMemory, Chromium: GiB, rounded down to a
 * power of two and capped at 8), the rest left to the system, the browser and its other tabs.
 * Not performance.memory.jsHeapSizeLimit: that bounds one isolate's JS heap (each worker has
 * its own) and wasm memory lives outside it, so it says nothing about a pool's total. Where
 * the browser does not say (Firefox, Safari), 4 GiB of device memory is assumed: 1 GiB.
 */
export function memoryBudget(deviceMemoryGiB: number | undefined): MemoryBudget {
  if (deviceMemoryGiB !== undefined && Number.isFinite(deviceMemoryGiB) && deviceMemoryGiB > 0) {
    return {
      bytes: (deviceMemoryGiB * 1024 * MiB) / 4,
      source: `a quarter of this device's ${deviceMemoryGiB} GiB`,
    };
  }
  return { bytes: 1024 * MiB, source: "1 GiB (the browser does not tell this device's memory)" };
}

export interface PoolSizeInput {
  /** The `workers` setting: 0 = auto. */
  asked: number;
  /** navigator.hardwareConcurrency (1 when unknown). */
  cores: number;
  /** (seed, method) runs to train. */
  units: number;
  /** One worker's measured needs (null: not measured, then memory does not cap the pool). */
  perWorkerBytes: number | null;
  budget: MemoryBudget;
}

export interface PoolSize {
  size: number;
  /** Why the pool is smaller than asked (shown on the page); null when it is what was asked. */
  note: string | null;
  /** Set when an explicit count was refused for memory. */
  refused: boolean;
}

const mib = (b: number): string => `${Math.round(b / MiB)} MiB`;

export function poolSize({ asked, cores, units, perWorkerBytes, budget }: PoolSizeInput): PoolSize {
  const want = asked > 0 ? asked : Math.max(1, Math.floor(cores) || 1);
  const fit =
    perWorkerBytes && perWorkerBytes > 0
      ? Math.max(1, Math.floor(budget.bytes / perWorkerBytes))
      : Infinity;
  const runs = Math.max(1, units);
  const size = Math.min(want, runs, fit);
  if (fit < Math.min(want, runs)) {
    const need = `${want} workers need about ${mib(want * (perWorkerBytes ?? 0))} (${mib(perWorkerBytes ?? 0)} each, measured)`;
    const why = `${need}, more than the memory budget of ${mib(budget.bytes)}, ${budget.source}`;
    if (asked > 0)
      return {
        size,
        note: `${asked} parallel workers refused: ${why}. Running ${size} instead, the most that fit.`,
        refused: true,
      };
    return { size, note: `${size} parallel workers, not ${want}: ${why}.`, refused: false };
  }
  if (asked > runs)
    return {
      size,
      note: `${size} parallel workers, not ${asked}: there are only ${runs} runs to share.`,
      refused: false,
    };
  return { size, note: null, refused: false };
}
