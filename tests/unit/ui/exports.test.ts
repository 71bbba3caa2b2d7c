import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { unzipSync, strFromU8 } from 'fflate';
import { saveCheckpoint } from '../../../src/core/checkpoint/checkpoint';
import { ModelInstance } from '../../../src/core/models/instance';
import { modelConfigOfSize, type Family } from '../../../src/spec/model-config';
import { buildModel } from '../../../src/core/models/build-model';
import { numel } from '../../../src/spec/param-spec';
import { Rng } from '../../../src/core/rng';
import { accountMemory } from '../../../src/spec/memory-account';
import { defaultOptimizer } from '../../../src/spec/optimizer-config';
import type { EvalEvent, StepEvent } from '../../../src/core/train/events';
import { metricsCsv } from '../../../src/ui/export/metrics-csv';
import {
  METRICS_FORMAT,
  metricsJson,
  readMetricsJson,
  type MetricsFile,
} from '../../../src/ui/export/metrics-json';
import { tfjsModelFromSafetensors, tfjsModelZip } from '../../../src/worker/tfjs-model';
import { defaultSettings } from '../../../src/ui/settings/settings-table';
import { resetSession, useStore } from '../../../src/ui/store/store';
import { fakeRunEvents, loadedInfoOf, vitDef } from '../../helpers/fake-run';

import type { MethodHistory } from '../../../src/ui/store/method-history';
const step = (n: number, embed: number | null): StepEvent => ({
  type: 'step',
  step: n,
  epoch: 0,
  totalSteps: 2,
  loss: 2 / n,
  lr: 0.01,
  gradNorms: { perParam: {}, perLayer: {}, perGroup: { embed, body: 2, head: 3 }, total: 4 },
  stepMs: 5,
  imagesPerSec: 6,
});
const evalAt = (n: number): EvalEvent => ({
  type: 'eval',
  step: n,
  epoch: 0,
  id: { n: 4, accuracy: 0.5, reweighted: 0.45 },
  ood: { n: 4, accuracy: 0.25, worstGroup: 0.1 },
  drift: { patch_embed: 0.01 * n, 'blocks.0': 0.002 },
});
const methods: Record<string, MethodHistory> = {
  sgd: { steps: [step(1, 1.5), step(2, 1.25)], evals: [evalAt(0), evalAt(2)] },
  'sgd-freeze': { steps: [step(1, null)], evals: [evalAt(1)] },
};

/** A small CSV reader (quoted fields), enough to check that the file parses. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.trimEnd().split('\n')) {
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i] as string;
      if (quoted && ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        cells.push(cur);
        cur = '';
      } else cur += ch;
    }
    cells.push(cur);
    rows.push(cells);
  }
  return rows;
}

describe('exports', () => {
  it('metrics CSV: a header, one row per step and per evaluation, numbers that parse back', () => {
    const rows = parseCsv(metricsCsv(methods));
    const [header, ...body] = rows as [string[], ...string[][]];
    expect(header.slice(0, 4)).toEqual(['method', 'kind', 'step', 'epoch']);
    expect(header).toContain('grad_norm_embed');
    expect(header).toContain('ood_worst_group');
    expect(header.slice(-2)).toEqual(['drift:patch_embed', 'drift:blocks.0']);
    for (const r of body) expect(r).toHaveLength(header.length);
    expect(body).toHaveLength(2 + 2 + 1 + 1);
    const col = (name: string) => header.indexOf(name);
    const sgdSteps = body.filter((r) => r[0] === 'sgd' && r[1] === 'step');
    expect(sgdSteps.map((r) => Number(r[col('loss')]))).toEqual([2, 1]);
    expect(sgdSteps.map((r) => Number(r[col('grad_norm_embed')]))).toEqual([1.5, 1.25]);
    const frozen = body.find((r) => r[0] === 'sgd-freeze' && r[1] === 'step') as string[];
    expect(frozen[col('grad_norm_embed')]).toBe(''); // frozen: no gradient
    const lastEval = body.filter((r) => r[0] === 'sgd' && r[1] === 'eval').at(-1) as string[];
    expect(Number(lastEval[col('ood_accuracy')])).toBe(0.25);
    expect(Number(lastEval[col('drift:patch_embed')])).toBe(0.02);
    expect(lastEval[col('loss')]).toBe('');
  });

  it('metrics JSON: format tag, config, steps as columns, and every event read back', () => {
    const config = { ...defaultSettings(), seed: 4 };
    const text = metricsJson({
      config,
      hash: '#seed=4',
      loaded: null,
      backend: 'webgpu',
      methods,
      now: new Date(0),
    });
    const f = JSON.parse(text) as MetricsFile;
    expect(f).toMatchObject({
      format: METRICS_FORMAT,
      version: 3,
      exportedAt: '1970-01-01T00:00:00.000Z',
      config: { seed: 4 },
      hash: '#seed=4',
      backend: 'webgpu',
    });
    expect(f.generatedBy.tfjs).toBe(tf.version_core);
    expect(f.methods.sgd?.steps).toMatchObject({
      step: [1, 2],
      loss: [2, 1],
      gradNorm: { perGroup: { embed: [1.5, 1.25], body: [2, 2] } },
    });
    expect(f.methods['sgd-freeze']?.steps.gradNorm.perGroup.embed).toEqual([null]); // frozen
    expect(readMetricsJson(text)).toEqual({
      config,
      hash: '#seed=4',
      loaded: null,
      backend: 'webgpu',
      methods,
    });
  });

  it('metrics JSON is compact: a 2-method, 6-step run in a few hundred KB (3.9 MB before), pictures once each, 6 significant digits, and it reads back', () => {
    const def = vitDef();
    resetSession();
    useStore.getState().apply({ type: 'loaded', requestId: 1, info: loadedInfoOf(def) });
    for (const { e } of fakeRunEvents(def, { methods: ['sgd', 'adamw'], steps: 6, evalEvery: 1 }))
      useStore.getState().apply(e);
    const shown = useStore.getState().methods;
    const text = metricsJson({
      config: defaultSettings(),
      hash: '#',
      loaded: useStore.getState().loaded,
      backend: 'webgpu',
      methods: shown,
    });
    expect(text.length).toBeLessThan(300_000);
    const f = JSON.parse(text) as MetricsFile;
    // First evaluation (shared starting weights: one picture) + the last two of each method.
    expect(Object.keys(f.filters)).toHaveLength(1 + 2 * 2);
    expect(f.methods.sgd?.evals.map((e) => e.filters ?? null)).toEqual([
      'f0',
      null,
      null,
      null,
      null,
      'f1',
      'f2',
    ]);
    expect(f.methods.adamw?.evals[0]?.filters).toBe('f0');
    for (const v of f.methods.sgd?.steps.loss ?? [])
      expect(String(v).replace(/^0\.0*|\.|e.*$/g, '').length).toBeLessThanOrEqual(6);
    const back = readMetricsJson(text).methods;
    for (const id of ['sgd', 'adamw']) {
      const [got, want] = [back[id]!, shown[id]!];
      expect(got.steps.map((s) => s.step)).toEqual(want.steps.map((s) => s.step));
      got.steps.forEach((s, i) => {
        expect(s.loss).toBeCloseTo(want.steps[i]!.loss, 5);
        expect(Object.keys(s.gradNorms.perParam)).toEqual(
          Object.keys(want.steps[i]!.gradNorms.perParam),
        );
      });
      // Pictures are lossless: float32 in, float32 out.
      expect(got.evals.map((e) => e.filters)).toEqual(want.evals.map((e) => e.filters));
    }
  });

  it("metrics JSON memory: each method's own bytes (accounted, and the peak measured over its steps), the whole worker's figure named as such; version 2's reads back", () => {
    const def = vitDef();
    const accounting = accountMemory(def, defaultOptimizer('sgd', 0.01), new Set());
    const worker = { backend: 'webgpu', numTensors: 420, numBytes: 5_900_000 };
    const own = (n: number, bytes: number): StepEvent => ({ ...step(n, 1), trainingBytes: bytes });
    const m: Record<string, MethodHistory> = {
      sgd: {
        steps: [own(1, 1_600_000), own(2, 1_650_000), step(3, 1)],
        evals: [],
        memory: { accounting, measured: worker },
      },
    };
    const f = JSON.parse(
      metricsJson({ config: null, hash: null, loaded: null, backend: 'webgpu', methods: m }),
    ) as MetricsFile;
    const t = accounting.total;
    expect(f.methods.sgd?.memory).toEqual({
      accounting,
      method: {
        accountedBytes: t.weightBytes + t.gradBytes + t.stateBytes,
        measuredPeakBytes: 1_650_000,
      },
      workerAtStart: worker,
    });
    expect(f.methods.sgd?.memory).not.toHaveProperty('measured');
    expect(f.readme.join(' ')).toMatch(/workerAtStart = tf\.memory\(\) of the whole worker/);
    expect(readMetricsJson(JSON.stringify(f)).methods.sgd?.memory).toEqual({
      accounting,
      measured: worker,
    });
    // A version 2 file kept the page's shape (`measured`): it still reads.
    const v2 = {
      ...f,
      version: 2,
      methods: { sgd: { ...f.methods.sgd, memory: { accounting, measured: worker } } },
    };
    expect(readMetricsJson(JSON.stringify(v2)).methods.sgd?.memory).toEqual({
      accounting,
      measured: worker,
    });
  });

  it('metrics JSON of version 1 (every event as the page held it) still reads', () => {
    const v1 = JSON.stringify(
      {
        format: METRICS_FORMAT,
        version: 1,
        exportedAt: '',
        generatedBy: {},
        config: null,
        hash: null,
        loaded: null,
        backend: null,
        methods,
      },
      null,
      1,
    );
    expect(readMetricsJson(v1).methods).toEqual(methods);
    expect(() => readMetricsJson('{"format":"something else"}')).toThrow(/not a metrics file/);
  });

  for (const family of ['vit', 'resnet'] as Family[]) {
    it(`tfjs model of a ${family}: model.json manifest, weights.bin byte length, values equal to the safetensors, and the engine runs them`, async () => {
      const config = { ...modelConfigOfSize(family, 'tiny'), numClasses: 3 };
      const def = buildModel(config);
      const m = ModelInstance.init(def, new Rng(7));
      const bytes = await saveCheckpoint(m, {
        format: 'pt',
        config: JSON.stringify(config),
        method: 'sgd',
        steps: '2',
      });
      const files = tfjsModelFromSafetensors(bytes, {
        labels: ['a', 'b', 'c'],
        hash: '#seed=0',
        now: new Date(0),
      });
      const manifest = files.modelJson.weightsManifest;
      expect(manifest).toHaveLength(1);
      expect(manifest[0]?.paths).toEqual(['weights.bin']);
      expect(manifest[0]?.weights.map((w) => w.name)).toEqual(def.specs.map((s) => s.name));
      const floats = def.specs.reduce((n, s) => n + numel(s.shape), 0);
      expect(files.weightsBin.byteLength).toBe(4 * floats);
      expect(files.metadata).toMatchObject({
        labels: ['a', 'b', 'c'],
        imageSize: 28,
        family,
        method: 'sgd',
        steps: 2,
        link: '#seed=0',
        tfjsVersion: tf.version_core,
      });

      // Through a zip and back, as a user gets it; then tfjs reads the weights with its own decoder.
      const unzipped = unzipSync(tfjsModelZip(files));
      const modelJson = JSON.parse(
        strFromU8(unzipped['model.json'] as Uint8Array),
      ) as typeof files.modelJson;
      const bin = unzipped['weights.bin'] as Uint8Array;
      const named = tf.io.decodeWeights(bin.slice().buffer, modelJson.weightsManifest[0]!.weights);
      const original = await m.readAll();
      const values = new Map<string, Float32Array>();
      for (const s of def.specs) {
        const t = named[s.name] as tf.Tensor;
        expect(t.shape).toEqual([...s.shape]);
        const v = (await t.data()) as Float32Array;
        expect(Array.from(v)).toEqual(Array.from(original.get(s.name) as Float32Array));
        values.set(s.name, v);
      }
      tf.dispose(Object.values(named));
      const rebuilt = ModelInstance.fromValues(buildModel(modelJson.modelTopology.config), values);
      const x = tf.randomUniform([2, 28, 28, 3], -1, 1, 'float32', 1) as tf.Tensor4D;
      const a = def.forward(m.params, x, false).logits;
      const b = rebuilt.def.forward(rebuilt.params, x, false).logits;
      expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
      tf.dispose([x, a, b]);
      m.dispose();
      rebuilt.dispose();
    });
  }
});
