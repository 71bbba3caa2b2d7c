/**
 * --report: every run on disk (PyTorch twin and TS engine) -> docs/results/runs.csv,
 * docs/results/summary.json and the generated part of docs/results.md (between the
 * `<!-- generated:start -->` and `<!-- generated:end -->` markers; the reading around them is
 * written by hand).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { accountMemory } from '../../core/metrics/memory';
import { buildModel, type ModelConfig } from '../../core/models/registry';
import { optimizerOf, type Recipe } from './recipe';
import { gapReadings, summarise } from './aggregate';
import { accuracyTables, agreementTable, driftTable, gapTable, runsCsv } from './report';
import { RunStore } from './store';
import type { CheckpointEntry } from './run-one';
import { MODELS_DIR } from './load';

const DOCS = fileURLToPath(new URL('../../../docs/', import.meta.url));
const START = '<!-- generated:start -->';
const END = '<!-- generated:end -->';

interface ManifestModel extends CheckpointEntry {
  gradientRatio?: { byBenchmark: Record<string, number> };
}

export function writeReport(root: string, recipe: Recipe, log: (l: string) => void): void {
  const records = [...new RunStore(join(root, 'torch')).all(), ...new RunStore(join(root, 'tfjs')).all()];
  const cells = summarise(records, recipe.sweepSeed);
  const labels = Object.fromEntries(Object.entries(recipe.methods).map(([k, m]) => [k, m.label]));
  const manifest = (JSON.parse(readFileSync(join(MODELS_DIR, 'manifest.json'), 'utf8')) as { models: ManifestModel[] }).models;
  const tfjsRatios = join(root, 'grad-ratios-tfjs.json');
  const parts = [
    START,
    '',
    '### Accuracy (best-ID epoch; mean ± 90% interval over seeds, %)',
    '',
    accuracyTables(cells, 'torch', labels),
    accuracyTables(cells, 'tfjs', labels),
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
    ratioTable(manifest, existsSync(tfjsRatios) ? (JSON.parse(readFileSync(tfjsRatios, 'utf8')) as TfjsRatios) : null),
    '',
    '### Training memory per method (float32; the engine\'s accounting, equal to tf.memory() after a step)',
    '',
    memoryTable(manifest, recipe),
    '',
    '### PyTorch twin against the TS engine (same recipe, data and seeds)',
    '',
    agreementTable(cells),
    '',
    END,
  ];
  mkdirSync(join(DOCS, 'results'), { recursive: true });
  writeFileSync(join(DOCS, 'results', 'runs.csv'), runsCsv(records.sort((a, b) => (JSON.stringify([a.engine, a.model, a.benchmark, a.method, a.lr, a.seed]) < JSON.stringify([b.engine, b.model, b.benchmark, b.method, b.lr, b.seed]) ? -1 : 1))));
  writeFileSync(join(DOCS, 'results', 'summary.json'), JSON.stringify(cells, null, 1) + '\n');
  const mdPath = join(DOCS, 'results.md');
  const md = existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : `# Results\n\n${START}\n${END}\n`;
  const a = md.indexOf(START);
  const b = md.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${mdPath} lacks the ${START} / ${END} markers`);
  writeFileSync(mdPath, md.slice(0, a) + parts.join('\n') + md.slice(b + END.length));
  log(`${records.length} runs, ${cells.length} cells -> docs/results.md, docs/results/runs.csv, docs/results/summary.json`);
}

interface TfjsRatios {
  maxBatches: number | null;
  results: Record<string, Record<string, { ratio: number | null; batches: number }>>;
}

function ratioTable(manifest: ManifestModel[], ts: TfjsRatios | null): string {
  const benches = [...new Set(manifest.flatMap((m) => Object.keys(m.gradientRatio?.byBenchmark ?? {})))];
  const out = [`| checkpoint | engine | ${benches.join(' | ')} |`, `|---|---|${benches.map(() => '---|').join('')}`];
  for (const m of manifest) {
    out.push(`| ${m.name} | PyTorch (one epoch) | ${benches.map((b) => m.gradientRatio?.byBenchmark[b]?.toFixed(2) ?? '–').join(' | ')} |`);
    const t = ts?.results[m.name];
    if (t) out.push(`| ${m.name} | TS engine (${Object.values(t)[0]?.batches ?? '?'} batches) | ${benches.map((b) => t[b]?.ratio?.toFixed(2) ?? '–').join(' | ')} |`);
  }
  return out.join('\n');
}

function memoryTable(manifest: ManifestModel[], recipe: Recipe): string {
  const methods = recipe.defaultMethods.concat(Object.keys(recipe.methods).filter((m) => !recipe.defaultMethods.includes(m)));
  const out = [`| checkpoint | parameters | ${methods.map((m) => `${m} bytes (per param)`).join(' | ')} |`, `|---|---|${methods.map(() => '---|').join('')}`];
  for (const e of manifest) {
    const def = buildModel({ ...e.config, numClasses: 10 } as ModelConfig);
    const cells = methods.map((id) => {
      const acc = accountMemory(def, optimizerOf(recipe, id, 0.01), new Set(recipe.methods[id]?.freeze ?? []));
      const bytes = acc.total.weightBytes + acc.total.gradBytes + acc.total.stateBytes;
      return `${bytes.toLocaleString('en-US')} (${acc.bytesPerParam.toFixed(2)}; trained ${acc.bytesPerTrainedParam.toFixed(0)}, frozen 4)`;
    });
    out.push(`| ${e.name} | ${def.specs.filter((s) => s.kind === 'param').reduce((a, s) => a + s.shape.reduce((x, y) => x * y, 1), 0).toLocaleString('en-US')} | ${cells.join(' | ')} |`);
  }
  return out.join('\n');
}
