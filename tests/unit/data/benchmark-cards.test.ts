/**
 * Each benchmark does what its card says: class and group proportions, and a shift that is
 * real (and that its strength knob controls).
 */
import { describe, expect, it } from 'vitest';
import { acquisition } from '../../../src/data/benchmarks/acquisition';
import { loadBenchmark } from '../../../src/data/benchmarks/load-benchmark';
import { region, regionPriors } from '../../../src/data/benchmarks/region';
import { spurious } from '../../../src/data/benchmarks/spurious';
import { style } from '../../../src/data/benchmarks/style';
import { subpopulation } from '../../../src/data/benchmarks/subpopulation';
import { parseBaseImageId } from '../../../src/data/shards/base-id';
import { countBy, meanRgb, testStore } from './helpers';

const store = testStore();
const dist = (a: readonly number[], b: readonly number[]): number =>
  Math.sqrt(a.reduce((s, x, i) => s + (x - (b[i] as number)) ** 2, 0));
/** Load options: a seed and the train / idVal / OOD images per class. */
const perClass = (
  seed: number,
  trainPerClass: number,
  valPerClass: number,
  oodPerClass: number,
) => ({
  seed,
  trainPerClass,
  valPerClass,
  oodPerClass,
});

describe('subpopulation', () => {
  it('trains on ID subclasses only; OOD is unseen subclasses; superclasses balanced', async () => {
    const d = await loadBenchmark(subpopulation, store, perClass(1, 200, 60, 60));
    const { train, idVal, ood } = d.sets;
    expect(countBy(train.labels, 3)).toEqual([200, 200, 200]);
    expect(countBy(idVal.labels, 3)).toEqual([60, 60, 60]);
    expect(countBy(ood.labels, 3)).toEqual([60, 60, 60]);
    const subclasses = (ids: Int32Array): Set<number> =>
      new Set(Array.from(ids, (id) => parseBaseImageId(id).classIndex));
    expect(subclasses(d.provenance.train)).toEqual(new Set([0, 2, 5, 7, 1, 3]));
    expect(subclasses(d.provenance.ood)).toEqual(new Set([4, 6, 9, 8]));
  });

  it('strength sets the share of unseen subclasses in OOD', async () => {
    const d = await loadBenchmark(subpopulation, store, {
      seed: 1,
      strength: 0.5,
      oodPerClass: 100,
      trainPerClass: 10,
    });
    expect(countBy(d.sets.ood.groups ?? new Int32Array(), 2)).toEqual([150, 150]);
  });
});

describe('spurious', () => {
  it('correlates background and label 95% in train and idVal and balances OOD groups', async () => {
    const d = await loadBenchmark(spurious, store, perClass(2, 400, 100, 100));
    const g = (split: 'train' | 'idVal' | 'ood'): number[] =>
      countBy(d.sets[split].groups ?? new Int32Array(), 4);
    // groups: [garment on land, garment on water, footwear on land, footwear on water]
    expect(g('train')).toEqual([380, 20, 20, 380]);
    expect(g('idVal')).toEqual([95, 5, 5, 95]);
    expect(g('ood')).toEqual([50, 50, 50, 50]);
    expect(d.trainGroupWeights).toEqual(
      [0.475, 0.025, 0.025, 0.475].map((x) => expect.closeTo(x, 10)),
    );
    expect(d.oodMetric).toBe('worst-group-accuracy');
    expect(d.idMetric).toBe('group-reweighted-accuracy');
  });

  it('backgrounds differ in colour (water bluer than land), and strength 0 removes the cue', async () => {
    const bgShift = async (strength: number): Promise<number> => {
      const d = await loadBenchmark(spurious, store, { ...perClass(2, 100, 20, 100), strength });
      const s = d.sets.ood;
      const onWater = (i: number): boolean => (s.groups?.[i] as number) % 2 === 1;
      const water = meanRgb(s, onWater);
      const land = meanRgb(s, (i) => !onWater(i));
      return water[2] - water[0] - (land[2] - land[0]); // blue-minus-red, water vs land
    };
    expect(await bgShift(0.4)).toBeGreaterThan(20);
    expect(Math.abs(await bgShift(0))).toBeLessThan(3);
  });

  it('offers a fine-grained object task', async () => {
    const d = await loadBenchmark(spurious, store, {
      ...perClass(2, 20, 20, 20),
      params: { objects: 'fine' },
    });
    expect(d.sets.train.classNames).toEqual(['short-sleeved', 'long-sleeved']);
    const subclasses = new Set(
      Array.from(d.provenance.train, (id) => parseBaseImageId(id).classIndex),
    );
    expect(subclasses).toEqual(new Set([0, 6, 2, 4]));
  });
});

describe('style', () => {
  it('is balanced over digits and the OOD style differs in colour statistics, scaling with strength', async () => {
    const opts = perClass(3, 30, 30, 30);
    const d = await loadBenchmark(style, store, opts);
    expect(countBy(d.sets.train.labels, 10)).toEqual(new Array(10).fill(30));
    expect(countBy(d.sets.ood.labels, 10)).toEqual(new Array(10).fill(30));
    const saturation = (m: readonly number[]): number => Math.max(...m) - Math.min(...m);
    const id = meanRgb(d.sets.idVal);
    const half = dist(id, meanRgb(d.sets.ood));
    const full = dist(
      id,
      meanRgb((await loadBenchmark(style, store, { ...opts, strength: 1 })).sets.ood),
    );
    const none = dist(
      id,
      meanRgb((await loadBenchmark(style, store, { ...opts, strength: 0 })).sets.ood),
    );
    expect(none).toBeLessThan(2);
    expect(full).toBeGreaterThan(half);
    expect(half).toBeGreaterThan(2);
    expect(saturation(id)).toBeLessThan(6); // sketches are grey pencil on white
  });

  it('refuses an unknown style', async () => {
    await expect(loadBenchmark(style, store, { params: { trainStyle: 'cubism' } })).rejects.toThrow(
      /trainStyle/,
    );
  });
});

describe('acquisition', () => {
  it('spreads ID over the training sites evenly and puts OOD at the unseen site', async () => {
    const d = await loadBenchmark(acquisition, store, perClass(4, 60, 30, 20));
    expect(countBy(d.sets.train.groups ?? new Int32Array(), 5)).toEqual([200, 200, 200, 0, 0]);
    expect(countBy(d.sets.idVal.groups ?? new Int32Array(), 5)).toEqual([100, 100, 100, 0, 0]);
    expect(countBy(d.sets.ood.groups ?? new Int32Array(), 5)).toEqual([0, 0, 0, 0, 200]);
    expect(countBy(d.sets.train.labels, 10)).toEqual(new Array(10).fill(60));
  });

  it('the unseen site looks different, and strength 0 makes all sites alike', async () => {
    const opts = perClass(4, 20, 20, 20);
    const strong = await loadBenchmark(acquisition, store, opts);
    expect(dist(meanRgb(strong.sets.idVal), meanRgb(strong.sets.ood))).toBeGreaterThan(30);
    const none = await loadBenchmark(acquisition, store, { ...opts, strength: 0 });
    expect(dist(meanRgb(none.sets.idVal), meanRgb(none.sets.ood))).toBeLessThan(4);
  });

  it('refuses an OOD site that is also a training site', async () => {
    await expect(
      loadBenchmark(acquisition, store, { params: { trainSites: 'A,E', oodSite: 'E' } }),
    ).rejects.toThrow(/also a training site/);
  });
});

describe('region', () => {
  it('draws class counts from the ID and OOD priors, and the ground colour drifts', async () => {
    const d = await loadBenchmark(region, store, perClass(5, 100, 20, 100));
    const priors = regionPriors(0.7);
    const trainCounts = countBy(d.sets.train.labels, 10);
    const oodCounts = countBy(d.sets.ood.labels, 10);
    trainCounts.forEach((c, k) =>
      expect(Math.abs(c - 1000 * (priors.id[k] as number))).toBeLessThanOrEqual(1),
    );
    oodCounts.forEach((c, k) =>
      expect(Math.abs(c - 1000 * (priors.ood[k] as number))).toBeLessThanOrEqual(1),
    );
    // T-shirts: common in the training region (tilt +0.7), rare in the test region.
    expect(trainCounts[0]).toBeGreaterThan(2.5 * (oodCounts[0] as number)); // prior 1.49 vs 0.51
    const id = meanRgb(d.sets.idVal);
    const ood = meanRgb(d.sets.ood);
    expect(ood[0] - ood[2] - (id[0] - id[2])).toBeGreaterThan(20); // sandier, warmer
  });

  it('strength 0 means uniform priors on both sides', () => {
    const p = regionPriors(0);
    for (const x of [...p.id, ...p.ood]) expect(x).toBeCloseTo(0.1, 12);
  });
});
