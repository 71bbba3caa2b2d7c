/** --grad-ratios: the paper's statistic at every chosen checkpoint x benchmark, on the TS engine. */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadForNewTask } from '../../core/checkpoint/checkpoint';
import { buildModel, type ModelConfig } from '../../core/models/registry';
import { Rng } from '../../core/rng';
import { gradRatioAtInit, type GradRatio } from './grad-ratio';
import { BenchmarkCache, checkpointBytes, loadManifest } from './load';

export async function runGradRatios(root: string, models: string[], benchmarks: string[], maxBatches: number | undefined, log: (l: string) => void): Promise<void> {
  const manifest = await loadManifest();
  const benches = new BenchmarkCache();
  const out: Record<string, Record<string, GradRatio>> = {};
  for (const name of models) {
    const entry = manifest.find((m) => m.name === name);
    if (!entry) throw new Error(`no checkpoint "${name}"`);
    out[name] = {};
    for (const b of benchmarks) {
      const t = performance.now();
      const data = await benches.get(b);
      const def = buildModel({ ...entry.config, numClasses: data.sets.train.numClasses } as ModelConfig);
      const model = loadForNewTask(def, await checkpointBytes(entry), new Rng(0), entry.file);
      try {
        const r = await gradRatioAtInit(model, data, { maxBatches });
        out[name][b] = r;
        log(`${name} ${b}: ratio ${r.ratio?.toFixed(3)} over ${r.batches} batches (${((performance.now() - t) / 1000).toFixed(0)} s)`);
      } finally {
        model.dispose();
      }
    }
  }
  mkdirSync(root, { recursive: true });
  const path = join(root, 'grad-ratios-tfjs.json');
  writeFileSync(path, JSON.stringify({ maxBatches: maxBatches ?? null, batch: 32, results: out }, null, 1));
  log(`wrote ${path}`);
}
