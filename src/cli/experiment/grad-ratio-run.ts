/** --grad-ratios: the paper's statistic at every chosen checkpoint x benchmark, on the TS engine. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadForNewTask } from '../../core/checkpoint/checkpoint';
import { buildModel } from '../../core/models/build-model';
import { Rng } from '../../core/rng';
import { gradRatioAtInit, type GradRatio } from './grad-ratio';
import { BenchmarkCache, checkpointBytes, loadManifest, parseVariant } from './load';
import type { ModelConfig } from '../../spec/model-config';

export async function runGradRatios(
  root: string,
  models: string[],
  benchmarks: string[],
  maxBatches: number | undefined,
  log: (l: string) => void,
): Promise<void> {
  const manifest = await loadManifest();
  const benches = new BenchmarkCache();
  mkdirSync(root, { recursive: true });
  const path = join(root, 'grad-ratios-tfjs.json');
  // Resumable: pairs already measured with the same --max-batches are kept and skipped; the
  // file is rewritten after every pair, so an interrupted run loses at most one.
  const prev = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as RatioFile) : null;
  const out: Record<string, Record<string, GradRatio>> = prev &&
  prev.maxBatches === (maxBatches ?? null)
    ? prev.results
    : {};
  const save = (): void => {
    writeFileSync(
      `${path}.tmp`,
      JSON.stringify(
        { maxBatches: maxBatches ?? null, batch: 32, results: out } satisfies RatioFile,
        null,
        1,
      ),
    );
    renameSync(`${path}.tmp`, path);
  };
  for (const name of models) {
    const entry = manifest.find((m) => m.name === name);
    if (!entry) throw new Error(`no checkpoint "${name}"`);
    out[name] ??= {};
    for (const b of benchmarks) {
      if (out[name][b]) {
        log(`${name} ${b}: ratio ${out[name][b].ratio?.toFixed(3)} (on disk)`);
        continue;
      }
      const t = performance.now();
      const v = parseVariant(b);
      const data = await benches.get(v.name, v.options);
      const def = buildModel({
        ...entry.config,
        numClasses: data.sets.train.numClasses,
      } as ModelConfig);
      const model = loadForNewTask(def, await checkpointBytes(entry), new Rng(0), entry.file);
      try {
        const r = await gradRatioAtInit(model, data, { maxBatches });
        out[name][b] = r;
        save();
        log(
          `${name} ${b}: ratio ${r.ratio?.toFixed(3)} over ${r.batches} batches (${((performance.now() - t) / 1000).toFixed(0)} s)`,
        );
      } finally {
        model.dispose();
      }
    }
  }
  save();
  log(`wrote ${path}`);
}

interface RatioFile {
  maxBatches: number | null;
  batch: number;
  results: Record<string, Record<string, GradRatio>>;
}
