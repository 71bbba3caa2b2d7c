import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadCheckpoint, saveCheckpoint } from '../../../src/core/checkpoint/checkpoint';
import { readSafetensors, serializeSafetensors } from '../../../src/core/checkpoint/safetensors';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel } from '../../../src/core/models/build-model';
import { Rng } from '../../../src/core/rng';
import { defaultModelConfig, FAMILIES } from '../../../src/spec/model-config';

const small = {
  vit: { dim: 16, depth: 1, heads: 2, imageSize: 14 },
  convnext: { dims: [8, 16], depths: [1, 1], imageSize: 16 },
  resnet: { widths: [4, 8], blocks: [1, 1], imageSize: 14 },
} as const;

describe.each(FAMILIES)('checkpoints (%s)', (family) => {
  const def = buildModel(defaultModelConfig(family, small[family]));

  it('round-trips through safetensors in PyTorch layout with identical logits', async () => {
    const a = ModelInstance.init(def, new Rng(5));
    const bytes = await saveCheckpoint(a, { note: 'test' });
    const { model: b, metadata } = loadCheckpoint(def, bytes, new Rng(99));
    expect(metadata.note).toBe('test');
    const x = tf.randomNormal([2, ...def.inputShape], 0, 1, 'float32', 3) as tf.Tensor4D;
    const la = tf.tidy(() => a.def.forward(a.params, x, false).logits);
    const lb = tf.tidy(() => b.def.forward(b.params, x, false).logits);
    expect(Array.from(await lb.data())).toEqual(Array.from(await la.data()));
    tf.dispose([x, la, lb]);
    a.dispose();
    b.dispose();
  });

  it('re-initialises a skipped head (new task) from the seed', async () => {
    const a = ModelInstance.init(def, new Rng(5));
    const bytes = await saveCheckpoint(a);
    const headOf = (n: string): boolean => a.group(n) === 'head';
    const { model: b } = loadCheckpoint(def, bytes, new Rng(1), { skip: headOf });
    const { model: c } = loadCheckpoint(def, bytes, new Rng(1), { skip: headOf });
    const [wa, wb, wc] = await Promise.all([a.readAll(), b.readAll(), c.readAll()]);
    const body = def.specs.find((s) => a.group(s.name) === 'body')?.name as string;
    expect(Array.from(wb.get(body) as Float32Array)).toEqual(
      Array.from(wa.get(body) as Float32Array),
    );
    const head = def.specs.find((s) => headOf(s.name) && s.layout !== 'plain')?.name as string;
    expect(Array.from(wb.get(head) as Float32Array)).toEqual(
      Array.from(wc.get(head) as Float32Array),
    );
    [a, b, c].forEach((m) => m.dispose());
  });
});

describe('checkpoint errors are clear', () => {
  const def = buildModel(defaultModelConfig('vit', small.vit));
  const bytesP = (async () => {
    const m = ModelInstance.init(def, new Rng(5));
    const b = await saveCheckpoint(m);
    m.dispose();
    return b;
  })();

  it('a truncated file', async () => {
    const bytes = await bytesP;
    expect(() => loadCheckpoint(def, bytes.subarray(0, bytes.length - 100), new Rng(1))).toThrow(
      /truncated/,
    );
    expect(() => loadCheckpoint(def, bytes.subarray(0, 4), new Rng(1))).toThrow(/too short/);
    expect(() =>
      loadCheckpoint(def, new TextEncoder().encode('not a checkpoint at all'), new Rng(1)),
    ).toThrow(/truncated or not a safetensors|unreadable|over the cap/);
  });

  it('unknown and missing names, and a wrong shape', async () => {
    const f = readSafetensors(await bytesP);
    const extra = new Map(f.tensors);
    extra.set('blocks.7.attn.qkv.weight', { dtype: 'F32', shape: [2], data: new Float32Array(2) });
    expect(() => loadCheckpoint(def, serializeSafetensors(extra), new Rng(1))).toThrow(
      /has no tensor "blocks\.7\.attn\.qkv\.weight"/,
    );
    const missing = new Map(f.tensors);
    missing.delete('norm.weight');
    expect(() => loadCheckpoint(def, serializeSafetensors(missing), new Rng(1))).toThrow(
      /needs "norm\.weight", which the file lacks/,
    );
    const wrong = new Map(f.tensors);
    wrong.set('head.weight', { dtype: 'F32', shape: [3, 16], data: new Float32Array(48) });
    expect(() => loadCheckpoint(def, serializeSafetensors(wrong), new Rng(1))).toThrow(
      /head\.weight has shape \[3, 16\], the model expects \[10, 16\]/,
    );
  });
});
