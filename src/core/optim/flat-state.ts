/**
 * Optimizer state in ONE flat buffer for all the parameters that own state, with a segment
 * (offset, size, shape) per parameter: the layout the multi-tensor updates (optim/multi-adamw.ts,
 * multi-sgd.ts) run over in one kernel instead of one per parameter.
 *
 * Layout: `slots` state tensors per parameter (SGD momentum: buf; AdamW: m, v), each a run of
 * `total` floats: [slot 0 of every segment | slot 1 of every segment ...], so the buffer is
 * [slots * total] and segment i's slot s is at s * total + offset_i.
 *
 * Only parameters that have been updated own a segment (freeze-embed's "no state for frozen
 * parameters" holds: bytes = slots * 4 * their elements, exactly). Membership may change between
 * steps (a parameter unfrozen later joins): `ensure` appends the newcomers' segments, zero
 * state, and carries everything else over (rare: one concat on the device). A parameter that
 * owns state but gets no gradient in a step keeps its state unchanged (the callers' job).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerState, ParamState } from './optimizer';

export interface Segment {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
  readonly shape: readonly number[];
  /** This parameter's own step count (AdamW's bias correction); 0 before its first update. */
  step: number;
}

export class FlatState {
  private segs: Segment[] = [];
  private byName = new Map<string, Segment>();
  /** [slots * total], or null while no parameter owns state. */
  private buffer: tf.Variable | null = null;

  constructor(readonly slots: number) {}

  /** The parameters it holds state for, in segment order. */
  names(): string[] {
    return this.segments.map((s) => s.name);
  }

  get segments(): readonly Segment[] {
    return this.segs;
  }

  get total(): number {
    const last = this.segs[this.segs.length - 1];
    return last ? last.offset + last.size : 0;
  }

  get flat(): tf.Variable | null {
    return this.buffer;
  }

  segment(name: string): Segment | undefined {
    return this.byName.get(name);
  }

  /** Gives each of `params` without one a segment (zero state, step 0), carrying the rest over. */
  ensure(params: readonly { name: string; shape: readonly number[] }[]): void {
    const fresh = params.filter((p) => !this.byName.has(p.name));
    if (fresh.length === 0) return;
    const oldTotal = this.total;
    let offset = oldTotal;
    for (const p of fresh) {
      const size = tf.util.sizeFromShape([...p.shape]);
      this.add({ name: p.name, offset, size, shape: [...p.shape], step: 0 });
      offset += size;
    }
    const added = offset - oldTotal;
    const old = this.buffer;
    // [slots * total]: each slot's old run, then zeros for the newcomers.
    this.buffer = tf.tidy(() => {
      const zeros = tf.zeros([added]);
      const parts: tf.Tensor[] = [];
      for (let s = 0; s < this.slots; s++) {
        if (old) parts.push(tf.slice(old, [s * oldTotal], [oldTotal]));
        parts.push(zeros);
      }
      return tf.variable(tf.concat(parts), false);
    });
    old?.dispose();
  }

  /** Replaces the flat buffer with an update's output (same size). */
  assign(next: tf.Tensor): void {
    (this.buffer as tf.Variable).assign(next);
  }

  /** Segment `name`'s slot `slot` as a tensor of its shape (a slice of the flat buffer; generic path). */
  slotOf(name: string, slot: number): tf.Tensor {
    const s = this.byName.get(name) as Segment;
    return tf.reshape(
      tf.slice(this.buffer as tf.Variable, [slot * this.total + s.offset], [s.size]),
      [...s.shape],
    );
  }

  /**
   * The generic path's write-back: each slot's run rebuilt from `updates` (name -> one tensor
   * per slot) where given, the segment's current values elsewhere (left unchanged), in one concat.
   */
  replace(updates: ReadonlyMap<string, readonly tf.Tensor[]>): void {
    const parts: tf.Tensor[] = [];
    for (let k = 0; k < this.slots; k++) {
      for (const s of this.segs)
        parts.push(tf.reshape(updates.get(s.name)?.[k] ?? this.slotOf(s.name, k), [-1]));
    }
    this.assign(tf.concat(parts));
  }

  bytes(): number {
    return this.buffer ? this.buffer.size * 4 : 0;
  }

  /** Every segment's state on the host, in ONE readback (a GPU->CPU sync point: snapshots only). */
  async read(): Promise<OptimizerState> {
    const out = new Map<string, ParamState>();
    if (!this.buffer) return out;
    const data = (await this.buffer.data()) as Float32Array;
    const total = this.total;
    for (const s of this.segs) {
      const tensors = Array.from({ length: this.slots }, (_, k) =>
        data.slice(k * total + s.offset, k * total + s.offset + s.size),
      );
      out.set(s.name, { tensors, shape: s.shape, step: s.step });
    }
    return out;
  }

  /** Replaces everything with a snapshot's state (segments in the snapshot's order). */
  load(state: OptimizerState): void {
    this.dispose();
    let offset = 0;
    for (const [name, s] of state) {
      const size = tf.util.sizeFromShape([...s.shape]);
      if (s.tensors.length !== this.slots || s.tensors.some((t) => t.length !== size)) {
        throw new Error(
          `optimizer state of ${name}: expected ${this.slots} tensors of ${size} floats, got ${s.tensors.map((t) => t.length).join(', ') || 'none'}`,
        );
      }
      this.add({ name, offset, size, shape: [...s.shape], step: s.step });
      offset += size;
    }
    if (offset === 0) return;
    const host = new Float32Array(this.slots * offset);
    for (const seg of this.segs) {
      const s = state.get(seg.name) as ParamState;
      s.tensors.forEach((t, k) => host.set(t, k * offset + seg.offset));
    }
    this.buffer = tf.tidy(() => tf.variable(tf.tensor1d(host), false));
  }

  dispose(): void {
    this.buffer?.dispose();
    this.buffer = null;
    this.segs = [];
    this.byName = new Map();
  }

  private add(s: Segment): void {
    this.segs.push(s);
    this.byName.set(s.name, s);
  }
}
