/**
 * A load's identity (LoadedInfo.loadId): a digest of what was asked for, the model source and
 * the data source, the user's own images by their bytes. Loading is deterministic (a seeded
 * head, benchmarks built purely from their options), so equal requests load equal weights and
 * data, and get equal ids: a Load of the same settings again leaves a run's exports valid,
 * while a Load of other weights or data makes the worker refuse to describe them as the run's
 * (export-project.ts).
 */
import type { ImageSet, SplitSets } from '../core/image-set';
import { sha256Hex } from '../data/shards/sha256';
import type { DataSource, ModelSource } from '../protocol/messages';

const SPLITS = ['train', 'idVal', 'ood'] as const;

/** Every byte of the own images that training sees: pixels, labels, groups, and each split's shape and names. */
function imageParts(sets: SplitSets): Uint8Array[] {
  const enc = new TextEncoder();
  return SPLITS.flatMap((split) => {
    const s: ImageSet = sets[split];
    const head = enc.encode(
      JSON.stringify([
        split,
        s.n,
        s.height,
        s.width,
        s.channels,
        s.numClasses,
        s.classNames ?? null,
        s.numGroups ?? null,
      ]),
    );
    const bytes = (a: Int32Array | undefined): Uint8Array =>
      a ? new Uint8Array(a.buffer, a.byteOffset, a.byteLength) : new Uint8Array(0);
    return [head, s.pixels, bytes(s.labels), bytes(s.groups)];
  });
}

export async function loadIdentity(model: ModelSource, data: DataSource): Promise<string> {
  const { images, ...rest } = data;
  // An own checkpoint's bytes are named by their SHA-256 (checked against them when loaded).
  const named =
    model.kind === 'own'
      ? {
          kind: model.kind,
          file: model.file,
          sha256: model.sha256,
          config: model.config,
          seed: model.seed,
        }
      : model;
  const parts = [
    new TextEncoder().encode(JSON.stringify({ model: named, data: rest })),
    ...(images ? imageParts(images) : []),
  ];
  const all = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.byteLength;
  }
  return (await sha256Hex(all)).slice(0, 16);
}
