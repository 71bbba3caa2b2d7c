/**
 * AdamW with torch.optim.AdamW semantics (decoupled decay, bias correction, eps added after
 * the square root):
 *   p <- p * (1 - lr * wd)
 *   m <- b1 m + (1 - b1) g;   v <- b2 v + (1 - b2) g^2
 *   p <- p - (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * t counts each parameter's own steps, as torch's per-parameter `step` state does.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ADAMW_KERNEL } from '../cpu-kernels/fused-update';
import { hasKernel, runKernels } from '../kernel-call';
import type { Optimizer, OptimizerState, ParamState, TrainedParam } from './optimizer';
import { readTensors, stateVariable } from './state-readback';
import type { OptimizerConfig } from '../../spec/optimizer-config';

type AdamWConfig = Extract<OptimizerConfig, { kind: 'adamw' }>;

interface Moments {
  m: tf.Variable;
  v: tf.Variable;
  step: number;
}

export class AdamW implements Optimizer {
  private readonly state = new Map<string, Moments>();

  constructor(readonly config: AdamWConfig) {}

  apply(params: readonly TrainedParam[], grads: ReadonlyMap<string, tf.Tensor>, lr: number): void {
    const { beta1, beta2, eps } = this.config;
    // One fused kernel per parameter where the backend has it (CPU); the generic ops elsewhere.
    const fused = hasKernel(ADAMW_KERNEL);
    for (const p of params) {
      const g = grads.get(p.name);
      if (!g) continue;
      let s = this.state.get(p.name);
      if (!s) {
        s = {
          m: tf.variable(tf.zerosLike(p.variable), false),
          v: tf.variable(tf.zerosLike(p.variable), false),
          step: 0,
        };
        this.state.set(p.name, s);
      }
      s.step += 1;
      const plr = lr * (p.lrScale ?? 1); // this parameter's rate (its param group's lr in torch)
      if (fused) {
        const [np, nm, nv] = runKernels(
          ADAMW_KERNEL,
          { p: p.variable, g, m: s.m, v: s.v },
          { lr: plr, weightDecay: p.weightDecay, beta1, beta2, eps, step: s.step },
        ) as [tf.Tensor, tf.Tensor, tf.Tensor];
        s.m.assign(nm);
        s.v.assign(nv);
        p.variable.assign(np);
        continue;
      }
      const decayed =
        p.weightDecay !== 0 ? tf.mul(p.variable, 1 - plr * p.weightDecay) : p.variable;
      s.m.assign(tf.add(tf.mul(s.m, beta1), tf.mul(g, 1 - beta1)));
      s.v.assign(tf.add(tf.mul(s.v, beta2), tf.mul(tf.square(g), 1 - beta2)));
      const stepSize = plr / (1 - beta1 ** s.step);
      const denom = tf.add(tf.div(tf.sqrt(s.v), Math.sqrt(1 - beta2 ** s.step)), eps);
      p.variable.assign(tf.sub(decayed, tf.mul(tf.div(s.m, denom), stepSize)));
    }
  }

  stateNames(): string[] {
    return [...this.state.keys()];
  }

  floatsOfStatePerParam(): number {
    return 2;
  }

  stateBytes(): number {
    let n = 0;
    for (const s of this.state.values()) n += (s.m.size + s.v.size) * 4;
    return n;
  }

  async readState(): Promise<OptimizerState> {
    const entries = [...this.state];
    const values = await readTensors(entries.flatMap(([, s]) => [s.m, s.v]));
    const state = (s: Moments, i: number): ParamState => ({
      tensors: [values[2 * i] as Float32Array, values[2 * i + 1] as Float32Array],
      shape: s.m.shape,
      step: s.step,
    });
    return new Map(entries.map(([name, s], i) => [name, state(s, i)]));
  }

  loadState(state: OptimizerState): void {
    this.dispose();
    for (const [name, s] of state) {
      const [m, v] = s.tensors as [Float32Array, Float32Array];
      this.state.set(name, {
        m: stateVariable(m, s.shape),
        v: stateVariable(v, s.shape),
        step: s.step,
      });
    }
  }

  dispose(): void {
    for (const s of this.state.values()) {
      s.m.dispose();
      s.v.dispose();
    }
    this.state.clear();
  }
}
