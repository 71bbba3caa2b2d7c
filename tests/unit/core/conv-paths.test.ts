/**
 * The CPU backend runs convolutions as im2col / shifted sums (fast gradients there); GPU
 * backends run tfjs's native kernels. Both paths must agree, in value and in gradient.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { conv2dIm2col, depthwiseShifted } from '../../../src/core/models/ops';
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
    const f1 = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.sum(tf.square(tf.conv2d(a, b, stride, 'valid')));
    const f2 = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.sum(tf.square(conv2dIm2col(a, b, stride)));
    const native = tf.conv2d(x, w, stride, 'valid');
    const ours = conv2dIm2col(x, w, stride);
    expect(ours.shape).toEqual(native.shape);
    expect(relErr(await ours.data(), await native.data())).toBeLessThan(1e-5);
    const [gx1, gw1] = tf.grads(f1)([x, w]) as tf.Tensor[];
    const [gx2, gw2] = tf.grads(f2)([x, w]) as tf.Tensor[];
    expect(relErr(await (gx2 as tf.Tensor).data(), await (gx1 as tf.Tensor).data())).toBeLessThan(1e-5);
    expect(relErr(await (gw2 as tf.Tensor).data(), await (gw1 as tf.Tensor).data())).toBeLessThan(1e-5);
  });

  it('depthwise 7x7', async () => {
    const x = tf.randomNormal([2, 10, 10, 4], 0, 1, 'float32', 3) as tf.Tensor4D;
    const w = tf.randomNormal([7, 7, 4, 1], 0, 1, 'float32', 4) as tf.Tensor4D;
    const native = tf.depthwiseConv2d(x, w, 1, 'valid');
    const ours = depthwiseShifted(x, w);
    expect(relErr(await ours.data(), await native.data())).toBeLessThan(1e-5);
    const [, gw1] = tf.grads((a: tf.Tensor4D, b: tf.Tensor4D) => tf.sum(tf.square(tf.depthwiseConv2d(a, b, 1, 'valid'))))([x, w]) as tf.Tensor[];
    const [, gw2] = tf.grads((a: tf.Tensor4D, b: tf.Tensor4D) => tf.sum(tf.square(depthwiseShifted(a, b))))([x, w]) as tf.Tensor[];
    expect(relErr(await (gw2 as tf.Tensor).data(), await (gw1 as tf.Tensor).data())).toBeLessThan(1e-5);
  });
});
