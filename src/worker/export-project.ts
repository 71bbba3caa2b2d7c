/**
 * The Export panel's "PyTorch project": the worker holds what the project needs, the loaded data
 * subset (the run's exact images) and the starting weights every method trains from, and turns
 * them, with the run's settings from the page (its history record, not the controls now), into
 * the zip (src/project/build-project.ts). A load since that run replaced those weights and
 * data: the export is refused then, rather than labelling other weights with the run's settings.
 */
import { toStateDict } from '../core/checkpoint/names';
import { serializeSafetensors } from '../core/checkpoint/safetensors';
import { DEFAULT_NORMALIZE } from '../core/train/batch';
import type { BenchmarkData } from '../data/benchmarks/types';
import { buildProject, type Project } from '../project/build-project';
import type { TwinSources } from '../project/python-files';
import { projectRecipe, type ProjectRecipe } from '../project/project-recipe';
import type { ModelRef, Request, RunSpec, SettingsOrigin, WorkerEvent } from '../protocol/messages';
import type { Loaded } from './loaded';
import type { LoadedModel } from './load-model';
import { TWIN_SOURCES } from './project-sources';

type ExportRequest = Extract<Request, { type: 'export-project' }>;
type Post = (e: WorkerEvent, transfer?: Transferable[]) => void;

/** The page's run settings as the project's recipe (RunController runs the same fields). */
export function sessionRecipe(
  lm: LoadedModel,
  data: BenchmarkData,
  run: RunSpec,
  model: ModelRef,
  origin?: SettingsOrigin,
): ProjectRecipe {
  return projectRecipe({
    exportedBy: 'playground',
    ...(origin ? { origin } : {}),
    checkpoint: model.kind === 'pretrained' ? model.name : null,
    ...(model.kind === 'own' ? { own: { file: model.file, sha256: model.sha256 } } : {}),
    config: lm.config,
    data,
    run: {
      epochs: run.epochs,
      batchSize: run.batchSize,
      seed: run.seed,
      schedule: run.schedule,
      augment: run.augment,
      evalEvery: run.evalEvery,
      ...(run.evalsPerEpoch !== undefined ? { evalsPerEpoch: run.evalsPerEpoch } : {}),
      evalAtStart: true,
      ...(run.maxSteps !== undefined ? { maxSteps: run.maxSteps } : {}),
    },
    methods: run.methods.map((m) => ({
      id: m.id,
      label: m.label,
      optimizer: m.optimizer,
      freeze: [...m.freeze],
      ...(m.lrScale ? { lrScale: { ...m.lrScale } } : {}),
      ...(m.gradualUnfreeze ? { gradualUnfreeze: true } : {}),
      ...(m.linearProbe ? { lp: { ...m.linearProbe } } : {}),
    })),
    normalize: DEFAULT_NORMALIZE,
  });
}

export function sessionProject(
  lm: LoadedModel,
  data: BenchmarkData,
  run: RunSpec,
  model: ModelRef,
  sources: TwinSources = TWIN_SOURCES,
  origin?: SettingsOrigin,
): Project {
  const recipe = sessionRecipe(lm, data, run, model, origin);
  // The starting weights as every method of the run starts from them (the fresh head included).
  const start = serializeSafetensors(toStateDict(lm.def, lm.weights), {
    format: 'pt',
    config: JSON.stringify(lm.config),
    ...(recipe.model.checkpoint ? { name: recipe.model.checkpoint } : {}),
    ...(recipe.model.own
      ? { own_file: recipe.model.own.file, own_sha256: recipe.model.own.sha256 }
      : {}),
    method: 'start',
    steps: '0',
  });
  return buildProject({ recipe, sets: data.sets, start, sources });
}

/** Answers an export-project command with the zip (transferred), or throws for the session to report. */
export function exportProject(cmd: ExportRequest, loaded: Loaded | null, post: Post): void {
  if (!loaded) throw new Error('Nothing to export: load a model and a benchmark first.');
  if (cmd.loadId !== undefined && cmd.loadId !== loaded.id) {
    throw new Error(
      "The worker no longer holds this run's starting weights and data (a Load of other settings since replaced them), so its project cannot be built: set the run's settings again (its history row's Use settings) and press Run, then export.",
    );
  }
  const project = sessionProject(
    loaded.model,
    loaded.data,
    cmd.run,
    cmd.model,
    TWIN_SOURCES,
    cmd.origin,
  );
  const bytes = project.zip.buffer.slice(
    project.zip.byteOffset,
    project.zip.byteOffset + project.zip.byteLength,
  ) as ArrayBuffer;
  post(
    {
      type: 'project-exported',
      requestId: cmd.requestId,
      filename: `${project.name}.zip`,
      bytes,
      sizes: project.sizes,
    },
    [bytes],
  );
}
