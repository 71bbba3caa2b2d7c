/**
 * The run's settings as the exported PyTorch project reads them (recipe.json): the model and
 * where its starting weights came from, the data subset and how the engine augments and
 * normalises it, the run (epochs, batch, seed, schedule, evaluations, step cap) and each
 * method (optimizer, frozen groups, per-group learning-rate scale, LP-FT's head-only phase).
 * Field names are the engine's (RunConfig, OptimizerConfig), so train.py and the engine read one
 * vocabulary. Tfjs-free: built in the worker and in the CLI.
 */
import type { SplitSets } from '../core/image-set';
import type { ModelConfig } from '../spec/model-config';
import type { RunConfig } from '../core/train/run';
import type { BenchmarkData } from '../data/benchmarks/types';
import type { CheckpointRef, MethodSpec, RunSpec, SettingsOrigin } from '../protocol/messages';

export const PROJECT_FORMAT = 'fine-tune-playground/pytorch-project@1';

/** A method as the project trains it: the page's MethodSpec (id, label, RunConfig's per-method fields) and the CLI's LP-FT phases. */
export interface ProjectMethod extends MethodSpec {
  /** LP-FT (the page's, the CLI's): this many head-only epochs at rate `lr` first, then fine-tuning (phasesOf, core/train/linear-probe.ts). */
  lp?: { epochs: number; lr: number };
}

/** The run's fields (RunSpec's, from RunConfig); evalAtStart always written. */
export type ProjectRun = Omit<RunSpec, 'methods'> & Required<Pick<RunConfig, 'evalAtStart'>>;

export interface ProjectRecipe {
  format: typeof PROJECT_FORMAT;
  /** 'playground' (the Export panel) or 'cli' (npm run export-pytorch). */
  exportedBy: 'playground' | 'cli';
  /**
   * The page's export: the run these settings are (its history id, start time and link), or
   * 'controls' when no run had started (the settings on screen then). Absent from the CLI's.
   */
  origin?: SettingsOrigin;
  model: {
    /** The shipped checkpoint the body came from (public/models), or null for random weights or an own checkpoint. */
    checkpoint: string | null;
    /** The user's own checkpoint the weights came from (the page's "your own checkpoint"), by file name and SHA-256. */
    own?: CheckpointRef;
    /** The engine's config, numClasses = the task's. */
    config: ModelConfig;
  };
  data: {
    benchmark: string;
    /** The benchmark options the subset was built with (seed, strength, sizes, classes). */
    options: Record<string, unknown>;
    numClasses: number;
    classNames: string[];
    numGroups: number;
    groupNames: string[];
    sizes: { train: number; idVal: number; ood: number };
    idMetric: string;
    oodMetric: string;
    trainGroupWeights: number[] | null;
    /** The benchmark's augmentation (used when run.augment). */
    augment: { flip: boolean; cropPadding: number };
  };
  normalize: { mean: number[]; std: number[] };
  run: ProjectRun;
  methods: ProjectMethod[];
}

export interface RecipeInput {
  exportedBy: ProjectRecipe['exportedBy'];
  origin?: SettingsOrigin;
  checkpoint: string | null;
  own?: CheckpointRef;
  config: ModelConfig;
  data: Pick<
    BenchmarkData,
    'name' | 'options' | 'sets' | 'idMetric' | 'oodMetric' | 'trainGroupWeights' | 'augment'
  >;
  run: ProjectRun;
  methods: ProjectMethod[];
  normalize: { readonly mean: readonly number[]; readonly std: readonly number[] };
}

/** JSON has no Infinity (e.g. "all training images per class"): it is written as null. */
function plain(o: object): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(o, (_k, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? null : v,
    ),
  ) as Record<string, unknown>;
}

export function projectRecipe(inp: RecipeInput): ProjectRecipe {
  const { sets } = inp.data;
  const train = sets.train as SplitSets['train'];
  if (inp.config.numClasses !== train.numClasses) {
    throw new Error(`the model has ${inp.config.numClasses} classes, the data ${train.numClasses}`);
  }
  if (!inp.methods.length) throw new Error('a project needs at least one method');
  return {
    format: PROJECT_FORMAT,
    exportedBy: inp.exportedBy,
    ...(inp.origin ? { origin: { ...inp.origin } } : {}),
    model: {
      checkpoint: inp.checkpoint,
      ...(inp.own ? { own: { file: inp.own.file, sha256: inp.own.sha256 } } : {}),
      config: inp.config,
    },
    data: {
      benchmark: inp.data.name,
      options: plain(inp.data.options),
      numClasses: train.numClasses,
      classNames: [...(train.classNames ?? [])],
      numGroups: train.numGroups ?? 0,
      groupNames: [...(train.groupNames ?? [])],
      sizes: { train: sets.train.n, idVal: sets.idVal.n, ood: sets.ood.n },
      idMetric: inp.data.idMetric,
      oodMetric: inp.data.oodMetric,
      trainGroupWeights: inp.data.trainGroupWeights ? [...inp.data.trainGroupWeights] : null,
      augment: { flip: inp.data.augment.flip, cropPadding: inp.data.augment.cropPadding },
    },
    normalize: { mean: [...inp.normalize.mean], std: [...inp.normalize.std] },
    run: inp.run,
    methods: inp.methods,
  };
}
