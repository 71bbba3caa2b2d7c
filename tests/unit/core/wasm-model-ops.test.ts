/**
 * The wasm model-op family (cpu-kernels/wasm-model-ops.ts) against tfjs's generic path on
 * wasm (the family taken off: tfjs's own BatchMatMul and Transpose, the generic LayerNorm and
 * bias ops): each op's value and gradients alone, whole default models' loss and
 * gradients, the transpose bit-exact, and no tensor leaked over training steps.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/cli/node-backend';
import { unregisterWasmModelOps } from '../../../src/core/cpu-kernels/wasm-model-ops';
import { collapsePermute } from '../../../src/core/cpu-kernels/wasm-transpose';
import { registerEngineKernels } from '../../../src/core/register-kernels';
import { served } from '../../../src/core/kernel-paths';
import { affine, layerNorm, linear } from '../../../src/core/models/ops';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel } from '../../../src/core/models/build-model';
import { lossAndGrads, trainStep } from '../../../src/core/train/step';
import { createOptimizer } from '../../../src/core/optim/create';
import { trainedParams } from '../../../src/core/optim/param-groups';
import { Rng } from '../../../src/core/rng';
import { defaultModelConfig, type Family } from '../../../src/spec/model-config';
import { defaultOptimizer } from '../../../src/spec/optimizer-config';

afterAll(async () => {
  registerEngineKernels();
  await useBackend('cpu');
});

const normal = (shape: number[], seed: number): tf.Tensor => {
  const rng = new Rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: n }, () => rng.normal()),
    shape,
  );
};

/** max |a - b| over the largest |b|: float32 rounding of one op is ~1e-7 of its magnitude. */
const maxRel = (a: Float32Array, b: Float32Array): number => {
  let d = 0;
  let m = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs((a[i] as number) - (b[i] as number)));
    m = Math.max(m, Math.abs(b[i] as number));
  }
  return d / m;
};

/** `run`'s outputs (read back) with the family on (fused) and off (generic), on wasm. */
async function fusedAndGeneric(run: () => tf.Tensor[]): Promise<[Float32Array[], Float32Array[]]> {
  await useBackend('wasm'); // registers the family
  const read = async (): Promise<Float32Array[]> => {
    const outs = tf.tidy(run);
    const vals = await Promise.all(outs.map((t) => t.data() as Promise<Float32Array>));
    tf.dispose(outs);
    return vals;
  };
  expect(served('wasmModelOps')).toBe(true);
  const fused = await read();
  unregisterWasmModelOps();
  expect(served('wasmModelOps')).toBe(false);
  const generic = await read();
  registerEngineKernels();
  return [fused, generic];
}

/** f(x, ...params) and the gradients of sum(f * r) for x and each param. */
const withGrads = (f: (...t: tf.Tensor[]) => tf.Tensor, inputs: tf.Tensor[]) => (): tf.Tensor[] => {
  const y = f(...inputs);
  const r = normal(y.shape, 99);
  const g = tf.grads((...t: tf.Tensor[]) => tf.sum(tf.mul(f(...t), r)))(inputs);
  return [y, ...g];
};

const params = (entries: Record<string, tf.Tensor>) => (name: string) => {
  const t = entries[name];
  if (!t) throw new Error(`no parameter ${name}`);
  return t;
};

describe('wasm model ops against the generic path on wasm', () => {
  const cases: [string, () => () => tf.Tensor[]][] = [
    ...(
      [
        [16, 17, 64],
        [16, 14, 14, 24],
        [16, 96],
      ] as number[][]
    ).map((s): [string, () => () => tf.Tensor[]] => [
      `layerNorm [${s}]`,
      () => {
        const d = s[s.length - 1] as number;
        const [g, b] = [tf.add(normal([d], 2), 1), normal([d], 3)];
        const f = (x: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) =>
          layerNorm(params({ 'n.weight': gg, 'n.bias': bb }), 'n', x, 1e-6);
        return withGrads(f, [tf.add(tf.mul(normal(s, 1), 3), 0.5), g, b]);
      },
    ]),
    [
      'affine [272, 64] x [64, 192]',
      () =>
        withGrads(
          (x, w, b) => affine(x as tf.Tensor2D, w as tf.Tensor2D, b),
          [normal([272, 64], 6), normal([64, 192], 7), normal([192], 8)],
        ),
    ],
    [
      'linear [16, 17, 64] x [64, 256]',
      () =>
        withGrads(
          (x, w, b) => linear(params({ 'l.weight': w, 'l.bias': b }), 'l', x),
          [normal([16, 17, 64], 9), normal([64, 256], 10), normal([256], 11)],
        ),
    ],
  ];
  it.each(cases)('%s: value and gradients within float32 rounding', async (_name, make) => {
    const [fused, generic] = await fusedAndGeneric(make());
    expect(fused.length).toBe(generic.length);
    // One op alone: the value and dx within 1e-6 of the output's largest magnitude (the WGSL
    // kernels' tolerance); the matmuls sum in XNNPACK's order against tfjs's loop: 2e-6. The
    // parameter gradients reduce over every row (3,136 for the ConvNeXt's LayerNorm), which the
    // generic path sums in float32 and ours in float64: 3e-6 (seen: 1.2e-6).
    const mm = _name.startsWith('affine') || _name.startsWith('linear');
    fused.forEach((f, i) => {
      const tol = i >= 2 ? 3e-6 : mm ? 2e-6 : 1e-6;
      expect(maxRel(f, generic[i] as Float32Array), `output ${i}`).toBeLessThan(tol);
    });
  });

  it.each(['vit', 'convnext'] as Family[])(
    '%s: loss and every gradient of a default model within 3e-6',
    async (family) => {
      const run = (): tf.Tensor[] => {
        const def = buildModel(defaultModelConfig(family));
        const model = ModelInstance.init(def, new Rng(1));
        const [h, w, c] = def.inputShape;
        const x = normal([4, h, w, c], 12) as tf.Tensor4D;
        const y = tf.tensor1d([0, 1, 2, 3], 'int32');
        const names = model.trainableNames(new Set());
        const lg = lossAndGrads(model, names, x, y, true);
        const outs = [lg.loss, ...names.map((n) => lg.grads.get(n) as tf.Tensor)];
        model.dispose();
        return outs;
      };
      const [fused, generic] = await fusedAndGeneric(run);
      fused.forEach((f, i) =>
        expect(maxRel(f, generic[i] as Float32Array), `output ${i}`).toBeLessThan(3e-6),
      );
    },
  );

  it('the JS transpose is bit-exact, rank 2 to 6, and collapses kept neighbours', async () => {
    expect(collapsePermute([16, 17, 3, 4, 16], [2, 0, 3, 1, 4])).toEqual({
      shape: [16, 17, 3, 4, 16],
      perm: [2, 0, 3, 1, 4],
    });
    expect(collapsePermute([2, 1, 3, 4], [0, 2, 3, 1])).toEqual({ shape: [2, 12], perm: [0, 1] });
    const perms: [number[], number[]][] = [
      [
        [16, 17, 3, 4, 16],
        [2, 0, 3, 1, 4],
      ],
      [
        [3, 16, 4, 17, 16],
        [1, 3, 0, 2, 4],
      ],
      [
        [2, 4, 7, 4, 7, 3],
        [0, 1, 3, 2, 4, 5],
      ],
      [
        [5, 6, 7, 8],
        [3, 1, 0, 2],
      ],
      [
        [33, 17],
        [1, 0],
      ],
    ];
    for (const [s, p] of perms) {
      const x = normal(s, 13);
      const [[fused], [generic]] = await fusedAndGeneric(() => [tf.transpose(x, p)]);
      expect(Array.from(fused as Float32Array)).toEqual(Array.from(generic as Float32Array));
    }
  });

  it('keeps tensors flat over AdamW steps of the default ViT and ConvNeXt', async () => {
    await useBackend('wasm');
    for (const family of ['vit', 'convnext'] as Family[]) {
      const model = ModelInstance.init(buildModel(defaultModelConfig(family)), new Rng(1));
      const cfg = defaultOptimizer('adamw', 1e-3);
      const opt = createOptimizer(cfg);
      const ps = [...trainedParams(model, new Set(), cfg)];
      const [h, w, c] = model.def.inputShape;
      const x = normal([4, h, w, c], 14) as tf.Tensor4D;
      const y = tf.tensor1d([0, 1, 2, 3], 'int32');
      const counts: number[] = [];
      for (let i = 0; i < 4; i++) {
        await trainStep(model, opt, ps, x, y, 1e-3, { step: i });
        counts.push(tf.memory().numTensors);
      }
      expect(new Set(counts.slice(1)).size, `${family}: ${counts}`).toBe(1);
      tf.dispose([x, y]);
      opt.dispose();
      model.dispose();
    }
  });
});
