/**
 * The experiment matrix: model x benchmark x method. Per cell, stage 1 sweeps the method's
 * learning rates at the sweep seed; stage 2 runs the other seeds at the learning rate whose
 * best epoch had the highest ID validation metric (the paper's selection, never OOD).
 * Runs already on disk are reused (resume). Progress with an ETA goes to `log`.
 */
import type { Recipe } from '../../presets/experiment-recipe';
import { runKey, sweepOf } from './load-recipe';
import type { RunRecord } from './record';
import type { RunStore } from './run-store';

export interface Cell {
  model: string;
  benchmark: string;
  method: string;
}

export interface RunRequest extends Cell {
  lr: number;
  seed: number;
}

export type Runner = (req: RunRequest) => Promise<RunRecord>;

export interface MatrixOptions {
  models: string[];
  benchmarks: string[];
  methods: string[];
  seeds: number[];
  recipe: Recipe;
  store: RunStore;
  run: Runner;
  log?: (line: string) => void;
  now?: () => number;
}

export interface CellResult extends Cell {
  /** Learning rate picked by ID validation from the sweep. */
  lr: number;
  sweep: RunRecord[];
  /** One record per seed at `lr` (the sweep seed's run included). */
  seeds: RunRecord[];
}

/** The sweep run with the best ID metric; diverged runs and runs without an epoch never win. */
export function pickLr(sweep: readonly RunRecord[]): number {
  const ok = sweep.filter((r) => r.best && !r.diverged);
  if (!ok.length)
    throw new Error(`every learning rate diverged (${sweep.map((r) => r.lr).join(', ')})`);
  return ok.reduce((a, b) => ((b.best?.id ?? -1) > (a.best?.id ?? -1) ? b : a)).lr;
}

export async function runMatrix(o: MatrixOptions): Promise<CellResult[]> {
  const now = o.now ?? (() => performance.now());
  const log = o.log ?? (() => undefined);
  const { recipe } = o;
  const cells: Cell[] = o.models.flatMap((model) =>
    o.benchmarks.flatMap((benchmark) => o.methods.map((method) => ({ model, benchmark, method }))),
  );
  const others = o.seeds.filter((s) => s !== recipe.sweepSeed);
  const planned = cells.reduce((a, c) => a + sweepOf(recipe, c.method).length + others.length, 0);
  let done = 0;
  let ran = 0;
  let spentMs = 0;
  const one = async (req: RunRequest): Promise<RunRecord> => {
    const key = runKey(req.model, req.benchmark, req.method, req.lr, req.seed, recipe.epochs);
    done++;
    const have = o.store.get(key);
    if (have) return have;
    const t = now();
    const r = await o.run(req);
    o.store.put(key, r);
    spentMs += now() - t;
    ran++;
    const eta = (spentMs / ran) * (planned - done);
    const b = r.best;
    log(
      `[${done}/${planned}] ${req.model} ${req.benchmark} ${req.method} lr ${req.lr} seed ${req.seed}: ` +
        (b ? `best epoch ${b.epoch} id ${b.id.toFixed(3)} ood ${b.ood.toFixed(3)}` : 'diverged') +
        ` (${r.seconds.toFixed(0)} s, ETA ${fmtMin(eta)})`,
    );
    return r;
  };
  const out: CellResult[] = [];
  for (const c of cells) {
    const sweep: RunRecord[] = [];
    for (const lr of sweepOf(recipe, c.method))
      sweep.push(await one({ ...c, lr, seed: recipe.sweepSeed }));
    const lr = pickLr(sweep);
    const seeds = [sweep.find((r) => r.lr === lr) as RunRecord];
    for (const seed of others) seeds.push(await one({ ...c, lr, seed }));
    out.push({ ...c, lr, sweep, seeds });
  }
  return out;
}

function fmtMin(ms: number): string {
  return ms < 90_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}
