/**
 * How far each layer has moved from its starting weights: ||w - w0|| / ||w0|| over the
 * concatenation of the layer's parameters. w0 lives on the host (a Float32Array snapshot) so
 * that it costs no device memory between evaluations; it is uploaded only while measuring.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelInstance } from '../models/instance';

export type Snapshot = ReadonlyMap<string, Float32Array>;

/** Snapshot of the trainable parameters (not buffers), tfjs layout; one readback. */
export function snapshotParams(model: ModelInstance): Promise<Map<string, Float32Array>> {
  return model.readAll(model.def.specs.filter((s) => s.kind === 'param').map((s) => s.name));
}

export async function layerDrift(
  model: ModelInstance,
  w0: Snapshot,
): Promise<Record<string, number>> {
  const layers = model.def.layers;
  const byLayer = new Map<string, string[]>(layers.map((l) => [l, []]));
  for (const s of model.def.specs)
    if (s.kind === 'param' && w0.has(s.name)) byLayer.get(s.layer)?.push(s.name);
  // [2L]: per layer, sum (w - w0)^2 and sum w0^2. One readback.
  const packed = tf.tidy(() => {
    const parts: tf.Tensor[] = [];
    for (const l of layers) {
      let d: tf.Tensor = tf.scalar(0);
      let r: tf.Tensor = tf.scalar(0);
      for (const n of byLayer.get(l) ?? []) {
        const base = tf.tensor(w0.get(n) as Float32Array, model.params(n).shape);
        d = tf.add(d, tf.sum(tf.square(tf.sub(model.params(n), base))));
        r = tf.add(r, tf.sum(tf.square(base)));
      }
      parts.push(d, r);
    }
    return tf.stack(parts);
  });
  let v: Float32Array;
  try {
    v = (await packed.data()) as Float32Array;
  } finally {
    packed.dispose();
  }
  const out: Record<string, number> = {};
  layers.forEach((l, i) => {
    const r = v[2 * i + 1] as number;
    out[l] = r > 0 ? Math.sqrt(v[2 * i] as number) / Math.sqrt(r) : Math.sqrt(v[2 * i] as number);
  });
  return out;
}
