/** The matrix on the TS engine: runMatrix with runOne as the runner, results in <root>/tfjs. */
import { join } from 'node:path';
import { BenchmarkCache, checkpointBytes, loadManifest } from './load';
import { runMatrix } from './matrix';
import type { Recipe } from './recipe';
import { runOne } from './run-one';
import { RunStore } from './store';

export interface TsMatrixChoice {
  models: string[];
  benchmarks: string[];
  methods: string[];
  seeds: number[];
}

/**
 * A benchmark as the matrix names it: `acquisition`, or a variant at another shift strength,
 * `acquisition-s10` = strength 1.0 (tenths), the name the PyTorch twin gives the same sets
 * (export-sets.ts --tag s10 --strength 1.0; matrix.py --data-tag s10).
 */
export function parseVariant(bench: string): { name: string; options: { strength?: number } } {
  const m = /^(.+)-s(\d{1,2})$/.exec(bench);
  if (!m) return { name: bench, options: {} };
  const tenths = Number(m[2]);
  if (tenths > 10) throw new Error(`benchmark "${bench}": strength s${m[2]} is over s10 (1.0)`);
  return { name: m[1] as string, options: { strength: tenths / 10 } };
}

export async function runTsMatrix(root: string, recipe: Recipe, choice: TsMatrixChoice, log: (l: string) => void): Promise<void> {
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
      if (!entry) throw new Error(`no checkpoint "${req.model}" in public/models/manifest.json (have ${manifest.map((m) => m.name).join(', ')})`);
      const v = parseVariant(req.benchmark);
      const data = await benches.get(v.name, v.options);
      const r = await runOne({ entry, bytes: await checkpointBytes(entry), data, method: req.method, lr: req.lr, seed: req.seed, recipe, dataOptions: v.options });
      return { ...r, benchmark: req.benchmark };
    },
  });
  log(`done: results in ${store.dir}; summarise with npm run experiment -- --report`);
}
