/**
 * What each worker of a pool holds: the load key of the model and data it loaded last (a job
 * of the same key does not load again), and a warm-up load still in flight (worker-pool.ts
 * `warm`), which the worker's first job waits for instead of loading a second time.
 */
import type { DataSource, ModelSource } from '../../protocol/messages';
import type { TrainingClient } from '../worker-client/training-client';

/** A warm-up load waits this long for the worker's answer, as a job's load does. */
const LOAD_TIMEOUT_MS = 10 * 60_000;

export class HeldLoads {
  private readonly keys: (string | null)[] = [];
  private readonly pending: (Promise<void> | null)[] = [];

  /** A worker joins the pool, holding nothing. */
  add(): void {
    this.keys.push(null);
    this.pending.push(null);
  }

  /** The pool's last worker leaves. */
  drop(): void {
    this.keys.pop();
    this.pending.pop();
  }

  key(w: number): string | null {
    return this.keys[w] ?? null;
  }

  set(w: number, key: string | null): void {
    if (w < this.keys.length) this.keys[w] = key;
  }

  /** Resolves once worker `w`'s warm-up load, if one is in flight, has ended (either way). */
  settled(w: number): Promise<void> {
    return this.pending[w] ?? Promise.resolve();
  }

  /** Loads `l` on worker `w` ahead of its first job, unless it holds it or a warm-up is in flight. */
  preload(
    w: number,
    client: TrainingClient,
    l: { key: string; model: ModelSource; data: DataSource },
  ): void {
    if (this.pending[w] || this.keys[w] === l.key) return;
    const done = client
      .request({ type: 'load', model: l.model, data: l.data }, { timeoutMs: LOAD_TIMEOUT_MS })
      .then(
        () => this.set(w, l.key),
        () => this.set(w, null),
      );
    this.pending[w] = done.finally(() => (this.pending[w] = null));
  }
}
