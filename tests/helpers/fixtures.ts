/** Loading the PyTorch golden fixtures (tests/fixtures/parity) into engine terms. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { readSafetensors, toFloat32, type StTensor } from '../../src/core/checkpoint/safetensors';
import { fromStateDict } from '../../src/core/checkpoint/names';
import { ModelInstance } from '../../src/core/models/instance';
import { buildModel } from '../../src/core/models/build-model';
import type { ModelDef } from '../../src/core/models/model';
import type { ModelConfig } from '../../src/spec/model-config';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/parity/', import.meta.url));

/** The trajectory recordings hold every step's tensors (807 at most): over a checkpoint's cap. */
const FIXTURE_MAX_TENSORS = 2000;

export interface Fixture {
  tensors: Map<string, StTensor>;
  meta: Record<string, string>;
  config: ModelConfig;
  def: ModelDef;
}

export function loadFixture(file: string): Fixture {
  const { tensors, metadata } = readSafetensors(new Uint8Array(readFileSync(FIXTURE_DIR + file)), {
    file,
    maxTensors: FIXTURE_MAX_TENSORS,
  });
  const config = JSON.parse(metadata.config as string) as ModelConfig;
  return { tensors, meta: metadata, config, def: buildModel(config) };
}

/** Sub-dict of tensors whose names start with `prefix`, prefix removed. */
export function withPrefix(f: Fixture, prefix: string): Map<string, StTensor> {
  const out = new Map<string, StTensor>();
  for (const [k, v] of f.tensors) if (k.startsWith(prefix)) out.set(k.slice(prefix.length), v);
  return out;
}

export function tensorOf(f: Fixture, name: string): StTensor {
  const t = f.tensors.get(name);
  if (!t) throw new Error(`fixture has no ${name}`);
  return t;
}

export function modelFrom(f: Fixture, prefix = 'param.'): ModelInstance {
  return ModelInstance.fromValues(f.def, fromStateDict(f.def, withPrefix(f, prefix)));
}

/** NCHW torch batch -> NHWC tfjs tensor. */
export function inputNHWC(f: Fixture, name: string): tf.Tensor4D {
  const t = tensorOf(f, name);
  return tf.tidy(() =>
    tf.transpose(
      tf.tensor4d(toFloat32(t), t.shape as [number, number, number, number]),
      [0, 2, 3, 1],
    ),
  );
}

export function labels(f: Fixture, name: string): tf.Tensor1D {
  return tf.tensor1d(Int32Array.from(toFloat32(tensorOf(f, name))), 'int32');
}

/** Norm-wise relative error ||a - b|| / ||b|| (absolute when b is all zeros). */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let d = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    d += ((a[i] as number) - (b[i] as number)) ** 2;
    n += (b[i] as number) ** 2;
  }
  return n > 0 ? Math.sqrt(d / n) : Math.sqrt(d);
}
