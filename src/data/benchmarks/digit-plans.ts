/**
 * The planning shared by the benchmarks that draw every MNIST digit alike (acquisition, style):
 * each digit's base images split into train / idVal / OOD by the per-class counts, each image
 * planned with the group and rendering variant the benchmark assigns it.
 */
import { childRng } from '../data-rng';
import { greyAt } from '../shards/base-images';
import type { PlannedImage, SplitPlans } from './render-set';
import { splitPool } from './sampling';
import type { BaseLookup, BenchmarkOptions } from './types';

export type SplitName = keyof SplitPlans;

/**
 * Plans `numClasses` MNIST digits for benchmark `name`: digit c's pool is split with the rng
 * childRng(seed, `${name}/${c}`); `variantsOf(split, c, n)` gives the n images of that split and
 * digit their variant (also their group), in split order.
 */
export function planDigits(
  name: string,
  numClasses: number,
  base: BaseLookup,
  o: BenchmarkOptions,
  variantsOf: (split: SplitName, c: number, n: number) => readonly number[],
): SplitPlans {
  const plans = {
    train: [] as PlannedImage[],
    idVal: [] as PlannedImage[],
    ood: [] as PlannedImage[],
  };
  for (let c = 0; c < numClasses; c++) {
    const pool = base('mnist', c);
    const s = splitPool(
      pool.n,
      { idVal: o.valPerClass, ood: o.oodPerClass, train: o.trainPerClass },
      childRng(o.seed, `${name}/${c}`),
      `${name} digit ${c}`,
    );
    for (const split of ['train', 'idVal', 'ood'] as const) {
      const idx = s[split];
      const variants = variantsOf(split, c, idx.length);
      idx.forEach((i, k) => {
        const variant = variants[k] as number;
        plans[split].push({
          id: pool.ids[i] as number,
          grey: greyAt(pool, i),
          label: c,
          group: variant,
          variant,
        });
      });
    }
  }
  return plans;
}
