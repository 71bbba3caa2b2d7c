/**
 * What a Load sends, and the key that says whether the worker already holds it: the benchmark
 * from the controls, or the user's imported images (keyed by import, not by content: a new
 * pick is a new load). Pure, so the panel and tests agree.
 */
import type { DataSource } from '../../protocol/messages';
import { dataSource, loadKey, modelSource } from '../settings/to-commands';
import type { Config } from '../settings/settings-table';
import { seedList } from '../settings/seed-list';
import type { OwnImages } from '../store/own-data-slice';

export type LoadRequest = { ok: true; key: string; data: DataSource } | { ok: false; reason: string };

/** `seed`: which of the comparison's seeds (settings/seed-list.ts) to load; default its first. */
export function loadRequest(c: Config, own: Pick<OwnImages, 'active' | 'result' | 'id' | 'error'>, seed = seedList(c)[0] ?? c.seed): LoadRequest {
  if (!own.active) return { ok: true, key: loadKey(c, seed), data: dataSource(c, seed) };
  if (!own.result) return { ok: false, reason: own.error ?? 'pick a folder of your images first (one subfolder per class)' };
  return {
    ok: true,
    key: JSON.stringify([modelSource(c, seed), 'own', own.id]),
    data: { benchmark: 'own-images', seed, images: own.result.sets },
  };
}
