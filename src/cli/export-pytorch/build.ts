/**
 * The CLI's road to a project: the settings' checkpoint (its body with a fresh head seeded by the
 * run's seed, as `npm run experiment` starts a run), the benchmark subset built from the shipped
 * shards, the experiment recipe's methods, the twin's Python read from disk; then the shared
 * builder (src/project/build-project.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadForNewTask, saveCheckpoint } from '../../core/checkpoint/checkpoint';
import { buildModel } from '../../core/models/build-model';
import { Rng } from '../../core/rng';
import type { ModelConfig } from '../../spec/model-config';
import { DEFAULT_NORMALIZE } from '../../core/train/batch';
import type { BenchmarkData } from '../../data/benchmarks/types';
import { buildProject, type Project } from '../../project/build-project';
import { TWIN_SOURCE_PATHS, type TwinSources } from '../../project/python-files';
import {
  projectRecipe,
  type ProjectMethod,
  type ProjectRecipe,
} from '../../project/project-recipe';
import { BenchmarkCache, checkpointBytes, loadManifest } from '../experiment/load';
import { methodOf, type Recipe } from '../../presets/experiment-recipe';
import { loadRecipe, optimizerOf } from '../experiment/load-recipe';
import type { ExportSettings } from './settings';

const TWIN_DIR = fileURLToPath(new URL('../../../tools/torch_twin/', import.meta.url));

/** The twin's files the project bundles, read from this checkout. */
export function readTwinSources(dir = TWIN_DIR): TwinSources {
  return Object.fromEntries(TWIN_SOURCE_PATHS.map((p) => [p, readFileSync(`${dir}${p}`, 'utf8')]));
}

/** A method of the experiment recipe at a learning rate, in the project's terms (as runPhase runs it). */
export function recipeMethod(recipe: Recipe, id: string, lr: number): ProjectMethod {
  const m = methodOf(recipe, id);
  return {
    id,
    label: m.label,
    optimizer: optimizerOf(recipe, id, lr),
    freeze: [...m.freeze],
    ...(m.embedLrScale !== undefined ? { lrScale: { embed: m.embedLrScale } } : {}),
    // LP-FT's head-only phase: its own rate, else the run's (phasesOf / runPhase).
    ...(m.lpEpochs ? { lp: { epochs: m.lpEpochs, lr: m.lpLr ?? lr } } : {}),
    ...(m.unfreeze === 'gradual' ? { gradualUnfreeze: true } : {}),
  };
}

export interface ExportInputs {
  recipe: ProjectRecipe;
  data: BenchmarkData;
  start: Uint8Array;
}

/** Everything a project is built from, in Node (needs a tfjs backend for the fresh head). */
export async function exportInputs(
  s: ExportSettings,
  cache = new BenchmarkCache(),
): Promise<ExportInputs> {
  const entry = (await loadManifest()).find((m) => m.name === s.model);
  if (!entry) throw new Error(`no checkpoint "${s.model}" in public/models/manifest.json`);
  const data = await cache.get(s.benchmark, s.data);
  const config = { ...entry.config, numClasses: data.sets.train.numClasses } as ModelConfig;
  const model = loadForNewTask(
    buildModel(config),
    await checkpointBytes(entry),
    new Rng(s.seed),
    entry.file,
  );
  let start: Uint8Array;
  try {
    start = await saveCheckpoint(model, {
      format: 'pt',
      config: JSON.stringify(config),
      name: entry.name,
      method: 'start',
      steps: '0',
    });
  } finally {
    model.dispose();
  }
  const experiment = loadRecipe();
  const recipe = projectRecipe({
    exportedBy: 'cli',
    checkpoint: entry.name,
    config,
    data,
    run: {
      epochs: s.epochs,
      batchSize: s.batchSize,
      seed: s.seed,
      schedule: s.schedule,
      augment: s.augment,
      evalEvery: 0,
      evalsPerEpoch: s.evalsPerEpoch,
      evalAtStart: true,
      ...(s.maxSteps !== undefined ? { maxSteps: s.maxSteps } : {}),
    },
    methods: s.methods.map((m) => recipeMethod(experiment, m.method, m.lr)),
    normalize: DEFAULT_NORMALIZE,
  });
  return { recipe, data, start };
}

export async function exportProject(s: ExportSettings, cache?: BenchmarkCache): Promise<Project> {
  const { recipe, data, start } = await exportInputs(s, cache);
  return buildProject({ recipe, sets: data.sets, start, sources: readTwinSources() });
}
