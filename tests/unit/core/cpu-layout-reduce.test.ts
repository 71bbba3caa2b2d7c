import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { permute, reduceSum } from '../../../src/core/cpu-kernels/layout-reduce';
import { Rng } from '../../../src/core/rng';

const rng = new Rng(5);
const rand = (shape: number[]): Float32Array =>
  Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());

/** Index of a multi-index in a row-major shape. */
const flat = (loc: number[], shape: readonly number[]): number =>
  loc.reduce((acc, v, d) => acc * (shape[d] as number) + v, 0);
function* locs(shape: readonly number[]): Generator<number[]> {
  const n = shape.reduce((a, b) => a * b, 1);
  for (let f = 0; f < n; f++) {
    let rem = f;
    const loc = shape.map(() => 0);
    for (let d = shape.length - 1; d >= 0; d--) {
      loc[d] = rem % (shape[d] as number);
      rem = Math.floor(rem / (shape[d] as number));
    }
    yield loc;
  }
}

describe('CPU permutes, reductions and softmax (registered over tfjs-backend-cpu)', () => {
  it.each([
    { shape: [32, 17, 3, 4, 2], perm: [2, 0, 3, 1, 4] }, // the attention's qkv split
    { shape: [2, 4, 3, 4, 3, 3], perm: [0, 1, 3, 2, 4, 5] }, // the ViT's patchify
    { shape: [5, 7], perm: [1, 0] },
    { shape: [3], perm: [0] },
  ])('permute $shape by $perm: out[loc] = x[loc permuted back]', ({ shape, perm }) => {
    const x = rand(shape);
    const { values, shape: out } = permute(x, shape, perm);
    expect(out).toEqual(perm.map((p) => shape[p]));
    for (const loc of locs(out)) {
      const src = new Array<number>(shape.length);
      perm.forEach((p, d) => (src[p] = loc[d] as number));
      expect(values[flat(loc, out)]).toBe(x[flat(src, shape)]);
    }
  });

  it.each([
    { shape: [4, 5, 6], axes: [0] },
    { shape: [4, 5, 6], axes: [2] },
    { shape: [4, 5, 6], axes: [0, 2] },
    { shape: [4, 5, 6], axes: [-1, 1] },
    { shape: [4, 5, 6], axes: [0, 1, 2] },
  ])('sum $shape over $axes equals an explicit float64 sum', ({ shape, axes }) => {
    const x = rand(shape);
    const r = shape.length;
    const red = axes.map((a) => (a < 0 ? a + r : a));
    const { values, kept } = reduceSum(x, shape, axes);
    const keptShape = shape.filter((_, d) => !red.includes(d));
    expect(kept).toEqual(keptShape);
    const want = new Float64Array(values.length);
    for (const loc of locs(shape)) {
      const w = flat(
        loc.filter((_, d) => !red.includes(d)),
        keptShape,
      );
      want[w] = (want[w] as number) + (x[flat(loc, shape)] as number);
    }
    want.forEach((v, i) => expect(values[i]).toBeCloseTo(v, 4));
  });

  it('tf.sum / tf.mean with keepDims, tf.transpose and tf.softmax go through them and agree with first principles', async () => {
    const x = tf.tensor3d(rand([3, 4, 5]), [3, 4, 5]);
    const xs = (await x.data()) as Float32Array;
    const m = tf.mean(x, [0, 2], true);
    expect(m.shape).toEqual([1, 4, 1]);
    const mv = await m.data();
    for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let i = 0; i < 3; i++)
        for (let k = 0; k < 5; k++) s += xs[(i * 4 + j) * 5 + k] as number;
      expect(mv[j]).toBeCloseTo(s / 15, 5);
    }
    const sm = await tf.softmax(x).data();
    for (let row = 0; row < 12; row++) {
      const v = Array.from(xs.subarray(row * 5, row * 5 + 5));
      const e = v.map((t) => Math.exp(t - Math.max(...v)));
      const z = e.reduce((a, b) => a + b, 0);
      e.forEach((t, k) => expect(sm[row * 5 + k]).toBeCloseTo(t / z, 6));
    }
    const t = tf.transpose(x, [2, 0, 1]);
    expect(t.shape).toEqual([5, 3, 4]);
    expect((await t.data())[flat([4, 2, 3], [5, 3, 4])]).toBe(xs[flat([2, 3, 4], [3, 4, 5])]);
    tf.dispose([x, m, t]);
  });

  it('int32 reductions keep the built-in kernels', async () => {
    const s = tf.sum(tf.tensor1d([1, 2, 3], 'int32'));
    expect(s.dtype).toBe('int32');
    expect(await s.data()).toEqual(Int32Array.from([6]));
  });
});
