/**
 * The WGSL programs of the WebGPU multi-tensor optimizer updates (multi-update-webgpu.ts: the
 * why and the dispatch counts): gather the gradients (or d = g + wd p) into one flat [total]
 * buffer, one program over the flat state, one program per parameter for its new weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import { f32, flatProgram, i32, runProgram } from './webgpu-program';
import { webGpuView, type Uniform } from '../backend-view';

/** Gradients per gather program: the output and the earlier values take 2 of the 8 bindings. */
const GATHER = 6;
/** Parameter/gradient pairs per SGD gather program. */
const GATHER_PAIRS = 3;

export const size = (t: tf.TensorInfo): number => tf.util.sizeFromShape(t.shape);

/**
 * [prev (m) | term(0) | term(1) ...]: prev (when given) then each item's elements, where an
 * item is a gradient G (term G[j]) or, `withDecay`, a pair (P, G) (term G[j] + wd * P[j]).
 */
function gatherOnce(
  backend: unknown,
  prev: tf.TensorInfo | null,
  ps: tf.TensorInfo[],
  gs: tf.TensorInfo[],
  wds: number[],
  withDecay: boolean,
): tf.TensorInfo {
  const k = gs.length;
  const m = prev ? size(prev) : 0;
  const sizes = gs.map(size);
  const total = m + sizes.reduce((a, b) => a + b, 0);
  const names = gs.flatMap((_, i) => (withDecay ? [`P${i}`, `G${i}`] : [`G${i}`]));
  const branches = gs
    .map((_, i) => {
      const term = withDecay ? `G${i}[j] + uniforms.wd${i} * P${i}[j]` : `G${i}[j]`;
      return `if (j < uniforms.n${i}) { setOutputAtIndex(index, ${term}); return; }\n          j = j - uniforms.n${i};`;
    })
    .join('\n          ');
  const main = `
        if (index >= uniforms.total) { return; }
        var j = index;
        ${prev ? 'if (j < uniforms.m) { setOutputAtIndex(index, Prev[j]); return; }' : ''}
        j = j - uniforms.m;
        ${branches}`;
  const uniforms = `total : i32, m : i32, ${sizes.map((_, i) => `n${i} : i32,`).join(' ')} ${withDecay ? wds.map((_, i) => `wd${i} : f32,`).join(' ') : ''}`;
  const program = flatProgram(
    `multi_gather_${withDecay ? 'd' : 'g'}${k}_${prev ? 'p' : 'n'}`,
    [...(prev ? ['Prev'] : []), ...names],
    uniforms,
    [total],
    total,
    main,
  );
  const inputs = [
    ...(prev ? [prev] : []),
    ...gs.flatMap((g, i) => (withDecay ? [ps[i] as tf.TensorInfo, g] : [g])),
  ];
  return runProgram(backend, program, inputs, [
    ...i32(total, m, ...sizes),
    ...(withDecay ? f32(...wds) : []),
  ]);
}

/** Every gradient (or d = g + wd p) in one flat [total] buffer, ceil(n / per) programs; the partial buffers are freed. */
export function gather(
  backend: unknown,
  ps: tf.TensorInfo[],
  gs: tf.TensorInfo[],
  wds: number[],
  withDecay: boolean,
): tf.TensorInfo {
  const per = withDecay ? GATHER_PAIRS : GATHER;
  let out: tf.TensorInfo | null = null;
  for (let i = 0; i < gs.length; i += per) {
    const next = gatherOnce(
      backend,
      out,
      ps.slice(i, i + per),
      gs.slice(i, i + per),
      wds.slice(i, i + per),
      withDecay,
    );
    if (out) webGpuView(backend).disposeData(out.dataId);
    out = next;
  }
  return out as tf.TensorInfo;
}

/** One program over the flat state: `body` sets `value` from the state and the gathered D (index < total). */
export function stateProgram(
  backend: unknown,
  key: string,
  d: tf.TensorInfo,
  s: tf.TensorInfo,
  total: number,
  uniforms: string,
  body: string,
  values: number[],
): tf.TensorInfo {
  const main = `
        if (index < uniforms.total) {
          let dj = D[index];
          ${body}
        }`;
  return runProgram(
    backend,
    flatProgram(
      `multi_state_${key}`,
      ['D', 'S'],
      `total : i32, ${uniforms}`,
      [size(s)],
      total,
      main,
    ),
    [d, s],
    [...i32(total), ...f32(...values)],
  );
}

/** One parameter's new weights: `value` from P[index], its state segment at `off` and, optionally, its gradient G. */
export function paramProgram(
  backend: unknown,
  key: string,
  inputs: tf.TensorInfo[],
  names: string[],
  uniforms: string,
  value: string,
  values: Uniform[],
): tf.TensorInfo {
  const p = inputs[0] as tf.TensorInfo;
  const main = `
        if (index < uniforms.n) {
          let pj = P[index];
          setOutputAtIndex(index, ${value});
        }`;
  return runProgram(
    backend,
    flatProgram(
      `multi_param_${key}`,
      names,
      `n : i32, off : i32, total : i32, ${uniforms}`,
      p.shape,
      size(p),
      main,
    ),
    inputs,
    values,
  );
}
