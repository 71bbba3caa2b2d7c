/**
 * A run as a PyTorch project, zipped: recipe.json, data.npz (the run's exact images),
 * start.safetensors (the starting weights), the PyTorch twin's model and optimizer code (its
 * torch_twin package, as it is in the repository), train.py and a README, all inside one folder. One builder for the Export panel (the worker) and
 * `npm run export-pytorch` (Node); tfjs-free: the caller hands in the starting weights already
 * serialised.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ImageSet, SplitSets } from '../core/image-set';
import { npzBytes, type NpyArray } from './npz';
import { projectPython, readmeBody, TWIN_PACKAGE, type TwinSources } from './python-files';
import { projectReadme } from './readme';
import type { ProjectRecipe } from './project-recipe';
import { projectSpecsJson } from './twin-specs';

export interface ProjectInput {
  recipe: ProjectRecipe;
  sets: SplitSets;
  /** The starting weights as a safetensors file in PyTorch layout (the engine's serializer). */
  start: Uint8Array;
  sources: TwinSources;
}

export interface Project {
  /** The folder every file sits in, and the zip's base name. */
  name: string;
  zip: Uint8Array;
  /** Bytes per file (before compression), for the UI note and tests. */
  sizes: Record<string, number>;
}

const SPLITS = ['train', 'idVal', 'ood'] as const;

/** data.npz: per split, pixels [n, H, W, C] uint8, labels [n] int32 and groups [n] int32 where set. */
export function dataNpz(sets: SplitSets): Uint8Array {
  const arrays: Record<string, NpyArray> = {};
  for (const split of SPLITS) {
    const s: ImageSet = sets[split];
    arrays[`${split}_pixels`] = { data: s.pixels, shape: [s.n, s.height, s.width, s.channels] };
    arrays[`${split}_labels`] = { data: s.labels, shape: [s.n] };
    if (s.groups) arrays[`${split}_groups`] = { data: s.groups, shape: [s.n] };
  }
  return npzBytes(arrays);
}

export function projectName(recipe: ProjectRecipe): string {
  const model = recipe.model.checkpoint ?? `${recipe.model.config.family}-random`;
  return `pytorch-${model}-${recipe.data.benchmark}-seed${recipe.run.seed}`.replace(
    /[^A-Za-z0-9._-]+/g,
    '-',
  );
}

export function buildProject(inp: ProjectInput): Project {
  const { recipe } = inp;
  const name = projectName(recipe);
  const files: Record<string, Uint8Array> = {
    'README.md': strToU8(projectReadme(recipe, readmeBody(inp.sources), name)),
    'recipe.json': strToU8(`${JSON.stringify(recipe, null, 1)}\n`),
    // Where the twin's specs.py reads it: beside itself, in the package.
    [`${TWIN_PACKAGE}/specs.json`]: strToU8(projectSpecsJson(recipe.model.config)),
    'data.npz': dataNpz(inp.sets),
    'start.safetensors': inp.start,
  };
  for (const [file, text] of Object.entries(projectPython(inp.sources)))
    files[file] = strToU8(text);
  const zippable: Zippable = {};
  for (const [file, bytes] of Object.entries(files)) {
    // data.npz is deflated already: stored as is, not compressed twice.
    zippable[`${name}/${file}`] = file === 'data.npz' ? [bytes, { level: 0 }] : bytes;
  }
  const sizes = Object.fromEntries(Object.entries(files).map(([f, b]) => [f, b.byteLength]));
  return { name, zip: zipSync(zippable, { level: 6 }), sizes };
}
