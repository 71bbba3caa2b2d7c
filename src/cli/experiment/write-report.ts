/**
 * --report: every run on disk (PyTorch twin and TS engine) -> docs/results/runs.csv,
 * docs/results/summary.json and the generated part of docs/results.md (between the
 * `<!-- generated:start -->` and `<!-- generated:end -->` markers; the reading around them is
 * written by hand).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { accountMemory } from '../../spec/memory-account';
import { buildModel } from '../../core/models/build-model';
import type { Recipe } from '../../presets/experiment-recipe';
import type { ModelConfig } from '../../spec/model-config';
import { defaultOptimizer, type OptimizerConfig } from '../../spec/optimizer-config';
import { gapReadings, summarise } from './aggregate';
import { accuracyTables, agreementTable, driftTable, gapTable, runsCsv } from './report';
import { RunStore } from './run-store';
import type { RunRecord } from './record';
import type { CheckpointEntry } from './run-one';
import { MODELS_DIR } from './load';
import type { GroupName } from '../../spec/param-spec';

const DOCS = fileURLToPath(new URL('../../../docs/', import.meta.url));
const START = '<!-- generated:start -->';
const END = '<!-- generated:end -->';

interface ManifestModel extends CheckpointEntry {
  gradientRatio?: { byBenchmark: Record<string, number> };
}

export function writeReport(root: string, recipe: Recipe, log: (l: string) => void): void {
  const records = [
    ...new RunStore(join(root, 'torch')).all(),
    ...new RunStore(join(root, 'tfjs')).all(),
  ];
  const cells = summarise(records, recipe.sweepSeed);
  const labels = Object.fromEntries(Object.entries(recipe.methods).map(([k, m]) => [k, m.label]));
  const manifest = (
    JSON.parse(readFileSync(join(MODELS_DIR, 'manifest.json'), 'utf8')) as {
      models: ManifestModel[];
    }
  ).models;
  const tfjsRatios = join(root, 'grad-ratios-tfjs.json');
  const parts = [
    START,
    '',
    '### Accuracy (best-ID epoch; mean ± 90% interval over seeds, %)',
    '',
    accuracyTables(cells, 'torch', labels, methodOrder(recipe)),
    accuracyTables(cells, 'tfjs', labels, methodOrder(recipe)),
    '### AdamW − SGD on OOD, and what SGD freeze-embed recovers',
    '',
    gapTable(gapReadings(cells)),
    '',
    '### Embedding-layer drift ||w − w0|| / ||w0|| at the end of fine-tuning',
    '',
    driftTable(cells, 'torch'),
    '',
    '### Gradient ratio at the pretrained weights (first layer / largest middle layer)',
    '',
    ratioTable(
      manifest,
      existsSync(tfjsRatios) ? (JSON.parse(readFileSync(tfjsRatios, 'utf8')) as TfjsRatios) : null,
    ),
    '',
    "### Training memory per method (float32; the engine's accounting, equal to tf.memory() after a step)",
    '',
    memoryTable(manifest),
    '',
    '### PyTorch twin against the TS engine (same recipe, data and seeds)',
    '',
    agreementTable(cells),
    '',
    END,
  ];
  mkdirSync(join(DOCS, 'results'), { recursive: true });
  writeFileSync(join(DOCS, 'results', 'runs.csv'), runsCsv(records.sort(byRunKey)));
  writeFileSync(join(DOCS, 'results', 'summary.json'), JSON.stringify(cells, null, 1) + '\n');
  spliceGenerated(join(DOCS, 'results.md'), parts.join('\n'));
  log(
    `${records.length} runs, ${cells.length} cells -> docs/results.md, docs/results/runs.csv, docs/results/summary.json`,
  );
}

/** runs.csv's order: by engine, model, benchmark, method, rate and seed. */
function byRunKey(a: RunKey, b: RunKey): number {
  return JSON.stringify([a.engine, a.model, a.benchmark, a.method, a.lr, a.seed]) <
    JSON.stringify([b.engine, b.model, b.benchmark, b.method, b.lr, b.seed])
    ? -1
    : 1;
}

type RunKey = Pick<RunRecord, 'engine' | 'model' | 'benchmark' | 'method' | 'lr' | 'seed'>;

/** Replaces what lies between results.md's markers (inclusive) with `generated`; a missing file starts with only the markers. */
function spliceGenerated(mdPath: string, generated: string): void {
  const md = existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : `# Results\n\n${START}\n${END}\n`;
  const a = md.indexOf(START);
  const b = md.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${mdPath} lacks the ${START} / ${END} markers`);
  writeFileSync(mdPath, md.slice(0, a) + generated + md.slice(b + END.length));
}

interface TfjsRatios {
  maxBatches: number | null;
  results: Record<string, Record<string, { ratio: number | null; batches: number }>>;
}

function ratioTable(manifest: ManifestModel[], ts: TfjsRatios | null): string {
  const benches = [
    ...new Set(manifest.flatMap((m) => Object.keys(m.gradientRatio?.byBenchmark ?? {}))),
  ];
  const out = [
    `| checkpoint | engine | ${benches.join(' | ')} |`,
    `|---|---|${benches.map(() => '---|').join('')}`,
  ];
  for (const m of manifest) {
    out.push(
      `| ${m.name} | PyTorch (one epoch) | ${benches.map((b) => m.gradientRatio?.byBenchmark[b]?.toFixed(2) ?? '–').join(' | ')} |`,
    );
    const t = ts?.results[m.name];
    if (t)
      out.push(
        `| ${m.name} | TS engine (${Object.values(t)[0]?.batches ?? '?'} batches) | ${benches.map((b) => t[b]?.ratio?.toFixed(2) ?? '–').join(' | ')} |`,
      );
  }
  return out.join('\n');
}

const methodOrder = (r: Recipe): string[] => [
  ...r.defaultMethods,
  ...Object.keys(r.methods).filter((m) => !r.defaultMethods.includes(m)),
];

/**
 * Finding 3: bytes per parameter of weights + gradients + optimizer state, from the engine's
 * accounting (tests/unit/core/memory.test.ts holds it equal to tf.memory()), for the three
 * optimizers and the freeze-embed variants; a frozen parameter must cost its 4 weight bytes only.
 */
function memoryTable(manifest: ManifestModel[]): string {
  const variants: { label: string; opt: OptimizerConfig; freeze: GroupName[] }[] = [
    { label: 'SGD', opt: defaultOptimizer('sgd'), freeze: [] },
    { label: 'SGD + momentum', opt: defaultOptimizer('sgd-momentum'), freeze: [] },
    { label: 'AdamW', opt: defaultOptimizer('adamw'), freeze: [] },
    { label: 'SGD freeze-embed', opt: defaultOptimizer('sgd-momentum'), freeze: ['embed'] },
    { label: 'SGD freeze-embed, no momentum', opt: defaultOptimizer('sgd'), freeze: ['embed'] },
  ];
  const out = [
    `| checkpoint | parameters (frozen by freeze-embed) | ${variants.map((v) => `${v.label}: bytes (per parameter)`).join(' | ')} | bytes per frozen parameter |`,
    `|---|---|${variants.map(() => '---|').join('')}---|`,
  ];
  for (const e of manifest) {
    const def = buildModel({ ...e.config, numClasses: 10 } as ModelConfig);
    const accs = variants.map((v) => accountMemory(def, v.opt, new Set(v.freeze)));
    const cells = accs.map(
      (acc) =>
        `${(acc.total.weightBytes + acc.total.gradBytes + acc.total.stateBytes).toLocaleString('en-US')} (${acc.bytesPerParam.toFixed(2)})`,
    );
    const fr = accs[3] as (typeof accs)[number];
    const frozen = fr.total.params - fr.total.trainedParams;
    const frozenBytes =
      fr.total.weightBytes +
      fr.total.gradBytes +
      fr.total.stateBytes -
      fr.total.trainedParams * fr.bytesPerTrainedParam;
    out.push(
      `| ${e.name} | ${fr.total.params.toLocaleString('en-US')} (${frozen.toLocaleString('en-US')}) | ${cells.join(' | ')} | ${(frozenBytes / frozen).toFixed(2)} |`,
    );
  }
  return out.join('\n');
}
