import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { broadcastStrides } from '../../../src/core/cpu-kernels/broadcast-binary';
import { Rng } from '../../../src/core/rng';

/** Independent reference: numpy broadcasting by explicit index arithmetic, in float64. */
function reference(
  op: (x: number, y: number) => number,
  a: Float32Array,
  as: number[],
  b: Float32Array,
  bs: number[],
): { shape: number[]; values: number[] } {
  const r = Math.max(as.length, bs.length);
  const pa = [...Array(r - as.length).fill(1), ...as];
  const pb = [...Array(r - bs.length).fill(1), ...bs];
  const shape = pa.map((d, i) => (d === 1 ? (pb[i] as number) : d));
  const size = shape.reduce((x, y) => x * y, 1);
  const values: number[] = [];
  for (let f = 0; f < size; f++) {
    let rem = f;
    const loc = shape.map(() => 0);
    for (let d = r - 1; d >= 0; d--) {
      loc[d] = rem % (shape[d] as number);
      rem = Math.floor(rem / (shape[d] as number));
    }
    const flat = (p: number[]): number =>
      p.reduce((acc, dim, d) => acc * dim + (dim === 1 ? 0 : (loc[d] as number)), 0);
    values.push(op(a[flat(pa)] as number, b[flat(pb)] as number));
  }
  return { shape, values };
}

describe('CPU broadcasting Add / Sub / Multiply / RealDiv (registered over tfjs-backend-cpu)', () => {
  const rng = new Rng(3);
  const rand = (shape: number[]): tf.Tensor =>
    tf.tensor(
      Float32Array.from({ length: shape.reduce((x, y) => x * y, 1) }, () => rng.normal() + 2),
      shape,
    );
  const ops: [
    string,
    (a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
    (x: number, y: number) => number,
  ][] = [
    ['add', tf.add, (x, y) => x + y],
    ['sub', tf.sub, (x, y) => x - y],
    ['mul', tf.mul, (x, y) => x * y],
    ['div', tf.div, (x, y) => x / y],
  ];
  const cases: [number[], number[]][] = [
    [
      [4, 5, 6],
      [4, 5, 1],
    ], // LayerNorm's x - mean
    [[4, 5, 6], [6]], // bias
    [
      [4, 1, 6],
      [1, 5, 1],
    ], // both sides broadcast
    [[3, 4], []], // scalar
    [[], [3, 4]],
    [
      [2, 3, 4],
      [2, 3, 4],
    ], // same shape
    [
      [1, 1, 8],
      [5, 3, 8],
    ], // the ViT's position embedding
    [[0, 3], [3]], // empty
  ];
  it.each(ops.flatMap(([name, f, op]) => cases.map(([as, bs]) => ({ name, f, op, as, bs }))))(
    '$name [$as] with [$bs]',
    async ({ f, op, as, bs }) => {
      const a = rand(as);
      const b = rand(bs);
      const got = f(a, b);
      const want = reference(
        op,
        (await a.data()) as Float32Array,
        as,
        (await b.data()) as Float32Array,
        bs,
      );
      expect(got.shape).toEqual(want.shape);
      const g = await got.data();
      want.values.forEach((v, i) =>
        expect(Math.abs((g[i] as number) - Math.fround(v))).toBeLessThanOrEqual(
          1e-6 * Math.max(1, Math.abs(v)),
        ),
      );
      tf.dispose([a, b, got]);
    },
  );

  it('int32 arithmetic keeps the built-in kernel (and its int32 result)', async () => {
    const r = tf.add(tf.tensor1d([1, 2, 3], 'int32'), tf.scalar(2, 'int32'));
    expect(r.dtype).toBe('int32');
    expect(Array.from(await r.data())).toEqual([3, 4, 5]);
  });

  it('broadcast strides are 0 along broadcast dimensions', () => {
    expect(broadcastStrides([4, 1, 6], [4, 5, 6])).toEqual([6, 0, 1]);
    expect(broadcastStrides([6], [4, 5, 6])).toEqual([0, 0, 1]);
    expect(broadcastStrides([], [2, 2])).toEqual([0, 0]);
  });
});
