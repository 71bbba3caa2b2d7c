/**
 * Declarative description of every tensor a model owns, named as timm/PyTorch name it.
 *
 * Layouts: tfjs and PyTorch order tensor axes differently. We keep weights in the layout
 * tfjs kernels want (so no transpose runs per step) and convert at the edges
 * (checkpoints, fixtures) with `layout`:
 *   linear: torch [out, in]            <-> tfjs [in, out]
 *   conv:   torch [O, I, kh, kw] (OIHW) <-> tfjs [kh, kw, I, O] (HWIO)
 *   dwconv: torch [C, 1, kh, kw]        <-> tfjs [kh, kw, C, 1]
 *   plain:  same order (biases, norms, cls token, position embedding, BN buffers)
 */
export type Layout = 'linear' | 'conv' | 'dwconv' | 'plain';

/** The paper's three parameter groups; they drive freezing, charts and memory accounting. */
export type GroupName = 'embed' | 'body' | 'head';
export const GROUP_NAMES: readonly GroupName[] = ['embed', 'body', 'head'];

/** How a parameter starts when it is not loaded from a checkpoint. */
export type Init =
  | { kind: 'zeros' }
  | { kind: 'ones' }
  | { kind: 'const'; value: number }
  | { kind: 'truncNormal'; std: number }
  /** Kaiming-normal (fan_out, ReLU), as torchvision initialises ResNet convs. */
  | { kind: 'kaimingNormal'; fan: number };

export interface ParamSpec {
  /** timm/PyTorch state-dict name, e.g. `blocks.0.attn.qkv.weight`. */
  readonly name: string;
  /** Shape in tfjs layout. */
  readonly shape: readonly number[];
  readonly layout: Layout;
  readonly init: Init;
  /** Layer for per-layer charts (paper's per-layer gradient plot), e.g. `blocks.0`. */
  readonly layer: string;
  /**
   * `param`: trained by the optimizer. `buffer`: state that is not trained (BatchNorm
   * running statistics); never gets a gradient or optimizer state.
   */
  readonly kind: 'param' | 'buffer';
  /** Whether weight decay applies (no decay on 1-D params, position embedding, cls token). */
  readonly decay: boolean;
}

export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Axis permutation that maps a tfjs-layout tensor to its PyTorch layout. */
export function toTorchPerm(layout: Layout, rank: number): number[] {
  switch (layout) {
    case 'linear':
      return [1, 0];
    case 'conv':
      return [3, 2, 0, 1];
    case 'dwconv':
      return [2, 3, 0, 1];
    case 'plain':
      return Array.from({ length: rank }, (_, i) => i);
  }
}

/** Axis permutation that maps a PyTorch-layout tensor to its tfjs layout. */
export function fromTorchPerm(layout: Layout, rank: number): number[] {
  const p = toTorchPerm(layout, rank);
  const inv = new Array<number>(rank);
  p.forEach((src, dst) => (inv[src] = dst));
  return inv;
}

export function torchShape(spec: Pick<ParamSpec, 'shape' | 'layout'>): number[] {
  return toTorchPerm(spec.layout, spec.shape.length).map((a) => spec.shape[a] as number);
}

/** Permute a dense row-major array: out has shape[perm[i]] on axis i. */
export function permute(
  data: Float32Array,
  shape: readonly number[],
  perm: readonly number[],
): Float32Array {
  const rank = shape.length;
  if (perm.every((p, i) => p === i)) return data.slice();
  const outShape = perm.map((p) => shape[p] as number);
  const inStrides = stridesOf(shape);
  const out = new Float32Array(data.length);
  const idx = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let i = 0; i < rank; i++)
      src += (idx[i] as number) * (inStrides[perm[i] as number] as number);
    out[o] = data[src] as number;
    // Increment the multi-index over outShape (row-major).
    for (let i = rank - 1; i >= 0; i--) {
      idx[i] = (idx[i] as number) + 1;
      if ((idx[i] as number) < (outShape[i] as number)) break;
      idx[i] = 0;
    }
  }
  return out;
}

function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--)
    s[i] = (s[i + 1] as number) * (shape[i + 1] as number);
  return s;
}
