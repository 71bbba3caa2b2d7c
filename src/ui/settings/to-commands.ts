/**
 * A configuration -> what the worker is sent: where the weights come from, which data, and
 * the run (methods with their optimizers, schedule, steps). Pure, so the URL, the form and a
 * saved run all give the worker the same commands.
 */
import { modelConfigOfSize, type SizePreset, type Family } from '../../spec/model-config';
import { defaultOptimizer, type OptimizerConfig } from '../../spec/optimizer-config';
import type {
  CheckpointRef,
  DataSource,
  MethodSpec,
  ModelRef,
  ModelSource,
  RunSpec,
  Schedule,
} from '../../protocol/messages';
import type { OwnCheckpoint } from '../store/own-checkpoint-slice';
import { METHOD_CATALOG, type OptimizerRow } from '../../presets/method-catalog';
import { methodOf, RECIPE, recipeOptimizer } from '../../presets/experiment-recipe';
import type { Config } from './settings-table';
import { seedList } from './seed-list';

/** The first seed of the comparison (seed-list.ts): what a one-seed run uses. */
const firstSeed = (c: Config): number => seedList(c)[0] ?? c.seed;

/** The weights value (`model=own` in a link) of the user's own checkpoint, which no link carries. */
export const OWN_WEIGHTS = 'own';

/** Why a run of `model=own` cannot load: no checkpoint in this tab (a link, a reload, a saved run's settings). */
export const NO_OWN_CHECKPOINT =
  'These settings start from your own checkpoint (model=own), which a link cannot carry and this tab keeps in memory only: pick or drop its .safetensors file beside the weights, or choose a shipped model.';

/** `own`: the user's checkpoint (store/own-checkpoint-slice.ts), needed when the weights are 'own'. */
export function modelSource(
  c: Config,
  seed = firstSeed(c),
  own: OwnCheckpoint | null = null,
): ModelSource {
  if (c.weights === 'random')
    return {
      kind: 'scratch',
      config: modelConfigOfSize(c.arch as Family, c.size as SizePreset),
      seed,
    };
  if (c.weights === OWN_WEIGHTS) {
    if (!own) throw new Error(NO_OWN_CHECKPOINT);
    const { file, sha256, config } = own.fit;
    return { kind: 'own', file, sha256, config, bytes: own.bytes, seed };
  }
  return { kind: 'pretrained', name: c.weights, seed };
}

/** The model as an export names it: an own checkpoint by the name and hash the run's load kept. */
export function modelRef(
  c: Config,
  checkpoint: CheckpointRef | undefined,
  seed = firstSeed(c),
): ModelRef {
  if (c.weights === OWN_WEIGHTS) {
    if (!checkpoint) throw new Error(NO_OWN_CHECKPOINT);
    return { kind: 'own', file: checkpoint.file, sha256: checkpoint.sha256, seed };
  }
  return modelSource(c, seed) as ModelRef;
}

export function dataSource(c: Config, seed = firstSeed(c)): DataSource {
  return {
    benchmark: c.benchmark,
    seed,
    trainPerClass: c.perClass,
    ...(c.strength !== 'default' ? { strength: Number(c.strength) } : {}),
    // 0 leaves a size to the benchmark's own default.
    ...(c.valPerClass > 0 ? { valPerClass: c.valPerClass } : {}),
    ...(c.oodPerClass > 0 ? { oodPerClass: c.oodPerClass } : {}),
    ...(c.classes.length ? { classes: [...c.classes] } : {}),
  };
}

/** Load again only when weights or data change: seeds, sizes and classes are part of the data (an own checkpoint by its hash). */
export function loadKey(c: Config, seed = firstSeed(c), own: OwnCheckpoint | null = null): string {
  return JSON.stringify([modelKey(modelSource(c, seed, own)), dataSource(c, seed)]);
}

/** A model source for a load key: an own checkpoint by its hash, not its bytes. */
export function modelKey(m: ModelSource): unknown {
  return m.kind === 'own' ? { kind: m.kind, sha256: m.sha256, seed: m.seed } : m;
}

export function optimizerOf(c: Config, row: OptimizerRow): OptimizerConfig {
  switch (row) {
    case 'sgd':
      return { kind: 'sgd', lr: c.lrSgd, momentum: 0, nesterov: false, weightDecay: c.wdSgd };
    case 'sgdm':
      return {
        kind: 'sgd',
        lr: c.lrSgdm,
        momentum: c.momentum,
        nesterov: false,
        weightDecay: c.wdSgdm,
      };
    case 'adamw':
      return { ...defaultOptimizer('adamw', c.lrAdamw), weightDecay: c.wdAdamw };
    // LAMB / LARS: the recipe's settings (weight decay, eps, trust coefficient) at the row's rate.
    case 'lamb':
      return recipeOptimizer(methodOf(RECIPE, 'lamb'), c.lrLamb);
    case 'lars':
      return recipeOptimizer(methodOf(RECIPE, 'lars'), c.lrLars);
  }
}

/** What a recipe method adds to its optimizer: the embedding multiplier, gradual unfreezing, LP-FT. */
export function methodExtras(
  c: Config,
  id: string,
): Pick<MethodSpec, 'lrScale' | 'gradualUnfreeze' | 'linearProbe'> {
  const m = methodOf(RECIPE, id);
  return {
    // The page's one embedding-rate method takes the multiplier setting (any value).
    ...(m.embedLrScale !== undefined ? { lrScale: { embed: c.embedLr } } : {}),
    ...(m.unfreeze === 'gradual' ? { gradualUnfreeze: true } : {}),
    // LP-FT as the CLI runs it: the recipe's head-only epochs at its rate, before the run's epochs.
    ...(m.lpEpochs
      ? { linearProbe: { epochs: m.lpEpochs, lr: m.lpLr ?? optimizerOf(c, 'sgdm').lr } }
      : {}),
  };
}

export function methodSpecs(c: Config): MethodSpec[] {
  return METHOD_CATALOG.filter((m) => c.methods.includes(m.id)).map((m) => ({
    id: m.id,
    label: m.label,
    optimizer: optimizerOf(c, m.row),
    freeze: [...m.freeze],
    ...methodExtras(c, m.id),
  }));
}

export function scheduleOf(c: Config): Schedule {
  if (c.schedule === 'constant') return { kind: 'constant' };
  if (c.schedule === 'warmup-cosine') return { kind: 'warmup-cosine', warmupSteps: c.warmup };
  return { kind: 'cosine' };
}

export function runSpec(c: Config, seed = firstSeed(c)): RunSpec {
  return {
    methods: methodSpecs(c),
    schedule: scheduleOf(c),
    epochs: c.epochs,
    batchSize: c.batchSize,
    seed,
    // A capped run: about five evaluations per method (plus the one at step 0); else the chosen
    // number per epoch, evenly spaced (the worker knows the epoch's length).
    evalEvery: c.steps > 0 ? Math.max(1, Math.round(c.steps / 5)) : 0,
    ...(c.steps > 0 ? {} : { evalsPerEpoch: c.evalsPerEpoch }),
    ...(c.steps > 0 ? { maxSteps: c.steps } : {}),
    augment: c.augment,
  };
}
