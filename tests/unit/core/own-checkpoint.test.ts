/**
 * "Bring your own checkpoint" below the page: which architecture a user's file is
 * (core/checkpoint/identify.ts, through the one strict reader and checkAgainstSpec), the
 * worker's check (its reply: the fit and SHA-256, or the refusal's message) and the load
 * (the head kept when it fits the task, the bytes checked against the hash).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { saveCheckpoint } from '../../../src/core/checkpoint/checkpoint';
import { CheckpointError } from '../../../src/core/checkpoint/checkpoint-error';
import { identifyCheckpoint } from '../../../src/core/checkpoint/identify';
import { readSafetensors, serializeSafetensors } from '../../../src/core/checkpoint/safetensors';
import { sha256Hex } from '../../../src/core/checkpoint/sha256';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel } from '../../../src/core/models/build-model';
import { Rng } from '../../../src/core/rng';
import { modelConfigOfSize, type ModelConfig } from '../../../src/spec/model-config';
import type { OwnCheckpointSource } from '../../../src/protocol/messages';
import { BadCheckpointError } from '../../../src/worker/faults';
import { loadIdentity } from '../../../src/worker/load-identity';
import {
  candidateConfigs,
  checkCheckpoint,
  loadOwnModel,
} from '../../../src/worker/own-checkpoint';

const shipped = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(`public/models/${name}.safetensors`));
const tinyConvnext = { ...modelConfigOfSize('convnext', 'tiny'), numClasses: 10 } as ModelConfig;

async function saved(
  config: ModelConfig,
  seed = 3,
): Promise<{ bytes: Uint8Array; weights: Map<string, Float32Array> }> {
  const m = ModelInstance.init(buildModel(config), new Rng(seed));
  const bytes = await saveCheckpoint(m, { method: 'sgd', steps: '4' });
  const weights = await m.readAll();
  m.dispose();
  return { bytes, weights };
}

/** The file with one tensor's header entry and data changed by `edit` (and the file rewritten). */
function edited(
  bytes: Uint8Array,
  edit: (
    t: Map<
      string,
      ReturnType<typeof readSafetensors>['tensors'] extends Map<string, infer T> ? T : never
    >,
  ) => void,
): Uint8Array {
  const st = readSafetensors(bytes, { maxTensors: 500 });
  edit(st.tensors);
  return serializeSafetensors(st.tensors, st.metadata);
}

const refusal = (f: () => unknown): CheckpointError => {
  try {
    f();
  } catch (e) {
    if (e instanceof CheckpointError) return e;
    throw e;
  }
  throw new Error('not refused');
};

describe('identifyCheckpoint', () => {
  const all = candidateConfigs([]);

  it('finds the shipped checkpoints: a micro ViT and a micro ResNet, their 20-class heads', () => {
    const vit = identifyCheckpoint(shipped('vit-adamw'), 'vit-adamw.safetensors', all);
    expect(vit.config).toMatchObject({ family: 'vit', dim: 64, depth: 4, numClasses: 20 });
    expect(vit.headClasses).toBe(20);
    const resnet = identifyCheckpoint(shipped('resnet-sgd'), 'resnet-sgd.safetensors', all);
    expect(resnet.config.family).toBe('resnet');
    expect(resnet.headClasses).toBe(20);
  });

  it("finds a tiny ConvNeXt with a task's 10-class head, and keeps its metadata", async () => {
    const { bytes } = await saved(tinyConvnext);
    const found = identifyCheckpoint(bytes, 'mine.safetensors', all);
    expect(found.config).toEqual(tinyConvnext);
    expect(found.headClasses).toBe(10);
    expect(found.metadata).toMatchObject({ method: 'sgd', steps: '4' });
  });

  it('a head that does not fit (a missing bias) is no refusal: a fresh head, headClasses null', async () => {
    const { bytes } = await saved(tinyConvnext);
    const found = identifyCheckpoint(
      edited(bytes, (t) => t.delete('head.fc.bias')),
      'mine.safetensors',
      all,
    );
    expect(found.config.family).toBe('convnext');
    expect(found.headClasses).toBeNull();
  });

  it('lists every mismatching name and shape against the closest architecture', () => {
    const bad = edited(shipped('vit-adamw'), (t) => {
      const pos = t.get('pos_embed');
      t.delete('pos_embed');
      t.set('position_embedding', pos as NonNullable<typeof pos>);
      const w = t.get('blocks.0.attn.qkv.weight');
      if (w)
        t.set('blocks.0.attn.qkv.weight', {
          ...w,
          shape: [96, 128],
          data: w.data.slice(0, 96 * 128) as Float32Array,
        });
    });
    const e = refusal(() => identifyCheckpoint(bad, 'other.safetensors', all));
    expect(e.file).toBe('other.safetensors');
    expect(e.message).toMatch(/^other\.safetensors does not fit this vit/);
    expect(e.message).toContain('this vit has no tensor "position_embedding"');
    expect(e.message).toContain('needs "pos_embed", which the file lacks');
    expect(e.message).toContain(
      'blocks.0.attn.qkv.weight has shape [96, 128], the model expects [192, 64]',
    );
  });

  it('refuses NaN and Inf, naming the tensor (rule finite)', () => {
    for (const v of [NaN, Infinity]) {
      const bad = edited(shipped('vit-adamw'), (t) =>
        (t.get('patch_embed.proj.weight')?.data as Float32Array).fill(v, 5, 6),
      );
      const e = refusal(() => identifyCheckpoint(bad, 'nan.safetensors', all));
      expect([e.rule, e.tensor]).toEqual(['finite', 'patch_embed.proj.weight']);
      expect(e.message).toMatch(/NaN or Inf/);
    }
  });

  it('refuses integer dtypes for float weights (rule dtype-role) and bad offsets (the reader)', () => {
    const ints = edited(shipped('vit-adamw'), (t) => {
      const w = t.get('cls_token');
      if (w)
        t.set('cls_token', {
          dtype: 'I32',
          shape: w.shape,
          data: Int32Array.from(w.data as Float32Array, Math.round),
        });
    });
    expect(refusal(() => identifyCheckpoint(ints, 'int.safetensors', all)).message).toContain(
      'cls_token is I32, where a float weight (F32 or F64) is expected',
    );
    const off = shipped('vit-adamw').slice();
    const hlen = Number(new DataView(off.buffer).getBigUint64(0, true));
    // The first tensor now starts 8 bytes in (the header's length unchanged): a gap, and a size that no longer fits.
    const header = new TextDecoder()
      .decode(off.subarray(8, 8 + hlen))
      .replace('"data_offsets":[0,', '"data_offsets":[8,');
    off.set(new TextEncoder().encode(header), 8);
    expect(['offsets', 'size', 'layout']).toContain(
      refusal(() => identifyCheckpoint(off, 'off.safetensors', all)).rule,
    );
  });
});

describe('the worker: check-checkpoint and the own load', () => {
  it('answers a fit with the file SHA-256, or the refusal as its error (never thrown)', async () => {
    const bytes = shipped('vit-adamw');
    const ok = await checkCheckpoint({
      type: 'check-checkpoint',
      requestId: 4,
      file: 'v.safetensors',
      bytes: bytes.slice().buffer,
      candidates: [],
    });
    expect(ok.fit).toMatchObject({
      file: 'v.safetensors',
      sha256: await sha256Hex(bytes),
      headClasses: 20,
      bytes: bytes.byteLength,
    });
    const nan = edited(bytes, (t) => (t.get('head.bias')?.data as Float32Array).fill(NaN));
    const bad = await checkCheckpoint({
      type: 'check-checkpoint',
      requestId: 5,
      file: 'nan.safetensors',
      bytes: nan.slice().buffer,
      candidates: [],
    });
    expect(bad.requestId).toBe(5);
    expect(bad.fit).toBeUndefined();
    expect(bad.error).toMatch(/^nan\.safetensors, tensor "head\.bias": .*NaN or Inf/);
  });

  it('keeps a head that fits the task, makes a fresh seeded one otherwise, and refuses other bytes', async () => {
    const { bytes, weights } = await saved(tinyConvnext);
    const src: OwnCheckpointSource = {
      kind: 'own',
      file: 'mine.safetensors',
      sha256: await sha256Hex(bytes),
      config: tinyConvnext,
      bytes: bytes.slice().buffer,
      seed: 1,
    };
    const kept = await loadOwnModel(src, 10);
    expect(kept.headKept).toBe(true);
    expect(Array.from(kept.weights.get('head.fc.weight') as Float32Array)).toEqual(
      Array.from(weights.get('head.fc.weight') as Float32Array),
    );
    const fresh = await loadOwnModel(src, 4);
    expect(fresh.headKept).toBe(false);
    expect(fresh.weights.get('head.fc.bias')?.length).toBe(4);
    expect(Array.from(fresh.weights.get('stem.0.weight') as Float32Array)).toEqual(
      Array.from(weights.get('stem.0.weight') as Float32Array),
    );
    const other = (await saved(tinyConvnext, 9)).bytes;
    await expect(loadOwnModel({ ...src, bytes: other.slice().buffer }, 10)).rejects.toBeInstanceOf(
      BadCheckpointError,
    );
  });

  it("a load's identity names an own checkpoint by its hash, not by its bytes", async () => {
    const data = { benchmark: 'style', seed: 1 };
    const src = (sha256: string, fill: number): OwnCheckpointSource => ({
      kind: 'own',
      file: 'a.safetensors',
      sha256,
      config: tinyConvnext,
      bytes: new Uint8Array(8).fill(fill).buffer,
      seed: 1,
    });
    expect(await loadIdentity(src('a'.repeat(64), 1), data)).toBe(
      await loadIdentity(src('a'.repeat(64), 2), data),
    );
    expect(await loadIdentity(src('a'.repeat(64), 1), data)).not.toBe(
      await loadIdentity(src('b'.repeat(64), 1), data),
    );
  });
});
