/**
 * What a Load sends, and the key that says whether the worker already holds it: the benchmark
 * from the controls, or the user's imported images (keyed by import, not by content: a new
 * pick is a new load); the shipped, random or own weights (an own checkpoint keyed by its
 * SHA-256). Pure, so the panel and tests agree.
 */
import type { DataSource, ModelSource } from '../../protocol/messages';
import {
  dataSource,
  loadKey,
  modelKey,
  modelSource,
  NO_OWN_CHECKPOINT,
  OWN_WEIGHTS,
} from '../settings/to-commands';
import type { Config } from '../settings/settings-table';
import { seedList } from '../settings/seed-list';
import type { OwnCheckpoint } from '../store/own-checkpoint-slice';
import type { OwnImages } from '../store/own-data-slice';

export type LoadRequest =
  { ok: true; key: string; model: ModelSource; data: DataSource } | { ok: false; reason: string };

/**
 * `seed`: which of the comparison's seeds (settings/seed-list.ts) to load; default its first.
 * `ckpt`: the user's own checkpoint, which `model=own` needs (none: the reason says so).
 */
export function loadRequest(
  c: Config,
  own: Pick<OwnImages, 'active' | 'result' | 'id' | 'error'>,
  seed = seedList(c)[0] ?? c.seed,
  ckpt: OwnCheckpoint | null = null,
): LoadRequest {
  if (c.weights === OWN_WEIGHTS && !ckpt) return { ok: false, reason: NO_OWN_CHECKPOINT };
  const model = modelSource(c, seed, ckpt);
  if (!own.active)
    return { ok: true, key: loadKey(c, seed, ckpt), model, data: dataSource(c, seed) };
  if (!own.result)
    return {
      ok: false,
      reason: own.error ?? 'pick a folder of your images first (one subfolder per class)',
    };
  return {
    ok: true,
    key: JSON.stringify([modelKey(model), 'own', own.id]),
    model,
    data: { benchmark: 'own-images', seed, images: own.result.sets },
  };
}
