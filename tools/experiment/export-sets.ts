/**
 * Writes a benchmark built with given options to .cache/bench-<name>-<tag>.{bin,json}, the
 * format the PyTorch twin reads (tools/torch_twin/data.py), so both engines fine-tune on the
 * same images. With --preset: the classroom preset's subset (src/presets/classroom.ts), tag
 * 'preset'.
 *
 *   npx tsx tools/experiment/export-sets.ts --preset
 *   npx tsx tools/experiment/export-sets.ts --bench style --tag small --trainPerClass 40 --valPerClass 20 --oodPerClass 20
 *   npx tsx tools/experiment/export-sets.ts --bench spurious --tag fine7 --objects fine --strength 0.7
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { BenchmarkCache } from '../../src/cli/experiment/load';
import { CLASSROOM_PRESET } from '../../src/presets/classroom';
import { writeSets } from '../pretrain/write-sets';

const CACHE = fileURLToPath(new URL('../../.cache/', import.meta.url));

const { values: a } = parseArgs({
  options: {
    preset: { type: 'boolean', default: false },
    bench: { type: 'string' },
    tag: { type: 'string' },
    trainPerClass: { type: 'string' },
    valPerClass: { type: 'string' },
    oodPerClass: { type: 'string' },
    strength: { type: 'string' },
    classes: { type: 'string' },
    // Benchmark-specific options (docs/benchmarks): spurious's objects/correlation, acquisition's sites.
    objects: { type: 'string' },
    correlation: { type: 'string' },
    trainSites: { type: 'string' },
    oodSite: { type: 'string' },
  },
});

async function main(): Promise<void> {
  const name = a.preset ? CLASSROOM_PRESET.benchmark : a.bench;
  const tag = a.preset ? 'preset' : a.tag;
  if (!name || !tag) throw new Error('give --preset, or --bench NAME --tag TAG [options]');
  const opts: Record<string, number | number[]> = a.preset
    ? {
        ...CLASSROOM_PRESET.data,
        ...(CLASSROOM_PRESET.strength !== undefined ? { strength: CLASSROOM_PRESET.strength } : {}),
      }
    : {};
  if (a.classes) opts.classes = a.classes.split(',').map(Number);
  for (const k of ['trainPerClass', 'valPerClass', 'oodPerClass', 'strength'] as const)
    if (a[k] !== undefined) opts[k] = Number(a[k]);
  const params: Record<string, number | string> = {};
  if (a.correlation !== undefined) params.correlation = Number(a.correlation);
  for (const k of ['objects', 'trainSites', 'oodSite'] as const)
    if (a[k] !== undefined) params[k] = a[k];
  const d = await new BenchmarkCache().get(name, { ...opts, params });
  await mkdir(CACHE, { recursive: true });
  const h = await writeSets(
    join(CACHE, `bench-${name}-${tag}`),
    { train: d.sets.train, idVal: d.sets.idVal, ood: d.sets.ood },
    {
      kind: 'benchmark',
      benchmark: name,
      options: d.options,
      augment: d.augment,
    },
  );
  process.stderr.write(
    `bench-${name}-${tag}: train ${d.sets.train.n}, idVal ${d.sets.idVal.n}, ood ${d.sets.ood.n} (${h.bytes as number} bytes)\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
