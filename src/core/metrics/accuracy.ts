/** Accuracy statistics from predicted and true labels (pure; host side). */

export interface AccuracyReport {
  n: number;
  accuracy: number;
  /** Per group accuracy, when groups are given; NaN for an empty group. */
  perGroup?: number[];
  /** Lowest accuracy over non-empty groups (the Waterbirds OOD metric). */
  worstGroup?: number;
  /**
   * Mean of group accuracies weighted by `groupWeights` (e.g. the training distribution's
   * group proportions: Waterbirds' "reweighted" ID accuracy); uniform weights if absent.
   */
  reweighted?: number;
}

export function accuracyReport(
  pred: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups?: ArrayLike<number>,
  numGroups?: number,
  groupWeights?: readonly number[],
): AccuracyReport {
  const n = labels.length;
  if (pred.length !== n) throw new Error(`${pred.length} predictions for ${n} labels`);
  let correct = 0;
  for (let i = 0; i < n; i++) if (pred[i] === labels[i]) correct++;
  const report: AccuracyReport = { n, accuracy: n ? correct / n : NaN };
  if (!groups) return report;
  const G = numGroups ?? Math.max(-1, ...Array.from(groups)) + 1;
  const hit = new Array<number>(G).fill(0);
  const cnt = new Array<number>(G).fill(0);
  for (let i = 0; i < n; i++) {
    const g = groups[i] as number;
    cnt[g] = (cnt[g] as number) + 1;
    if (pred[i] === labels[i]) hit[g] = (hit[g] as number) + 1;
  }
  const perGroup = hit.map((h, g) => ((cnt[g] as number) ? h / (cnt[g] as number) : NaN));
  const present = perGroup.map((a, g) => ({ a, g })).filter((x) => !Number.isNaN(x.a));
  report.perGroup = perGroup;
  report.worstGroup = present.length ? Math.min(...present.map((x) => x.a)) : NaN;
  const w = present.map((x) => groupWeights?.[x.g] ?? 1);
  const wsum = w.reduce((a, b) => a + b, 0);
  report.reweighted = wsum
    ? present.reduce((acc, x, i) => acc + x.a * (w[i] as number), 0) / wsum
    : NaN;
  return report;
}

/** argmax over the last axis of a row-major [n, k] array. */
export function argmaxRows(values: ArrayLike<number>, k: number): Int32Array {
  const n = Math.floor(values.length / k);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bv = values[i * k] as number;
    for (let j = 1; j < k; j++) {
      const v = values[i * k + j] as number;
      if (v > bv) {
        bv = v;
        best = j;
      }
    }
    out[i] = best;
  }
  return out;
}
