/**
 * Gradient-norm bookkeeping. The device computes one squared L2 norm per parameter; the host
 * turns them into per-parameter, per-layer and per-group norms. A layer's (or group's) norm
 * is the L2 norm of the concatenation of its parameters' gradients: sqrt of summed squares,
 * not normalised by size, as the paper measures it.
 */
import type { ModelDef } from '../models/model';
import { groupOf } from '../../spec/model-spec';
import { GROUP_NAMES, numel, type GroupName } from '../../spec/param-spec';

export interface GradNorms {
  /** By parameter name; only parameters that had a gradient. */
  perParam: Record<string, number>;
  /** By layer (ModelDef.layers order); null when no parameter of the layer had a gradient (frozen). */
  perLayer: Record<string, number | null>;
  /** embed / body / head; null for a frozen group. */
  perGroup: Record<GroupName, number | null>;
  /** Over every parameter that had a gradient. */
  total: number;
}

/** names[i] has squared gradient norm sq[i]. */
export function gradNormsFromSquares(
  def: ModelDef,
  names: readonly string[],
  sq: ArrayLike<number>,
): GradNorms {
  const layerSq = new Map<string, number>();
  const groupSq = new Map<GroupName, number>();
  const specByName = new Map(def.specs.map((s) => [s.name, s]));
  const perParam: Record<string, number> = {};
  let totalSq = 0;
  names.forEach((name, i) => {
    const v = sq[i] as number;
    const spec = specByName.get(name);
    if (!spec) throw new Error(`unknown parameter ${name}`);
    perParam[name] = Math.sqrt(v);
    layerSq.set(spec.layer, (layerSq.get(spec.layer) ?? 0) + v);
    const g = groupOf(def, spec);
    groupSq.set(g, (groupSq.get(g) ?? 0) + v);
    totalSq += v;
  });
  const perLayer: Record<string, number | null> = {};
  for (const l of def.layers) {
    const v = layerSq.get(l);
    perLayer[l] = v === undefined ? null : Math.sqrt(v);
  }
  const perGroup = {} as Record<GroupName, number | null>;
  for (const g of GROUP_NAMES) {
    const v = groupSq.get(g);
    perGroup[g] = v === undefined ? null : Math.sqrt(v);
  }
  return { perParam, perLayer, perGroup, total: Math.sqrt(totalSq) };
}

/**
 * The paper's summary statistic: the embedding layer's gradient norm over the largest
 * middle-layer norm. The embedding layer is the model's first layer (patch embedding / stem);
 * middle layers are the body layers. null when either side is missing.
 */
export function embedToMaxMiddleRatio(
  def: ModelDef,
  perLayer: Record<string, number | null>,
): number | null {
  const first = def.layers[0];
  const e = first === undefined ? null : perLayer[first];
  let maxMid: number | null = null;
  for (const l of def.layers) {
    if (def.groupOfLayer.get(l) !== 'body') continue;
    const v = perLayer[l];
    if (v !== null && v !== undefined && (maxMid === null || v > maxMid)) maxMid = v;
  }
  return e === null || e === undefined || maxMid === null || maxMid === 0 ? null : e / maxMid;
}

/**
 * The same statistic per parameter (issue #20): each layer's norm divided by the square root
 * of its parameter count (the RMS of its gradient entries), first layer over the largest body
 * layer. The paper's layers differ a lot in size (CLIP's patch embedding 590k parameters, a
 * BiT stem 9.4k), so the raw ratio is partly a statement about size; this view is not.
 */
export function embedToMaxMiddleRmsRatio(
  def: ModelDef,
  perLayer: Record<string, number | null>,
): number | null {
  const sizes = new Map<string, number>();
  for (const s of def.specs)
    if (s.kind === 'param') sizes.set(s.layer, (sizes.get(s.layer) ?? 0) + numel(s.shape));
  const rms: Record<string, number | null> = {};
  for (const l of def.layers) {
    const v = perLayer[l];
    const n = sizes.get(l) ?? 0;
    rms[l] = v === null || v === undefined || n === 0 ? null : v / Math.sqrt(n);
  }
  return embedToMaxMiddleRatio(def, rms);
}
