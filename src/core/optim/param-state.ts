/**
 * An optimizer's per-parameter state, kept by parameter name, and what every optimizer does
 * with it besides stepping: its names, its bytes, a readback (snapshots, to continue a run on
 * another backend) and a reload, and disposal. Two shapes:
 * - MomentsState (AdamW, LAMB): first and second moments [same shape as the parameter] and the
 *   parameter's own step count, as torch's per-parameter `step`;
 * - BufferState (SGD, LARS): one momentum buffer [same shape as the parameter].
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerState, ParamState, TrainedParam } from './optimizer';
import { readTensors, stateVariable } from './state-readback';

export interface Moments {
  m: tf.Variable;
  v: tf.Variable;
  step: number;
}

export class MomentsState {
  private readonly map = new Map<string, Moments>();

  /** The moments of `p`, zero at its first step. */
  of(p: TrainedParam): Moments {
    let s = this.map.get(p.name);
    if (!s) {
      s = {
        m: tf.variable(tf.zerosLike(p.variable), false),
        v: tf.variable(tf.zerosLike(p.variable), false),
        step: 0,
      };
      this.map.set(p.name, s);
    }
    return s;
  }

  names(): string[] {
    return [...this.map.keys()];
  }

  bytes(): number {
    let n = 0;
    for (const s of this.map.values()) n += (s.m.size + s.v.size) * 4;
    return n;
  }

  async read(): Promise<OptimizerState> {
    const entries = [...this.map];
    const values = await readTensors(entries.flatMap(([, s]) => [s.m, s.v]));
    const state = (s: Moments, i: number): ParamState => ({
      tensors: [values[2 * i] as Float32Array, values[2 * i + 1] as Float32Array],
      shape: s.m.shape,
      step: s.step,
    });
    return new Map(entries.map(([name, s], i) => [name, state(s, i)]));
  }

  load(state: OptimizerState): void {
    this.dispose();
    for (const [name, s] of state) {
      const [m, v] = s.tensors as [Float32Array, Float32Array];
      this.map.set(name, {
        m: stateVariable(m, s.shape),
        v: stateVariable(v, s.shape),
        step: s.step,
      });
    }
  }

  dispose(): void {
    for (const s of this.map.values()) {
      s.m.dispose();
      s.v.dispose();
    }
    this.map.clear();
  }
}

export class BufferState {
  private readonly map = new Map<string, tf.Variable>();

  get(name: string): tf.Variable | undefined {
    return this.map.get(name);
  }

  set(name: string, buf: tf.Variable): void {
    this.map.set(name, buf);
  }

  names(): string[] {
    return [...this.map.keys()];
  }

  bytes(): number {
    let n = 0;
    for (const b of this.map.values()) n += b.size * 4;
    return n;
  }

  async read(): Promise<OptimizerState> {
    const entries = [...this.map];
    const values = await readTensors(entries.map(([, b]) => b));
    const state = (b: tf.Variable, i: number): ParamState => ({
      tensors: [values[i] as Float32Array],
      shape: b.shape,
      step: 0,
    });
    return new Map(entries.map(([name, b], i) => [name, state(b, i)]));
  }

  /** A parameter with a buffer has stepped before: torch's clone-on-first-step is behind it. */
  load(state: OptimizerState): void {
    this.dispose();
    for (const [name, s] of state)
      this.map.set(name, stateVariable(s.tensors[0] as Float32Array, s.shape));
  }

  dispose(): void {
    for (const b of this.map.values()) b.dispose();
    this.map.clear();
  }
}

/** What an optimizer's per-parameter state store gives the Optimizer methods (MomentsState, BufferState, flat-state.ts FlatState). */
export interface StateStore {
  names(): string[];
  bytes(): number;
  read(): Promise<OptimizerState>;
  load(state: OptimizerState): void;
  dispose(): void;
}

/** The Optimizer methods that only hand over to the state store: every optimizer with one extends this. */
export abstract class StoreOptimizer<S extends StateStore> {
  protected abstract readonly state: S;

  /** Floats of state a trained parameter holds (the memory accounting). */
  abstract floatsOfStatePerParam(): number;

  stateNames(): string[] {
    return this.state.names();
  }

  stateBytes(): number {
    return this.state.bytes();
  }

  readState(): Promise<OptimizerState> {
    return this.state.read();
  }

  loadState(state: OptimizerState): void {
    this.state.load(state);
  }

  dispose(): void {
    this.state.dispose();
  }
}

/** Moments (AdamW, LAMB extend this): two floats of state a parameter. */
export abstract class MomentsOptimizer extends StoreOptimizer<MomentsState> {
  protected readonly state = new MomentsState();

  floatsOfStatePerParam(): number {
    return 2;
  }
}

/** Momentum buffers (SGD, LARS extend this): one float a parameter with momentum, none without. */
export abstract class BufferOptimizer extends StoreOptimizer<BufferState> {
  protected readonly state = new BufferState();

  protected abstract hasMomentum(): boolean;

  floatsOfStatePerParam(): number {
    return this.hasMomentum() ? 1 : 0;
  }
}
