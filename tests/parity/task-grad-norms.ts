/**
 * Shared by the checkpoint parity tests (checkpoints.test.ts, family.test.ts): a checkpoint
 * loaded with the fixture's fresh head, then the engine's per-layer gradient norms on the
 * fixture's task batch, and their comparison with the PyTorch twin's.
 */
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { loadCheckpoint } from '../../src/core/checkpoint/checkpoint';
import { fromStateDict } from '../../src/core/checkpoint/names';
import { toFloat32, type StTensor } from '../../src/core/checkpoint/safetensors';
import type { ModelDef } from '../../src/core/models/model';
import { Rng } from '../../src/core/rng';
import { embedToMaxMiddleRatio } from '../../src/core/metrics/grad-norms';
import { measureGradNorms } from '../../src/core/train/step';
import { relErr } from '../helpers/fixtures';

export function get(tensors: Map<string, StTensor>, name: string): StTensor {
  const t = tensors.get(name);
  if (!t) throw new Error(`fixture has no ${name}`);
  return t;
}

/** NCHW float32 fixture tensor -> NHWC tfjs tensor. */
export function nhwc(t: StTensor): tf.Tensor4D {
  return tf.tidy(() =>
    tf.transpose(
      tf.tensor4d(toFloat32(t), t.shape as [number, number, number, number]),
      [0, 2, 3, 1],
    ),
  );
}

/** `bytes` (the checkpoint `file`) with the fixture's `head.*` tensors as its head; the gradient norms per layer on the task batch. */
export async function taskGradNorms(
  def: ModelDef,
  bytes: Uint8Array,
  file: string,
  fixture: Map<string, StTensor>,
  inputs: Map<string, StTensor>,
): Promise<Record<string, number | null>> {
  const isHead = (n: string): boolean =>
    def.groupOfLayer.get(def.specs.find((s) => s.name === n)?.layer ?? '') === 'head';
  const { model } = loadCheckpoint(def, bytes, new Rng(0), { what: file, skip: isHead });
  const heads = new Map<string, StTensor>();
  for (const [k, v] of fixture) if (k.startsWith('head.')) heads.set(k.slice('head.'.length), v);
  model.assign(fromStateDict(def, heads, { skip: (n) => !isHead(n), what: 'fixture head' }));
  const x = nhwc(get(inputs, 'task_input'));
  const y = tf.tensor1d(Int32Array.from(toFloat32(get(inputs, 'task_labels'))), 'int32');
  try {
    return (await measureGradNorms(model, x, y)).gradNorms.perLayer;
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}

/**
 * The fixture's layers are the model's, and the engine's per-layer norms (`perLayer`) and its
 * embedding / largest-middle ratio match the fixture's PyTorch ones within 1e-3.
 */
export function expectNormsMatch(
  def: ModelDef,
  perLayer: Record<string, number | null>,
  fx: { tensors: Map<string, StTensor>; metadata: Record<string, string> },
): void {
  const layers = JSON.parse(fx.metadata.layers as string) as string[];
  expect(layers).toEqual([...def.layers]);
  const ours = layers.map((l) => perLayer[l] ?? Number.NaN);
  expect(relErr(ours, toFloat32(get(fx.tensors, 'grad_norms')))).toBeLessThan(1e-3);
  const ratio = embedToMaxMiddleRatio(def, perLayer) ?? Number.NaN;
  expect(Math.abs(ratio - (toFloat32(get(fx.tensors, 'ratio'))[0] as number))).toBeLessThan(
    1e-3 * ratio,
  );
}
