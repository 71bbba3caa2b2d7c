/** The matrix on the TS engine: runMatrix with runOne as the runner, results in <root>/tfjs. */
import { join } from 'node:path';
import { BenchmarkCache, checkpointBytes, loadManifest, parseVariant } from './load';
import { runMatrix } from './matrix';
import type { Recipe } from '../../presets/experiment-recipe';
import { runOne } from './run-one';
import { RunStore } from './run-store';

export interface TsMatrixChoice {
  models: string[];
  benchmarks: string[];
  methods: string[];
  seeds: number[];
}

export async function runTsMatrix(
  root: string,
  recipe: Recipe,
  choice: TsMatrixChoice,
  log: (l: string) => void,
): Promise<void> {
  const manifest = await loadManifest();
  const benches = new BenchmarkCache();
  const store = new RunStore(join(root, 'tfjs'));
  await runMatrix({
    ...choice,
    recipe,
    store,
    log,
    run: async (req) => {
      const entry = manifest.find((m) => m.name === req.model);
      if (!entry)
        throw new Error(
          `no checkpoint "${req.model}" in public/models/manifest.json (have ${manifest.map((m) => m.name).join(', ')})`,
        );
      const v = parseVariant(req.benchmark);
      const data = await benches.get(v.name, v.options);
      const r = await runOne({
        entry,
        bytes: await checkpointBytes(entry),
        data,
        method: req.method,
        lr: req.lr,
        seed: req.seed,
        recipe,
        dataOptions: v.options,
      });
      return { ...r, benchmark: req.benchmark };
    },
  });
  log(`done: results in ${store.dir}; summarise with npm run experiment -- --report`);
}
