/**
 * A short speed probe of the active tfjs backend: a small training step (matmuls, LayerNorm,
 * GELU, softmax cross-entropy, backward, an update) of the micro models' width, timed after a
 * warm-up. Why: on a software WebGPU adapter (SwiftShader, isFallbackAdapter) every kernel is a
 * CPU-emulated dispatch, and the micro models' hundreds of small kernels run several times
 * slower than on tfjs's CPU backend (measured: the old lesson's SGD took 349 s there against
 * 55 s on CPU). The probe decides between them on the machine at hand instead of guessing.
 */
import * as tf from '@tensorflow/tfjs-core';
import { gelu } from '../core/models/ops';

/** Median wall milliseconds of one probe step (after `warmup` untimed steps). */
export async function probeStepMs(opts: { warmup?: number; reps?: number } = {}): Promise<number> {
  const warmup = opts.warmup ?? 2;
  const reps = opts.reps ?? 3;
  // [B*T, D] tokens of a batch of 8 micro-ViT images, a 4x MLP and a 10-way head.
  const x = tf.randomNormal([136, 64], 0, 1, 'float32', 1);
  const y = tf.tidy(() =>
    tf.oneHot(
      tf.tensor1d(
        Array.from({ length: 136 }, (_, i) => i % 10),
        'int32',
      ),
      10,
    ),
  );
  const w1 = tf.tidy(() => tf.variable(tf.randomNormal([64, 256], 0, 0.05, 'float32', 2))); // tidy frees the initial value
  const w2 = tf.tidy(() => tf.variable(tf.randomNormal([256, 64], 0, 0.05, 'float32', 3))); // tidy frees the initial value
  const wh = tf.tidy(() => tf.variable(tf.randomNormal([64, 10], 0, 0.05, 'float32', 4))); // tidy frees the initial value
  const step = async (): Promise<number> => {
    const t0 = performance.now();
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const { mean, variance } = tf.moments(x, -1, true);
        const h = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-6)));
        const m = tf.matMul(gelu(tf.matMul(h, w1)), w2); // the models' exact GELU (models/ops.ts)
        const logits = tf.matMul(tf.add(h, m), wh);
        return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits)), -1)));
      });
      for (const [v, g] of [
        [w1, grads[w1.name]],
        [w2, grads[w2.name]],
        [wh, grads[wh.name]],
      ] as const)
        if (g) v.assign(tf.sub(v, tf.mul(g, 1e-3)));
      return value;
    });
    await loss.data(); // the GPU -> CPU sync point a real step has once
    loss.dispose();
    return performance.now() - t0;
  };
  try {
    for (let i = 0; i < warmup; i++) await step();
    const times: number[] = [];
    for (let i = 0; i < reps; i++) times.push(await step());
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)] as number;
  } finally {
    tf.dispose([x, y, w1, w2, wh]);
  }
}

/** Whether a WebGPU adapter is a software fallback (its own flag, or a known software renderer's name). */
export function isSoftwareAdapter(
  adapter: { isFallbackAdapter?: boolean; info?: { isFallbackAdapter?: boolean } },
  described: Record<string, string | undefined>,
): boolean {
  if (adapter.isFallbackAdapter === true || adapter.info?.isFallbackAdapter === true) return true;
  return isSoftwareRenderer(Object.values(described).join(' '));
}

/** Whether a GPU renderer's name is a known CPU rasteriser (WebGPU adapters and WebGL renderers alike). */
export function isSoftwareRenderer(name: string): boolean {
  return /swiftshader|llvmpipe|lavapipe|basic render|\bwarp\b|software/i.test(name);
}
