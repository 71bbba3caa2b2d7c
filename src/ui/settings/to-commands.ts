/**
 * A configuration -> what the worker is sent: where the weights come from, which data, and
 * the run (methods with their optimizers, schedule, steps). Pure, so the URL, the form and a
 * saved run all give the worker the same commands.
 */
import { modelConfigOfSize, type SizePreset, type Family } from '../../core/spec/model-config';
import { defaultOptimizer, type OptimizerConfig } from '../../core/spec/optimizer-config';
import type { DataSource, MethodSpec, ModelSource, RunSpec, Schedule } from '../../protocol/messages';
import { METHOD_CATALOG, type OptimizerRow } from '../../presets/method-catalog';
import { methodOf, RECIPE, recipeOptimizer } from '../../presets/recipe';
import type { Config } from './settings-table';
import { seedList } from './seed-list';

/** The first seed of the comparison (seed-list.ts): what a one-seed run uses. */
const firstSeed = (c: Config): number => seedList(c)[0] ?? c.seed;

export function modelSource(c: Config, seed = firstSeed(c)): ModelSource {
  if (c.weights === 'random') return { kind: 'scratch', config: modelConfigOfSize(c.arch as Family, c.size as SizePreset), seed };
  return { kind: 'pretrained', name: c.weights, seed };
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

/** Load again only when weights or data change: seeds, sizes and classes are part of the data. */
export function loadKey(c: Config, seed = firstSeed(c)): string {
  return JSON.stringify([modelSource(c, seed), dataSource(c, seed)]);
}

export function optimizerOf(c: Config, row: OptimizerRow): OptimizerConfig {
  switch (row) {
    case 'sgd':
      return { kind: 'sgd', lr: c.lrSgd, momentum: 0, nesterov: false, weightDecay: c.wdSgd };
    case 'sgdm':
      return { kind: 'sgd', lr: c.lrSgdm, momentum: c.momentum, nesterov: false, weightDecay: c.wdSgdm };
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
export function methodExtras(c: Config, id: string): Pick<MethodSpec, 'lrScale' | 'gradualUnfreeze' | 'linearProbe'> {
  const m = methodOf(RECIPE, id);
  return {
    // The page's one embedding-rate method takes the multiplier setting (any value).
    ...(m.embedLrScale !== undefined ? { lrScale: { embed: c.embedLr } } : {}),
    ...(m.unfreeze === 'gradual' ? { gradualUnfreeze: true } : {}),
    // LP-FT in one run: the recipe's head-only share of its epochs (2 of 2 + 6), at its rate.
    ...(m.lpEpochs ? { linearProbe: { fraction: m.lpEpochs / (m.lpEpochs + RECIPE.epochs), lr: m.lpLr ?? optimizerOf(c, 'sgdm').lr } } : {}),
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
