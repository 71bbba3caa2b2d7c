/**
 * A model's live tensors: one tf.Variable per ParamSpec, in tfjs layout.
 * Variables are created without names so tfjs gives each a unique one: several runs can
 * coexist (comparisons) and disposing one never collides with another.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../rng';
import type { ModelDef, Params } from './model';
import { numel, type GroupName, type ParamSpec } from '../../spec/param-spec';
import { groupOf } from '../../spec/model-spec';
import { readTensors } from '../optim/state-readback';

export class ModelInstance {
  readonly params: Params;

  private constructor(
    readonly def: ModelDef,
    readonly vars: ReadonlyMap<string, tf.Variable>,
  ) {
    this.params = (name: string): tf.Tensor => {
      const v = this.vars.get(name);
      if (!v) throw new Error(`model has no tensor named ${name}`);
      return v;
    };
  }

  /** Fresh weights from the spec's initialisers, drawn from `rng` in spec order. */
  static init(def: ModelDef, rng: Rng): ModelInstance {
    const values = new Map<string, Float32Array>();
    for (const s of def.specs) values.set(s.name, initValues(s, rng));
    return ModelInstance.fromValues(def, values);
  }

  /** Weights given in tfjs layout, by name; every spec must be present. */
  static fromValues(def: ModelDef, values: ReadonlyMap<string, Float32Array>): ModelInstance {
    const vars = new Map<string, tf.Variable>();
    for (const s of def.specs) {
      const v = values.get(s.name);
      if (!v) throw new Error(`missing value for ${s.name}`);
      if (v.length !== numel(s.shape))
        throw new Error(`${s.name}: ${v.length} values for shape [${s.shape.join(', ')}]`);
      // The variable shares the tensor's buffer; dispose the tensor handle, or the buffer
      // would outlive the variable's first assign() (a leak of one weight copy).
      const t = tf.tensor(v, [...s.shape], 'float32');
      vars.set(s.name, tf.variable(t, s.kind === 'param'));
      t.dispose();
    }
    return new ModelInstance(def, vars);
  }

  spec(name: string): ParamSpec {
    const s = this.def.specs.find((x) => x.name === name);
    if (!s) throw new Error(`model has no tensor named ${name}`);
    return s;
  }

  group(name: string): GroupName {
    return groupOf(this.def, this.spec(name));
  }

  /** Names of parameters (not buffers) outside the frozen groups: the ones that train. */
  trainableNames(frozen: ReadonlySet<GroupName>): string[] {
    return this.def.specs
      .filter((s) => s.kind === 'param' && !frozen.has(groupOf(this.def, s)))
      .map((s) => s.name);
  }

  /** Overwrite some tensors (tfjs layout). */
  assign(values: ReadonlyMap<string, Float32Array>): void {
    for (const [name, v] of values) {
      const s = this.spec(name);
      tf.tidy(() => this.vars.get(name)?.assign(tf.tensor(v, [...s.shape], 'float32')));
    }
  }

  /**
   * All tensors read back to the CPU (tfjs layout), with ONE async readback: the tensors are
   * flattened and concatenated on the device first. A GPU->CPU sync point: call at
   * checkpoints and snapshots, never per step.
   */
  async readAll(
    names: readonly string[] = this.def.specs.map((s) => s.name),
  ): Promise<Map<string, Float32Array>> {
    const values = await readTensors(names.map((n) => this.params(n)));
    const out = new Map<string, Float32Array>();
    names.forEach((n, i) => out.set(n, values[i] as Float32Array));
    return out;
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
  }
}

function initValues(s: ParamSpec, rng: Rng): Float32Array {
  const out = new Float32Array(numel(s.shape));
  const init = s.init;
  switch (init.kind) {
    case 'zeros':
      break;
    case 'ones':
      out.fill(1);
      break;
    case 'const':
      out.fill(init.value);
      break;
    case 'truncNormal':
      for (let i = 0; i < out.length; i++) out[i] = rng.truncNormal() * init.std;
      break;
    case 'kaimingNormal': {
      const std = Math.sqrt(2 / init.fan);
      for (let i = 0; i < out.length; i++) out[i] = rng.normal() * std;
      break;
    }
  }
  return out;
}
