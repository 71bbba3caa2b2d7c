/**
 * Gradual unfreezing, one of the paper's ablations (Kumar et al., section 5: "gradual unfreezing
 * 76.2" OOD on CLIP ViT-B/16). ../shared/paper.md gives the method's name and score but not its
 * exact schedule; the reading implemented here is ULMFiT's (Howard & Ruder 2018), which the
 * method's name comes from, spread evenly over the whole run:
 *
 * - the model is cut into units from the head down: the head (with everything after the last
 *   block: the final norm), then each block of a ViT or each stage of a ResNet / ConvNeXt, last
 *   first, and last the embedding unit (everything before the first block: the patch embedding
 *   and position embedding, the stem);
 * - with K units and T steps, step t (0-based) trains the first min(K, floor(t K / T) + 1) units:
 *   the head alone from the start, one more unit every T / K steps, the embedding over the last
 *   T / K steps.
 *
 * A frozen unit gets no gradient and no optimizer state until it unfreezes (state is created
 * lazily, core/optim/optimizer.ts), so the bytes per parameter grow as the run goes. Plain data,
 * no tfjs: the page's memory accounting reads the same units. The twin: optim.py unfreeze_units.
 */
import type { ModelSpec } from './model-spec';

/** A layer's block or stage (`blocks.3`, `layer2`, `stages.1`), or null outside them. */
export function blockOf(layer: string): string | null {
  const m = /^(blocks\.\d+|layer\d+|stages\.\d+)(\.|$)/.exec(layer);
  return m ? (m[1] as string) : null;
}

/** The units' layers, head first, embedding last (see the file comment). */
export function unfreezeUnits(spec: Pick<ModelSpec, 'layers'>): string[][] {
  const first = spec.layers.findIndex((l) => blockOf(l) !== null);
  if (first < 0) return [spec.layers.slice().reverse()];
  let last = first;
  spec.layers.forEach((l, i) => {
    if (blockOf(l) !== null) last = i;
  });
  const blocks = new Map<string, string[]>();
  for (const l of spec.layers.slice(first, last + 1)) {
    const b = blockOf(l) ?? `between ${l}`; // a layer between blocks stays its own unit
    blocks.set(b, [...(blocks.get(b) ?? []), l]);
  }
  const units = [
    spec.layers.slice(last + 1),
    ...[...blocks.values()].reverse(),
    spec.layers.slice(0, first),
  ];
  return units.filter((u) => u.length > 0);
}

/** How many units train at 0-based `step` of `total`: 1 at the start, all over the last 1/K. */
export function unfrozenCount(units: number, step: number, total: number): number {
  if (units <= 0) return 0;
  const t = Math.max(0, Math.min(step, total));
  return Math.min(units, Math.floor((t * units) / Math.max(1, total)) + 1);
}

/** The first step (0-based) at which unit k (0 = the head) trains: ceil(k T / K). */
export function unfreezeStep(k: number, units: number, total: number): number {
  return k === 0 ? 0 : Math.ceil((k * Math.max(1, total)) / units);
}

/** The layers still frozen at `step` of `total` (empty once every unit trains). */
export function frozenLayersAt(
  spec: Pick<ModelSpec, 'layers'>,
  step: number,
  total: number,
): Set<string> {
  const units = unfreezeUnits(spec);
  return new Set(units.slice(unfrozenCount(units.length, step, total)).flat());
}
