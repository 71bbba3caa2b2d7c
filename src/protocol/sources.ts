/**
 * Where a run's model and data come from, as the wire names them: a fresh, shipped or the
 * user's own checkpoint (with the reference an export keeps of it and what a check found it to
 * be), and a benchmark or the user's own images. Types only; messages.ts re-exports all of it.
 */
import type { ModelConfig } from '../spec/model-config';
import type { SplitSets } from '../core/image-set';

/** The user's own checkpoint as a run's record and its exports name it: the file's name and SHA-256 (hex). */
export interface CheckpointRef {
  file: string;
  sha256: string;
}

/**
 * The user's own checkpoint (dropped or picked on the page, checked by `check-checkpoint`): its
 * bytes, and the architecture the check found them to fit (`numClasses`: the file's own head).
 * Copied to each worker, not transferred: the page keeps the bytes for the pool's other
 * workers and the client replays a load after a crash (ui/worker-client/training-client.ts).
 */
export interface OwnCheckpointSource extends CheckpointRef {
  kind: 'own';
  config: ModelConfig;
  bytes: ArrayBuffer;
  seed: number;
}

/** Where the model comes from. `numClasses` always follows the loaded data (a fresh head, unless an own checkpoint's head fits). */
export type ModelSource =
  | { kind: 'scratch'; config: ModelConfig; seed: number }
  /** A shipped checkpoint from public/models/manifest.json, by name. */
  | { kind: 'pretrained'; name: string; seed: number }
  | OwnCheckpointSource;

/** A model source as an export names it: an own checkpoint by its name and hash, without its bytes. */
export type ModelRef =
  Exclude<ModelSource, OwnCheckpointSource> | ({ kind: 'own'; seed: number } & CheckpointRef);

/** What `check-checkpoint` found an own checkpoint to be. */
export interface CheckpointFit extends CheckpointRef {
  /** The architecture it fits, `numClasses` its head's (null: no head that fits, a fresh one is made). */
  config: ModelConfig;
  headClasses: number | null;
  bytes: number;
  /** The file's __metadata__ (e.g. train.py's method and steps), as written. */
  metadata: Record<string, string>;
}

export interface DataSource {
  /** A benchmark registry name (src/data/benchmarks/benchmark-registry.ts). */
  benchmark: string;
  seed: number;
  strength?: number;
  trainPerClass?: number;
  valPerClass?: number;
  oodPerClass?: number;
  classes?: number[];
  /**
   * The user's own images, imported and decoded by the worker (`import-images`) and kept by the
   * page, which sends them with every load (a restarted worker gets them again): trained on
   * instead of the benchmark, whose name is then only a label. Copied, not transferred (small).
   */
  images?: SplitSets;
}
