import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { gemmNT } from '../../../src/core/cpu-kernels/batch-mat-mul';
import { Rng } from '../../../src/core/rng';

/** Float64 reference: C[b] = op(A[b]) op(B[b]) with index-modulo batch broadcasting, as tfjs. */
function reference(
  a: tf.Tensor,
  b: tf.Tensor,
  ta: boolean,
  tb: boolean,
  av: Float32Array,
  bv: Float32Array,
): number[] {
  const [ra, ca] = a.shape.slice(-2) as [number, number];
  const [rb, cb] = b.shape.slice(-2) as [number, number];
  const M = ta ? ca : ra;
  const K = ta ? ra : ca;
  const N = tb ? rb : cb;
  const batchA = a.size / (ra * ca);
  const batchB = b.size / (rb * cb);
  const out: number[] = [];
  for (let bi = 0; bi < Math.max(batchA, batchB); bi++) {
    const oa = (bi % batchA) * ra * ca;
    const ob = (bi % batchB) * rb * cb;
    for (let i = 0; i < M; i++)
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let k = 0; k < K; k++)
          s +=
            (av[oa + (ta ? k * ca + i : i * ca + k)] as number) *
            (bv[ob + (tb ? j * cb + k : k * cb + j)] as number);
        out.push(s);
      }
  }
  return out;
}

describe('CPU BatchMatMul (registered over tfjs-backend-cpu)', () => {
  const rng = new Rng(7);
  const rand = (shape: number[]): tf.Tensor =>
    tf.tensor(
      Float32Array.from({ length: shape.reduce((x, y) => x * y, 1) }, () => rng.normal()),
      shape,
    );

  it.each([
    { name: '2-D', a: [5, 7], b: [7, 6], ta: false, tb: false },
    { name: 'transposeA (a weight gradient)', a: [9, 5], b: [9, 3], ta: true, tb: false },
    { name: 'transposeB (an input gradient)', a: [6, 4], b: [8, 4], ta: false, tb: true },
    { name: 'both transposed', a: [3, 5], b: [2, 3], ta: true, tb: true },
    { name: 'batched, attention scores', a: [4, 17, 16], b: [4, 17, 16], ta: false, tb: true },
    {
      name: 'batch broadcast (rank 3 times rank 2)',
      a: [3, 5, 4],
      b: [1, 4, 6],
      ta: false,
      tb: false,
    },
    { name: 'blocks and edges (9 x 7 by 7 x 10)', a: [9, 7], b: [7, 10], ta: false, tb: false },
    {
      name: 'a weight-gradient shape (transposeA, 37 rows of 13)',
      a: [37, 13],
      b: [37, 6],
      ta: true,
      tb: false,
    },
  ])('$name matches a float64 reference', async ({ a, b, ta, tb }) => {
    expect(tf.getBackend()).toBe('cpu');
    const A = rand(a);
    const B = rand(b);
    const got = await tf.matMul(A, B, ta, tb).data();
    const want = reference(
      A,
      B,
      ta,
      tb,
      (await A.data()) as Float32Array,
      (await B.data()) as Float32Array,
    );
    expect(got.length).toBe(want.length);
    for (let i = 0; i < want.length; i++)
      expect(Math.abs((got[i] as number) - (want[i] as number))).toBeLessThan(1e-5);
    tf.dispose([A, B]);
  });

  it('gradients through matMul still match (the kernel serves the backward pass too)', async () => {
    const x = rand([6, 5]);
    const w = rand([5, 3]);
    const [gx, gw] = tf.grads((xx: tf.Tensor, ww: tf.Tensor) =>
      tf.sum(tf.square(tf.matMul(xx as tf.Tensor2D, ww as tf.Tensor2D))),
    )([x, w]);
    // d/dW sum((xW)^2) = 2 x^T (xW); d/dx = 2 (xW) W^T
    const y = tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D);
    const yv = (await y.data()) as Float32Array;
    const xv = (await x.data()) as Float32Array;
    const wv = (await w.data()) as Float32Array;
    const gwWant = reference(x, y, true, false, xv, yv).map((v) => 2 * v);
    const gxWant = reference(y, w, false, true, yv, wv).map((v) => 2 * v);
    expect(
      Array.from(await gw!.data()).every((v, i) => Math.abs(v - (gwWant[i] as number)) < 1e-4),
    ).toBe(true);
    expect(
      Array.from(await gx!.data()).every((v, i) => Math.abs(v - (gxWant[i] as number)) < 1e-4),
    ).toBe(true);
    tf.dispose([x, w, y, gx!, gw!]);
  });

  it('gemmNT handles row and column counts that are not multiples of four', () => {
    // A [6, 2] times the 2 x 5 matrix whose transpose Bt [5, 2] is given.
    const a = Float32Array.from({ length: 12 }, (_, i) => i + 1);
    const bt = Float32Array.from([1, 0, 0, 1, 1, 1, 2, 0, 0, 3]);
    const c = new Float32Array(30);
    gemmNT(a, 0, bt, 0, c, 0, 6, 2, 5);
    for (let i = 0; i < 6; i++) {
      const [x, y] = [a[2 * i] as number, a[2 * i + 1] as number];
      expect(Array.from(c.subarray(i * 5, i * 5 + 5))).toEqual([x, y, x + y, 2 * x, 3 * y]);
    }
  });
});
