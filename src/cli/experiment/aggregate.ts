/**
 * From run records to the paper's table: per engine, model, benchmark and method, the learning
 * rate the sweep seed picked by ID validation, and the mean with a 90% interval over the seeds
 * at that rate (ID and OOD metric of each run's best-ID epoch).
 */
import { interval90, type Interval } from './stats';
import type { RunRecord } from './record';
import { pickLr } from './matrix';

export interface CellSummary {
  engine: RunRecord['engine'];
  model: string;
  benchmark: string;
  method: string;
  lr: number;
  sweepSeed: number;
  seeds: number[];
  id: Interval;
  ood: Interval;
  embedDrift: Interval;
  /** Per learning rate of the sweep: the sweep seed's best-epoch ID and OOD. */
  sweep: { lr: number; id: number | null; ood: number | null; diverged: boolean }[];
  secondsPerRun: number;
}

const cellKey = (r: RunRecord): string =>
  [r.engine, r.model, r.benchmark, r.method, r.epochs, JSON.stringify(r.data ?? {})].join('|');

export function summarise(records: readonly RunRecord[], sweepSeed: number): CellSummary[] {
  const cells = new Map<string, RunRecord[]>();
  for (const r of records) {
    const k = cellKey(r);
    cells.set(k, [...(cells.get(k) ?? []), r]);
  }
  const out: CellSummary[] = [];
  for (const rs of cells.values()) {
    const sweepRuns = rs.filter((r) => r.seed === sweepSeed);
    if (!sweepRuns.length) continue;
    let lr: number;
    try {
      lr = pickLr(sweepRuns);
    } catch {
      continue; // every rate diverged: nothing to report for this cell
    }
    const at = rs.filter((r) => r.lr === lr && r.best).sort((a, b) => a.seed - b.seed);
    const first = rs[0] as RunRecord;
    out.push({
      engine: first.engine,
      model: first.model,
      benchmark: first.benchmark,
      method: first.method,
      lr,
      sweepSeed,
      seeds: at.map((r) => r.seed),
      id: interval90(at.map((r) => r.best?.id ?? NaN)),
      ood: interval90(at.map((r) => r.best?.ood ?? NaN)),
      embedDrift: interval90(at.map((r) => r.embedDrift)),
      sweep: sweepRuns
        .sort((a, b) => a.lr - b.lr)
        .map((r) => ({
          lr: r.lr,
          id: r.best?.id ?? null,
          ood: r.best?.ood ?? null,
          diverged: r.diverged,
        })),
      secondsPerRun: rs.reduce((a, r) => a + r.seconds, 0) / rs.length,
    });
  }
  return out;
}

/** AdamW's OOD lead over SGD, and how much of it SGD freeze-embed recovers (1 = all of it). */
export interface GapReading {
  model: string;
  benchmark: string;
  engine: RunRecord['engine'];
  /** AdamW OOD mean - SGD OOD mean. */
  gap: number;
  /** Whether the gap exceeds both methods' 90% half-widths (intervals do not overlap). */
  significant: boolean;
  /** (freeze-embed OOD - SGD OOD) / gap, when there is a positive gap. */
  recovered: number | null;
}

export function gapReadings(
  cells: readonly CellSummary[],
  freezeMethod = 'sgd-freeze',
): GapReading[] {
  const find = (c: CellSummary, m: string): CellSummary | undefined =>
    cells.find(
      (x) =>
        x.engine === c.engine &&
        x.model === c.model &&
        x.benchmark === c.benchmark &&
        x.method === m,
    );
  const out: GapReading[] = [];
  for (const sgd of cells.filter((c) => c.method === 'sgd')) {
    const adamw = find(sgd, 'adamw');
    if (!adamw) continue;
    const fr = find(sgd, freezeMethod);
    const gap = adamw.ood.mean - sgd.ood.mean;
    const hw = (iv: Interval): number => (Number.isNaN(iv.half) ? Infinity : iv.half);
    out.push({
      model: sgd.model,
      benchmark: sgd.benchmark,
      engine: sgd.engine,
      gap,
      significant: gap > 0 && adamw.ood.mean - hw(adamw.ood) > sgd.ood.mean + hw(sgd.ood),
      recovered: fr && gap > 0 ? (fr.ood.mean - sgd.ood.mean) / gap : null,
    });
  }
  return out;
}
