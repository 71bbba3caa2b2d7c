/**
 * --preset: the classroom preset's methods at its learning rates, on its data subset, for each
 * seed, on the TS engine; the time of every run is what "under a minute in Node" is measured by.
 * Records go to <root>/tfjs like any run (their `data` field marks the subset).
 */
import { join } from 'node:path';
import { getBackend } from '@tensorflow/tfjs-core';
import type { ClassroomPreset } from '../../presets/classroom';
import { lessonDesign } from './lesson-designs';
import { BenchmarkCache, checkpointBytes, loadManifest } from './load';
import type { Recipe } from '../../presets/experiment-recipe';
import { runKey } from './load-recipe';
import { runOne } from './run-one';
import { RunStore } from './run-store';

export const PRESET_TAG = 'preset';

export async function runPreset(
  root: string,
  recipe: Recipe,
  seeds: number[],
  log: (l: string) => void,
  only?: string[],
  design?: string,
): Promise<void> {
  const p: ClassroomPreset = lessonDesign(design);
  const r = { ...recipe, epochs: p.epochs, batchSize: p.batchSize };
  const entry = (await loadManifest()).find((m) => m.name === p.model);
  if (!entry) throw new Error(`preset model "${p.model}" is not in public/models/manifest.json`);
  const data = await new BenchmarkCache().get(p.benchmark, {
    ...p.data,
    ...(p.strength !== undefined ? { strength: p.strength } : {}),
  });
  const store = new RunStore(join(root, 'tfjs'));
  const bytes = await checkpointBytes(entry);
  const times: number[] = [];
  for (const seed of seeds) {
    for (const m of p.methods.filter((x) => !only || only.includes(x.method))) {
      const key = `${runKey(p.model, `${p.benchmark}-${PRESET_TAG}`, m.method, m.lr, seed, p.epochs)}`;
      if (store.get(key)) continue;
      const rec = await runOne({
        entry,
        bytes,
        data,
        method: m.method,
        lr: m.lr,
        seed,
        recipe: r,
        dataOptions: p.data,
      });
      store.put(key, { ...rec, benchmark: `${p.benchmark}-${PRESET_TAG}`, backend: getBackend() });
      times.push(rec.cpuSeconds ?? rec.seconds);
      log(
        `preset ${m.method} lr ${m.lr} seed ${seed}: best id ${rec.best?.id.toFixed(3)} ood ${rec.best?.ood.toFixed(3)}, embedding drift ${rec.embedDrift.toFixed(3)} (${rec.seconds} s wall, ${rec.cpuSeconds ?? '?'} s CPU, ${rec.steps} steps)`,
      );
    }
  }
  if (times.length)
    log(
      `preset: ${times.length} runs, ${Math.min(...times)}-${Math.max(...times)} CPU s per run (${data.sets.train.n} training images, batch ${p.batchSize}, ${p.epochs} epochs)`,
    );
}
