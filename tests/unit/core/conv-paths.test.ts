/**
 * The CPU backend runs convolutions with hand-written gradients (cpu-conv.ts); GPU backends run
 * tfjs's native kernels. Both paths must agree, in value and in gradient.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { conv2dFastGrad, depthwiseFastGrad } from '../../../src/core/models/cpu-conv';
import { relErr } from '../../helpers/fixtures';

describe('convolution paths agree', () => {
  it.each([
    [3, 1, 9],
    [3, 2, 9],
    [3, 2, 8],
    [1, 2, 7],
    [2, 2, 8],
    [7, 7, 14],
  ])('conv2d kernel %i, stride %i, input %i', async (k, stride, size) => {
    const x = tf.randomNormal([2, size, size, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const w = tf.randomNormal([k, k, 3, 5], 0, 1, 'float32', 2) as tf.Tensor4D;
    const f1 = (...[a, b]: tf.Tensor[]) =>
      tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, 'valid')));
    const f2 = (...[a, b]: tf.Tensor[]) =>
      tf.sum(tf.square(conv2dFastGrad(a as tf.Tensor4D, b as tf.Tensor4D, stride)));
    const native = tf.conv2d(x, w, stride, 'valid');
    const ours = conv2dFastGrad(x, w, stride);
    expect(ours.shape).toEqual(native.shape);
    expect(relErr(await ours.data(), await native.data())).toBeLessThan(1e-5);
    const [gx1, gw1] = tf.grads(f1)([x, w]) as tf.Tensor[];
    const [gx2, gw2] = tf.grads(f2)([x, w]) as tf.Tensor[];
    expect(relErr(await (gx2 as tf.Tensor).data(), await (gx1 as tf.Tensor).data())).toBeLessThan(
      1e-5,
    );
    expect(relErr(await (gw2 as tf.Tensor).data(), await (gw1 as tf.Tensor).data())).toBeLessThan(
      1e-5,
    );
  });

  it('depthwise 7x7 padded 3 inside the kernel, as the ConvNeXt runs it', async () => {
    const x = tf.randomNormal([2, 5, 5, 4], 0, 1, 'float32', 5) as tf.Tensor4D;
    const w = tf.randomNormal([7, 7, 4, 1], 0, 1, 'float32', 6) as tf.Tensor4D;
    const native = (a: tf.Tensor4D, b: tf.Tensor4D): tf.Tensor4D =>
      tf.depthwiseConv2d(
        tf.pad(a, [
          [0, 0],
          [3, 3],
          [3, 3],
          [0, 0],
        ]) as tf.Tensor4D,
        b,
        1,
        'valid',
      );
    const ours = depthwiseFastGrad(x, w, 3);
    expect(ours.shape).toEqual([2, 5, 5, 4]);
    expect(relErr(await ours.data(), await native(x, w).data())).toBeLessThan(1e-5);
    const r = tf.randomNormal([2, 5, 5, 4], 0, 1, 'float32', 7);
    const grads = (f: (a: tf.Tensor4D, b: tf.Tensor4D) => tf.Tensor4D) =>
      tf.grads((...[a, b]: tf.Tensor[]) =>
        tf.sum(tf.mul(f(a as tf.Tensor4D, b as tf.Tensor4D), r)),
      )([x, w]) as tf.Tensor[];
    const [gx1, gw1] = grads(native);
    const [gx2, gw2] = grads((a, b) => depthwiseFastGrad(a, b, 3));
    expect(relErr(await (gx2 as tf.Tensor).data(), await (gx1 as tf.Tensor).data())).toBeLessThan(
      1e-5,
    );
    expect(relErr(await (gw2 as tf.Tensor).data(), await (gw1 as tf.Tensor).data())).toBeLessThan(
      1e-5,
    );
  });

  it('depthwise 7x7', async () => {
    const x = tf.randomNormal([2, 10, 10, 4], 0, 1, 'float32', 3) as tf.Tensor4D;
    const w = tf.randomNormal([7, 7, 4, 1], 0, 1, 'float32', 4) as tf.Tensor4D;
    const native = tf.depthwiseConv2d(x, w, 1, 'valid');
    const ours = depthwiseFastGrad(x, w);
    expect(relErr(await ours.data(), await native.data())).toBeLessThan(1e-5);
    const [gx1, gw1] = tf.grads((...[a, b]: tf.Tensor[]) =>
      tf.sum(tf.square(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid'))),
    )([x, w]) as tf.Tensor[];
    const [gx2, gw2] = tf.grads((...[a, b]: tf.Tensor[]) =>
      tf.sum(tf.square(depthwiseFastGrad(a as tf.Tensor4D, b as tf.Tensor4D))),
    )([x, w]) as tf.Tensor[];
    expect(relErr(await (gx2 as tf.Tensor).data(), await (gx1 as tf.Tensor).data())).toBeLessThan(
      1e-5,
    );
    expect(relErr(await (gw2 as tf.Tensor).data(), await (gw1 as tf.Tensor).data())).toBeLessThan(
      1e-5,
    );
  });
});
