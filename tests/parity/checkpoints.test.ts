/**
 * The shipped checkpoints (public/models) against PyTorch (fixtures from
 * tools/pretrain/make_checkpoint_fixtures.py): each loads in the engine with its manifest
 * config and gives PyTorch's logits on a fixed batch within 1e-4 (norm-wise relative error),
 * in eval and train mode; with a fresh 10-class head its per-layer gradient norms (the paper's
 * statistic, the engine's measureGradNorms) match PyTorch's within 1e-3; the manifest's
 * sha256, sizes, parameter counts and configs are true.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadCheckpoint } from '../../src/core/checkpoint/checkpoint';
import { readSafetensors, toFloat32, type StTensor } from '../../src/core/checkpoint/safetensors';
import { buildModel } from '../../src/core/models/build-model';
import { Rng } from '../../src/core/rng';
import { relErr } from '../helpers/fixtures';
import { expectEntryTrue, readManifest, type CheckpointEntry } from './checkpoint-manifest';
import { expectNormsMatch, get, nhwc, taskGradNorms } from './task-grad-norms';
import { defaultModelConfig } from '../../src/spec/model-config';

const MODELS_DIR = fileURLToPath(new URL('../../public/models/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/checkpoints/', import.meta.url));
const MAX_TOTAL_BYTES = 15 * 1024 * 1024;

interface ManifestEntry extends CheckpointEntry {
  family: string;
  embedShare: number;
  accuracy: { train: number; heldout: number };
}

const manifest = readManifest<ManifestEntry>(MODELS_DIR);

function st(
  dir: string,
  file: string,
): { tensors: Map<string, StTensor>; metadata: Record<string, string> } {
  return readSafetensors(new Uint8Array(readFileSync(dir + file)), { file });
}

const inputs = st(FIXTURES, 'inputs.safetensors').tensors;

describe('shipped checkpoints: manifest', () => {
  it('lists the four pretrainings, under 15 MB in all', () => {
    expect(manifest.models.map((m) => m.name).sort()).toEqual([
      'convnext-adamw',
      'resnet-adamw',
      'resnet-sgd',
      'vit-adamw',
    ]);
    const total = manifest.models.reduce((s, m) => s + m.bytes, 0);
    expect(manifest.totalBytes).toBe(total);
    expect(total).toBeLessThan(MAX_TOTAL_BYTES);
  });
});

describe.each(manifest.models.map((m) => [m.name, m] as const))('%s', (_name, entry) => {
  const bytes = new Uint8Array(readFileSync(MODELS_DIR + entry.file));
  const fx = st(FIXTURES, `${entry.name}.safetensors`);

  it('matches its manifest entry: sha256, size, engine default config (20 classes), parameter counts', () => {
    expect(
      fx.metadata.checkpointSha256,
      'fixture made from another checkpoint: rerun make_checkpoint_fixtures.py',
    ).toBe(entry.sha256);
    expect(entry.config).toEqual(defaultModelConfig(entry.config.family, { numClasses: 20 }));
    expectEntryTrue(entry, bytes);
  });

  it('loads in the engine and gives PyTorch logits (eval and train mode) within 1e-4', async () => {
    const def = buildModel(entry.config);
    const { model } = loadCheckpoint(def, bytes, new Rng(0), { what: entry.file });
    const x = nhwc(get(inputs, 'input'));
    const [evalLogits, trainLogits] = tf.tidy(() => {
      const train = def.forward(model.params, x, true);
      for (const b of train.bufferUpdates.values()) b.dispose();
      return [def.forward(model.params, x, false).logits, train.logits];
    });
    expect(relErr(await evalLogits.data(), toFloat32(get(fx.tensors, 'eval_logits')))).toBeLessThan(
      1e-4,
    );
    expect(
      relErr(await trainLogits.data(), toFloat32(get(fx.tensors, 'train_logits'))),
    ).toBeLessThan(1e-4);
    tf.dispose([x, evalLogits, trainLogits]);
    model.dispose();
  });

  it('with a fresh 10-class head: per-layer gradient norms and the embed/middle ratio match PyTorch', async () => {
    const def = buildModel({ ...entry.config, numClasses: 10 });
    const perLayer = await taskGradNorms(def, bytes, entry.file, fx.tensors, inputs);
    expectNormsMatch(def, perLayer, fx);
  });
});
