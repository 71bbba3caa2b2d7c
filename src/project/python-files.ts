/**
 * The exported project's Python: the PyTorch twin's own files (tools/torch_twin), never a copy
 * kept here and never rewritten. The caller supplies their text (the CLI reads them from disk,
 * the worker bundles them with Vite's ?raw imports: src/worker/project-sources.ts); this module
 * places them in the project folder:
 * - torch_twin/: the twin's modules train.py uses, byte for byte, in the twin's own package
 *   layout (specs.py, optim.py, st_io.py, engine_rng.py, engine_batches.py, models/), so their
 *   package-relative imports (`from .. import specs`, `from .engine_rng import`) work as they
 *   are; the exporter adds torch_twin/specs.json (the run's model) and a one-line __init__.py;
 * - train.py, real_scale.py, README.md: the project's own files (tools/torch_twin/project/),
 *   at the folder's top; they import the package (`from torch_twin import optim`).
 */

/** The package's name in a project: the twin's own (tools/torch_twin). */
export const TWIN_PACKAGE = 'torch_twin';

/** Paths under tools/torch_twin/ copied into the project's torch_twin/ package, unchanged. */
export const PACKAGE_FILES = [
  'specs.py',
  'optim.py',
  'st_io.py',
  'engine_rng.py',
  'engine_batches.py',
  'models/__init__.py',
  'models/blocks.py',
  'models/twin_model.py',
  'models/vit.py',
  'models/convnext.py',
  'models/resnet.py',
] as const;

/** Paths under tools/torch_twin/ copied to the project folder's top (name = the file's base name). */
export const PROJECT_FILES = ['project/train.py', 'project/real_scale.py'] as const;

/** The project's README body (the exporter adds the run's own summary above it). */
export const README_BODY = 'project/README.md';

/** Every path a TwinSources record must hold. */
export const TWIN_SOURCE_PATHS: readonly string[] = [
  ...PACKAGE_FILES,
  ...PROJECT_FILES,
  README_BODY,
];

/** File text by path under tools/torch_twin/. */
export type TwinSources = Readonly<Record<string, string>>;

/**
 * The package's __init__.py in a project (the repository's own says how to run the twin's
 * scripts there, which a project does not have).
 */
const PACKAGE_INIT =
  '"""The Fine-Tune Playground\'s PyTorch twin (tools/torch_twin in its repository): the modules\n' +
  'train.py uses, as they are there. specs.json holds this run\'s model\'s parameter specs."""\n';

function source(src: TwinSources, path: string): string {
  const text = src[path];
  if (text === undefined)
    throw new Error(`the PyTorch twin's ${path} is missing from the bundled sources`);
  return text;
}

/** Every Python file of the project, by its path in the project folder. */
export function projectPython(src: TwinSources): Record<string, string> {
  const out: Record<string, string> = { [`${TWIN_PACKAGE}/__init__.py`]: PACKAGE_INIT };
  for (const path of PACKAGE_FILES) out[`${TWIN_PACKAGE}/${path}`] = source(src, path);
  for (const path of PROJECT_FILES) out[path.slice(path.lastIndexOf('/') + 1)] = source(src, path);
  return out;
}

export function readmeBody(src: TwinSources): string {
  return source(src, README_BODY);
}
