/**
 * The ResNet's convolutions in GFLOP/s: tfjs-backend-wasm (forward: XNNPACK; backward: the
 * engine's gradients, models/cpu-conv.ts: dx as forward convs by stride phase, dW as a forward
 * conv of transposed tensors) beside PyTorch on one thread (oneDNN), each of the default
 * ResNet's conv layers at the bench's batch, and XNNPACK's ceiling here: a large square
 * matmul on tfjs-wasm (XNNPACK's fully-connected operator, single-threaded, SIMD).
 * A FLOP is a multiply or an add: a conv's forward is 2 x its multiply-adds, forward and
 * backward together 3 x that (no dx for the stem, whose input is the image).
 */
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { conv2dFastGrad } from '../../core/models/cpu-conv';
import { resNetBlocks, RESNET_DEFAULT } from '../../spec/resnet-spec';
import { useBackend } from '../node-backend';
import { PYTHON } from '../python';
import { CONV_TORCH_PY } from './conv-torch-py';

/** One conv layer: input [batch, h, h, cin], kernel k x k, stride, padding; dx unless the stem. */
export interface ConvShape {
  name: string;
  h: number;
  cin: number;
  cout: number;
  k: number;
  stride: number;
  pad: number;
  inputGrad: boolean;
}

/** The default ResNet's convolutions in forward order. */
export function resNetConvs(): ConvShape[] {
  const cfg = RESNET_DEFAULT;
  let h = cfg.imageSize;
  const w0 = cfg.widths[0] as number;
  const out: ConvShape[] = [
    { name: 'conv1', h, cin: cfg.channels, cout: w0, k: 3, stride: 1, pad: 1, inputGrad: false },
  ];
  for (const b of resNetBlocks(cfg)) {
    const ho = Math.floor((h + 2 - 3) / b.stride) + 1;
    out.push({
      name: `${b.name}.conv1`,
      h,
      cin: b.cin,
      cout: b.cout,
      k: 3,
      stride: b.stride,
      pad: 1,
      inputGrad: true,
    });
    out.push({
      name: `${b.name}.conv2`,
      h: ho,
      cin: b.cout,
      cout: b.cout,
      k: 3,
      stride: 1,
      pad: 1,
      inputGrad: true,
    });
    if (b.proj)
      out.push({
        name: `${b.name}.downsample`,
        h,
        cin: b.cin,
        cout: b.cout,
        k: 1,
        stride: b.stride,
        pad: 0,
        inputGrad: true,
      });
    h = ho;
  }
  return out;
}

/** Multiply-adds of one forward conv at batch `n`. */
export const convMacs = (c: ConvShape, n: number): number => {
  const ho = Math.floor((c.h + 2 * c.pad - c.k) / c.stride) + 1;
  return n * ho * ho * c.cout * c.k * c.k * c.cin;
};

/** The fastest of `reps` runs of f, ms (its outputs read back, then disposed). */
async function fastest(f: () => tf.Tensor | tf.Tensor[], reps: number): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < reps + 1; i++) {
    const t = performance.now();
    const out = [f()].flat();
    await Promise.all(out.map((o) => o.data()));
    const ms = performance.now() - t;
    if (i > 0) best = Math.min(best, ms); // the first run sets up XNNPACK's operators
    tf.dispose(out);
  }
  return best;
}

/** wasm: [forward ms, forward + backward ms] of one conv layer at batch n. */
async function wasmConv(c: ConvShape, n: number, reps: number): Promise<[number, number]> {
  const x = tf.randomNormal([n, c.h, c.h, c.cin]) as tf.Tensor4D;
  const w = tf.randomNormal([c.k, c.k, c.cin, c.cout]) as tf.Tensor4D;
  const f = (a: tf.Tensor4D, b: tf.Tensor4D) => conv2dFastGrad(a, b, c.stride, c.pad, c.inputGrad);
  const r = tf.onesLike(f(x, w));
  const fwd = await fastest(() => f(x, w), reps);
  const both = await fastest(
    () => tf.grads((a, b) => tf.sum(tf.mul(f(a as tf.Tensor4D, b as tf.Tensor4D), r)))([x, w]),
    reps,
  );
  tf.dispose([x, w, r]);
  return [fwd, both];
}

/** XNNPACK's ceiling: GFLOP/s of an n x n x n matmul on tfjs-wasm (no transpose: its fully-connected operator). */
async function matMulCeiling(n: number, reps: number): Promise<number> {
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  const ms = await fastest(() => tf.matMul(a, b), reps);
  tf.dispose([a, b]);
  return (2 * n ** 3) / ms / 1e6;
}

/** PyTorch (one thread): [forward ms, forward + backward ms] per layer, or null without torch. */
function torchConvs(convs: ConvShape[], n: number, reps: number): [number, number][] | null {
  const r = spawnSync(PYTHON, ['-c', CONV_TORCH_PY, JSON.stringify({ convs, n, reps })], {
    encoding: 'utf8',
  });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout) as [number, number][];
}

const gf = (macs: number, ms: number): string => ((2 * macs) / ms / 1e6).toFixed(1);

/** Prints the per-layer table and the ceiling. */
export async function benchConvGflops(batch: number, reps: number): Promise<void> {
  await useBackend('wasm');
  const convs = resNetConvs();
  const ceiling = [await matMulCeiling(512, reps), await matMulCeiling(1024, Math.min(reps, 3))];
  const ours: [number, number][] = [];
  for (const c of convs) ours.push(await wasmConv(c, batch, reps));
  await useBackend('cpu');
  const torch = torchConvs(convs, batch, reps);
  console.log(
    `\n## The ResNet's convolutions, GFLOP/s at batch ${batch} (fastest of ${reps}; one thread each)\n`,
  );
  console.log(
    `XNNPACK's ceiling on tfjs-wasm (SIMD, one thread): a 512^3 matmul ${ceiling[0]?.toFixed(1)} GFLOP/s, 1024^3 ${ceiling[1]?.toFixed(1)} GFLOP/s\n`,
  );
  console.log(
    '| layer | input | MMAC fwd | wasm fwd ms (GFLOP/s) | wasm fwd+bwd ms (GFLOP/s) | PyTorch fwd ms (GFLOP/s) | PyTorch fwd+bwd ms (GFLOP/s) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  let tot = [0, 0, 0, 0, 0, 0]; // macs fwd, macs all, wasm fwd, wasm all, torch fwd, torch all
  convs.forEach((c, i) => {
    const m = convMacs(c, batch);
    const mAll = m * (c.inputGrad ? 3 : 2);
    const [wf, wb] = ours[i] as [number, number];
    const [tfw, tb] = torch?.[i] ?? [NaN, NaN];
    tot = [tot[0]! + m, tot[1]! + mAll, tot[2]! + wf, tot[3]! + wb, tot[4]! + tfw, tot[5]! + tb];
    console.log(
      `| ${c.name} | ${c.h}x${c.h}x${c.cin} -> ${c.cout}, k${c.k} s${c.stride} | ${(m / 1e6).toFixed(1)} | ${wf.toFixed(2)} (${gf(m, wf)}) | ${wb.toFixed(2)} (${gf(mAll, wb)}) | ${tfw.toFixed(2)} (${gf(m, tfw)}) | ${tb.toFixed(2)} (${gf(mAll, tb)}) |`,
    );
  });
  const [mf, ma, wf, wa, tfw, ta] = tot as [number, number, number, number, number, number];
  console.log(
    `| all | | ${(mf / 1e6).toFixed(1)} | ${wf.toFixed(1)} (${gf(mf, wf)}) | ${wa.toFixed(1)} (${gf(ma, wa)}) | ${tfw.toFixed(1)} (${gf(mf, tfw)}) | ${ta.toFixed(1)} (${gf(ma, ta)}) |`,
  );
}
